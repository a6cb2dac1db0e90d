CREATE TABLE "adviser_absences" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"rerouting_offered_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adviser_absences_range_check" CHECK ("adviser_absences"."ends_on" >= "adviser_absences"."starts_on"),
	CONSTRAINT "adviser_absences_kind_check" CHECK ("adviser_absences"."kind" in ('urlaub','krankheit','schulung','sonstiges'))
);
--> statement-breakpoint
CREATE TABLE "canned_replies" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "centre_closing_days" (
	"centre_id" text NOT NULL,
	"day" date NOT NULL,
	"note" text,
	CONSTRAINT "centre_closing_days_centre_id_day_pk" PRIMARY KEY("centre_id","day")
);
--> statement-breakpoint
CREATE TABLE "held_inbound_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reason" text NOT NULL,
	"ticket_id" integer,
	"from_address" text NOT NULL,
	"from_name" text,
	"subject" text NOT NULL,
	"raw" text NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "held_inbound_mails_reason_check" CHECK ("held_inbound_mails"."reason" in ('unknown_sender','not_participant')),
	CONSTRAINT "held_inbound_mails_status_check" CHECK ("held_inbound_mails"."status" in ('offen','angenommen','verworfen'))
);
--> statement-breakpoint
CREATE TABLE "product_contacts" (
	"procedure_id" integer PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"procedure_id" integer NOT NULL,
	"module_id" integer,
	"target_adviser_id" uuid,
	"target_centre_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_overrides_target_check" CHECK (("routing_overrides"."target_adviser_id" is null) <> ("routing_overrides"."target_centre_id" is null))
);
--> statement-breakpoint
CREATE TABLE "sla_targets" (
	"priority" text PRIMARY KEY NOT NULL,
	"response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	CONSTRAINT "sla_targets_positive_check" CHECK ("sla_targets"."response_minutes" > 0 and "sla_targets"."resolution_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "ticket_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" integer NOT NULL,
	"reply_id" integer,
	"visibility" text DEFAULT 'public' NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_attachments_size_check" CHECK ("ticket_attachments"."size" > 0 and "ticket_attachments"."size" <= 10485760),
	CONSTRAINT "ticket_attachments_visibility_check" CHECK ("ticket_attachments"."visibility" in ('public','internal'))
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_replies" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" integer NOT NULL,
	"visibility" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"author_email" text,
	"source" text DEFAULT 'portal' NOT NULL,
	"body" text NOT NULL,
	"moved_from_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('german', coalesce("ticket_replies"."body", ''))) STORED,
	CONSTRAINT "ticket_replies_visibility_check" CHECK ("ticket_replies"."visibility" in ('public','internal')),
	CONSTRAINT "ticket_replies_source_check" CHECK ("ticket_replies"."source" in ('portal','email'))
);
--> statement-breakpoint
CREATE TABLE "ticket_sla_notifications" (
	"ticket_id" integer NOT NULL,
	"target" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_sla_notifications_ticket_id_target_kind_pk" PRIMARY KEY("ticket_id","target","kind")
);
--> statement-breakpoint
CREATE TABLE "ticket_status_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" integer NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" integer NOT NULL,
	"event_id" uuid NOT NULL,
	"adviser_id" uuid,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"municipality_id" integer NOT NULL,
	"home_centre_id" text NOT NULL,
	"centre_id" text NOT NULL,
	"procedure_id" integer,
	"module_id" integer,
	"type" text NOT NULL,
	"priority" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'neu' NOT NULL,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"reporter_id" uuid,
	"reporter_name" text NOT NULL,
	"reporter_email" text NOT NULL,
	"filed_by_id" uuid,
	"channel" text DEFAULT 'portal' NOT NULL,
	"routing_kind" text NOT NULL,
	"routing_summary" text NOT NULL,
	"routing_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handed_off_at" timestamp with time zone,
	"handed_off_to" text,
	"reply_token" text NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"merged_into_id" integer,
	"escalated_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('german', coalesce("tickets"."number", '') || ' ' || coalesce("tickets"."title", '') || ' ' || coalesce("tickets"."description", ''))) STORED,
	CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('neu','zugewiesen','in_bearbeitung','rueckfrage','geloest','geschlossen')),
	CONSTRAINT "tickets_type_check" CHECK ("tickets"."type" in ('stoerung','frage','aenderungswunsch')),
	CONSTRAINT "tickets_priority_check" CHECK ("tickets"."priority" in ('niedrig','normal','hoch','kritisch')),
	CONSTRAINT "tickets_channel_check" CHECK ("tickets"."channel" in ('portal','telefon','email'))
);
--> statement-breakpoint
ALTER TABLE "adviser_absences" ADD CONSTRAINT "adviser_absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_absences" ADD CONSTRAINT "adviser_absences_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_replies" ADD CONSTRAINT "canned_replies_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_closing_days" ADD CONSTRAINT "centre_closing_days_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_inbound_mails" ADD CONSTRAINT "held_inbound_mails_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_inbound_mails" ADD CONSTRAINT "held_inbound_mails_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_contacts" ADD CONSTRAINT "product_contacts_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_contacts" ADD CONSTRAINT "product_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_overrides" ADD CONSTRAINT "routing_overrides_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_overrides" ADD CONSTRAINT "routing_overrides_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_overrides" ADD CONSTRAINT "routing_overrides_module_id_procedure_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."procedure_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_overrides" ADD CONSTRAINT "routing_overrides_target_adviser_id_users_id_fk" FOREIGN KEY ("target_adviser_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_overrides" ADD CONSTRAINT "routing_overrides_target_centre_id_centres_id_fk" FOREIGN KEY ("target_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_reply_id_ticket_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."ticket_replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_replies" ADD CONSTRAINT "ticket_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_sla_notifications" ADD CONSTRAINT "ticket_sla_notifications_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "ticket_status_changes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_visits" ADD CONSTRAINT "ticket_visits_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_visits" ADD CONSTRAINT "ticket_visits_event_id_calendar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."calendar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_visits" ADD CONSTRAINT "ticket_visits_adviser_id_users_id_fk" FOREIGN KEY ("adviser_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_home_centre_id_centres_id_fk" FOREIGN KEY ("home_centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_module_id_procedure_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."procedure_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_filed_by_id_users_id_fk" FOREIGN KEY ("filed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adviser_absences_user_idx" ON "adviser_absences" USING btree ("user_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "canned_replies_title_key" ON "canned_replies" USING btree ("centre_id","title");--> statement-breakpoint
CREATE INDEX "held_inbound_mails_status_idx" ON "held_inbound_mails" USING btree ("status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_overrides_key" ON "routing_overrides" USING btree ("centre_id","procedure_id",coalesce("module_id", 0));--> statement-breakpoint
CREATE INDEX "ticket_attachments_ticket_idx" ON "ticket_attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_replies_ticket_idx" ON "ticket_replies" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_replies_search_idx" ON "ticket_replies" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ticket_status_changes_ticket_idx" ON "ticket_status_changes" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_visits_event_key" ON "ticket_visits" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "ticket_visits_ticket_idx" ON "ticket_visits" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_year_sequence_key" ON "tickets" USING btree ("year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_reply_token_key" ON "tickets" USING btree ("reply_token");--> statement-breakpoint
CREATE INDEX "tickets_assignee_status_idx" ON "tickets" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "tickets_centre_status_idx" ON "tickets" USING btree ("centre_id","status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_municipality_idx" ON "tickets" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_procedure_idx" ON "tickets" USING btree ("procedure_id","status");--> statement-breakpoint
CREATE INDEX "tickets_status_created_idx" ON "tickets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_closed_idx" ON "tickets" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ("search");