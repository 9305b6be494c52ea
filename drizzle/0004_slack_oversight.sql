CREATE TABLE "oversight_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"opened_by" text NOT NULL,
	"person_id" uuid,
	"conversation_id" uuid,
	"tech_channel" text,
	"tech_chat_id" text,
	"work_order_id" integer,
	"question_id" uuid,
	"channel_id" text NOT NULL,
	"root_message_id" text,
	"card" jsonb NOT NULL,
	"report" jsonb,
	"priority" text,
	"taken_over_by" uuid,
	"touched_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oversight_threads_opened_by_unique" UNIQUE("opened_by")
);
--> statement-breakpoint
ALTER TABLE "oversight_threads" ADD CONSTRAINT "oversight_threads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_threads" ADD CONSTRAINT "oversight_threads_person_id_rivet_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."rivet_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_threads" ADD CONSTRAINT "oversight_threads_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oversight_threads" ADD CONSTRAINT "oversight_threads_taken_over_by_rivet_users_id_fk" FOREIGN KEY ("taken_over_by") REFERENCES "public"."rivet_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_threads_work_order_uq" ON "oversight_threads" USING btree ("organization_id","work_order_id") WHERE work_order_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_threads_root_uq" ON "oversight_threads" USING btree ("channel_id","root_message_id") WHERE root_message_id is not null;--> statement-breakpoint
CREATE INDEX "oversight_threads_person_idx" ON "oversight_threads" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "oversight_threads_conversation_idx" ON "oversight_threads" USING btree ("conversation_id","created_at");