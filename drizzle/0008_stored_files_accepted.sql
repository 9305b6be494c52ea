ALTER TABLE "stored_files" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "stored_files_user_idx" ON "stored_files" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stored_files_created_idx" ON "stored_files" USING btree ("created_at");--> statement-breakpoint
-- Files kept before this release were kept on purpose: they count as accepted (retention still applies).
UPDATE "stored_files" SET "accepted_at" = "created_at" WHERE "accepted_at" IS NULL;
