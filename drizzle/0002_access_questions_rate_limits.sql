CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"tat_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pending_questions" ADD COLUMN "asked_user_id" uuid;--> statement-breakpoint
ALTER TABLE "pending_questions" ADD CONSTRAINT "pending_questions_asked_user_id_rivet_users_id_fk" FOREIGN KEY ("asked_user_id") REFERENCES "public"."rivet_users"("id") ON DELETE no action ON UPDATE no action;