CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"person_id" uuid,
	"event_key" text,
	"work_order_id" integer,
	"filing_key" text,
	"trace_id" text,
	"score" integer,
	"said" jsonb,
	"corrected" jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_key_unique" UNIQUE("key")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "trace" jsonb;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_person_id_rivet_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."rivet_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_org_created_idx" ON "feedback" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_event_idx" ON "feedback" USING btree ("event_key");--> statement-breakpoint
CREATE INDEX "feedback_filing_idx" ON "feedback" USING btree ("filing_key") WHERE filing_key is not null;