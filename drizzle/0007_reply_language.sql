ALTER TABLE "rivet_users" ADD COLUMN "reply_language" text;--> statement-breakpoint
ALTER TABLE "rivet_users" ADD COLUMN "detected_language" text;