CREATE TABLE "allowed_chats" (
	"organization_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"title" text,
	"crew" text,
	"allowed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allowed_chats_channel_chat_id_pk" PRIMARY KEY("channel","chat_id")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"channel" text NOT NULL,
	"external_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_channel_external_id_pk" PRIMARY KEY("channel","external_id")
);
--> statement-breakpoint
ALTER TABLE "rivet_users" ADD COLUMN "role" text DEFAULT 'technician' NOT NULL;--> statement-breakpoint
ALTER TABLE "rivet_users" ADD COLUMN "crew" text;--> statement-breakpoint
ALTER TABLE "rivet_users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allowed_chats" ADD CONSTRAINT "allowed_chats_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_rivet_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."rivet_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identities_user_idx" ON "identities" USING btree ("user_id");