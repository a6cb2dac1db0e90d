ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_purpose_check";--> statement-breakpoint
ALTER TABLE "user_tokens" ADD COLUMN "new_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invitation_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invitation_withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_new_email_check" CHECK (("user_tokens"."purpose" = 'email_change') = ("user_tokens"."new_email" is not null));--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_purpose_check" CHECK ("user_tokens"."purpose" in ('invite','reset','email_change'));--> statement-breakpoint
-- Backfill: people invited before this column existed keep their invitation's expiry.
UPDATE "users" SET "invitation_expires_at" = (SELECT max("expires_at") FROM "user_tokens" WHERE "user_tokens"."user_id" = "users"."id" AND "user_tokens"."purpose" = 'invite') WHERE "password_hash" IS NULL;
