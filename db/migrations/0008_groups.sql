CREATE TABLE "action_item_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"action_item_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"due_on" date,
	"by_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"ticket_id" integer,
	"reminded_for_due_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_status_check" CHECK ("action_items"."status" in ('offen','erledigt','vertagt','verworfen'))
);
--> statement-breakpoint
CREATE TABLE "agenda_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_documents_size_check" CHECK ("agenda_documents"."size" > 0 and "agenda_documents"."size" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text DEFAULT 'eintrag' NOT NULL,
	"title" text NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"duration_minutes" integer,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "agenda_items_kind_check" CHECK ("agenda_items"."kind" in ('eintrag','protokoll_genehmigung','offene_aufgaben')),
	CONSTRAINT "agenda_items_duration_check" CHECK ("agenda_items"."duration_minutes" is null or ("agenda_items"."duration_minutes" > 0 and "agenda_items"."duration_minutes" <= 600))
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"text" text NOT NULL,
	"votes_yes" integer,
	"votes_no" integer,
	"votes_abstain" integer,
	"year" integer,
	"number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_number_check" CHECK (("decisions"."year" is null) = ("decisions"."number" is null)),
	CONSTRAINT "decisions_votes_check" CHECK (coalesce("decisions"."votes_yes", 0) >= 0 and coalesce("decisions"."votes_no", 0) >= 0 and coalesce("decisions"."votes_abstain", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "group_join_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"municipality_id" integer NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"reason" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_join_requests_status_check" CHECK ("group_join_requests"."status" in ('offen','angenommen','abgelehnt'))
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"municipality_id" integer,
	"status" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id"),
	CONSTRAINT "meeting_attendance_status_check" CHECK ("meeting_attendance"."status" in ('anwesend','entschuldigt','abwesend'))
);
--> statement-breakpoint
CREATE TABLE "meeting_guests" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"name" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_rsvps" (
	"meeting_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_rsvps_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id"),
	CONSTRAINT "meeting_rsvps_answer_check" CHECK ("meeting_rsvps"."answer" in ('zusage','absage','vielleicht'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location_kind" text NOT NULL,
	"centre_id" text,
	"room_id" integer,
	"online_url" text,
	"status" text DEFAULT 'geplant' NOT NULL,
	"cancel_reason" text,
	"event_id" uuid,
	"agenda_sent_at" timestamp with time zone,
	"minutes_status" text,
	"minutes_released_at" timestamp with time zone,
	"minutes_released_by_id" uuid,
	"minutes_approved_on" date,
	"minutes_approved_in_id" integer,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_time_check" CHECK ("meetings"."ends_at" > "meetings"."starts_at"),
	CONSTRAINT "meetings_status_check" CHECK ("meetings"."status" in ('geplant','abgesagt')),
	CONSTRAINT "meetings_minutes_status_check" CHECK ("meetings"."minutes_status" is null or "meetings"."minutes_status" in ('entwurf','freigegeben')),
	CONSTRAINT "meetings_location_check" CHECK (("meetings"."location_kind" = 'zentral' and "meetings"."online_url" is null)
        or ("meetings"."location_kind" = 'zentrum' and "meetings"."centre_id" is not null and "meetings"."room_id" is not null and "meetings"."online_url" is null)
        or ("meetings"."location_kind" = 'online' and "meetings"."online_url" is not null and "meetings"."room_id" is null))
);
--> statement-breakpoint
CREATE TABLE "working_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"procedure_id" integer,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_groups_id_check" CHECK ("working_groups"."id" in ('EWOS','FINAS','PERSOS'))
);
--> statement-breakpoint
ALTER TABLE "room_bookings" ADD COLUMN "meeting_id" integer;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD CONSTRAINT "action_item_updates_action_item_id_action_items_id_fk" FOREIGN KEY ("action_item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_updates" ADD CONSTRAINT "action_item_updates_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_documents" ADD CONSTRAINT "agenda_documents_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_documents" ADD CONSTRAINT "agenda_documents_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_join_requests" ADD CONSTRAINT "group_join_requests_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_join_requests" ADD CONSTRAINT "group_join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_join_requests" ADD CONSTRAINT "group_join_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_join_requests" ADD CONSTRAINT "group_join_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_event_id_calendar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."calendar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minutes_released_by_id_users_id_fk" FOREIGN KEY ("minutes_released_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_groups" ADD CONSTRAINT "working_groups_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_item_updates_item_idx" ON "action_item_updates" USING btree ("action_item_id");--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "action_items_group_idx" ON "action_items" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "action_items_ticket_idx" ON "action_items" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "agenda_documents_item_idx" ON "agenda_documents" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "decisions_number_key" ON "decisions" USING btree ("group_id","year","number");--> statement-breakpoint
CREATE INDEX "decisions_meeting_idx" ON "decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_join_requests_open_key" ON "group_join_requests" USING btree ("group_id","user_id") WHERE "group_join_requests"."status" = 'offen';--> statement-breakpoint
CREATE INDEX "meetings_group_start_idx" ON "meetings" USING btree ("group_id","starts_at");--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "room_bookings_meeting_key" ON "room_bookings" USING btree ("meeting_id");