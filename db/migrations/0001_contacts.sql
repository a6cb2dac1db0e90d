ALTER TABLE "centres" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "centres" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;