ALTER TABLE "link_tokens" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "rivet_users" ADD COLUMN "stripe_synced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "link_tokens_source_idx" ON "link_tokens" USING btree ("source");