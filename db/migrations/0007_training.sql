CREATE TABLE "inhouse_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"municipality_id" integer NOT NULL,
	"requested_by" uuid,
	"topic" text NOT NULL,
	"procedure_id" integer,
	"wished_from" date NOT NULL,
	"wished_to" date NOT NULL,
	"participants" integer NOT NULL,
	"note" text,
	"status" text DEFAULT 'offen' NOT NULL,
	"reason" text,
	"seminar_id" integer,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inhouse_requests_status_check" CHECK ("inhouse_requests"."status" in ('offen','geplant','abgelehnt')),
	CONSTRAINT "inhouse_requests_participants_check" CHECK ("inhouse_requests"."participants" > 0),
	CONSTRAINT "inhouse_requests_period_check" CHECK ("inhouse_requests"."wished_to" >= "inhouse_requests"."wished_from")
);
--> statement-breakpoint
CREATE TABLE "room_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"label" text NOT NULL,
	"seminar_date_id" integer,
	CONSTRAINT "room_bookings_time_check" CHECK ("room_bookings"."ends_at" > "room_bookings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"directions" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rooms_capacity_check" CHECK ("rooms"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "seminar_attendance" (
	"participant_id" integer NOT NULL,
	"date_id" integer NOT NULL,
	"present" boolean NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminar_attendance_participant_id_date_id_pk" PRIMARY KEY("participant_id","date_id")
);
--> statement-breakpoint
CREATE TABLE "seminar_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"seminar_id" integer NOT NULL,
	"municipality_id" integer,
	"booked_by" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	CONSTRAINT "seminar_bookings_status_check" CHECK ("seminar_bookings"."status" in ('bestaetigt','wartend','storniert'))
);
--> statement-breakpoint
CREATE TABLE "seminar_dates" (
	"id" serial PRIMARY KEY NOT NULL,
	"seminar_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"event_id" uuid,
	CONSTRAINT "seminar_dates_time_check" CHECK ("seminar_dates"."ends_at" > "seminar_dates"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "seminar_feedback" (
	"participant_id" integer PRIMARY KEY NOT NULL,
	"seminar_id" integer NOT NULL,
	"stars" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminar_feedback_stars_check" CHECK ("seminar_feedback"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "seminar_participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"booking_id" integer NOT NULL,
	"seminar_id" integer NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"municipality_id" integer,
	"status" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminar_participants_status_check" CHECK ("seminar_participants"."status" in ('bestaetigt','wartend','storniert')),
	CONSTRAINT "seminar_participants_email_lower_check" CHECK ("seminar_participants"."email" = lower("seminar_participants"."email"))
);
--> statement-breakpoint
CREATE TABLE "seminar_trainers" (
	"seminar_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "seminar_trainers_seminar_id_user_id_pk" PRIMARY KEY("seminar_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "seminars" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"procedure_id" integer,
	"module_id" integer,
	"audience" text DEFAULT 'all' NOT NULL,
	"location_kind" text NOT NULL,
	"centre_id" text NOT NULL,
	"room_id" integer,
	"host_municipality_id" integer,
	"address" text,
	"online_url" text,
	"capacity" integer NOT NULL,
	"confirmed_seats" integer DEFAULT 0 NOT NULL,
	"registration_deadline" timestamp with time zone NOT NULL,
	"cancellation_deadline" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'entwurf' NOT NULL,
	"cancel_reason" text,
	"restricted_to_municipality_id" integer,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seminars_type_check" CHECK ("seminars"."type" in ('schulung','info')),
	CONSTRAINT "seminars_audience_check" CHECK ("seminars"."audience" in ('sysadmins','clerks','all')),
	CONSTRAINT "seminars_location_check" CHECK ("seminars"."location_kind" in ('room','inhouse','online')),
	CONSTRAINT "seminars_status_check" CHECK ("seminars"."status" in ('entwurf','veroeffentlicht','abgesagt')),
	CONSTRAINT "seminars_capacity_check" CHECK ("seminars"."capacity" > 0),
	CONSTRAINT "seminars_seats_check" CHECK ("seminars"."confirmed_seats" >= 0 and "seminars"."confirmed_seats" <= "seminars"."capacity"),
	CONSTRAINT "seminars_location_fields_check" CHECK (("seminars"."location_kind" = 'room' and "seminars"."room_id" is not null) or ("seminars"."location_kind" = 'inhouse' and "seminars"."host_municipality_id" is not null) or ("seminars"."location_kind" = 'online' and "seminars"."online_url" is not null))
);
--> statement-breakpoint
ALTER TABLE "inhouse_requests" ADD CONSTRAINT "inhouse_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inhouse_requests" ADD CONSTRAINT "inhouse_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inhouse_requests" ADD CONSTRAINT "inhouse_requests_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inhouse_requests" ADD CONSTRAINT "inhouse_requests_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inhouse_requests" ADD CONSTRAINT "inhouse_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_seminar_date_id_seminar_dates_id_fk" FOREIGN KEY ("seminar_date_id") REFERENCES "public"."seminar_dates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_attendance" ADD CONSTRAINT "seminar_attendance_participant_id_seminar_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."seminar_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_attendance" ADD CONSTRAINT "seminar_attendance_date_id_seminar_dates_id_fk" FOREIGN KEY ("date_id") REFERENCES "public"."seminar_dates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_attendance" ADD CONSTRAINT "seminar_attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_bookings" ADD CONSTRAINT "seminar_bookings_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_bookings" ADD CONSTRAINT "seminar_bookings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_bookings" ADD CONSTRAINT "seminar_bookings_booked_by_users_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_dates" ADD CONSTRAINT "seminar_dates_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_dates" ADD CONSTRAINT "seminar_dates_event_id_calendar_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."calendar_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_feedback" ADD CONSTRAINT "seminar_feedback_participant_id_seminar_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."seminar_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_feedback" ADD CONSTRAINT "seminar_feedback_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_booking_id_seminar_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."seminar_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_participants" ADD CONSTRAINT "seminar_participants_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_trainers" ADD CONSTRAINT "seminar_trainers_seminar_id_seminars_id_fk" FOREIGN KEY ("seminar_id") REFERENCES "public"."seminars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminar_trainers" ADD CONSTRAINT "seminar_trainers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_module_id_procedure_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."procedure_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_host_municipality_id_municipalities_id_fk" FOREIGN KEY ("host_municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_restricted_to_municipality_id_municipalities_id_fk" FOREIGN KEY ("restricted_to_municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seminars" ADD CONSTRAINT "seminars_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inhouse_requests_status_idx" ON "inhouse_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "inhouse_requests_municipality_idx" ON "inhouse_requests" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "room_bookings_room_time_idx" ON "room_bookings" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "room_bookings_seminar_date_key" ON "room_bookings" USING btree ("seminar_date_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_centre_name_key" ON "rooms" USING btree ("centre_id","name");--> statement-breakpoint
CREATE INDEX "seminar_bookings_queue_idx" ON "seminar_bookings" USING btree ("seminar_id","status","id");--> statement-breakpoint
CREATE INDEX "seminar_dates_seminar_idx" ON "seminar_dates" USING btree ("seminar_id","starts_at");--> statement-breakpoint
CREATE INDEX "seminar_feedback_seminar_idx" ON "seminar_feedback" USING btree ("seminar_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seminar_participants_live_key" ON "seminar_participants" USING btree ("seminar_id","email") WHERE "seminar_participants"."status" <> 'storniert';--> statement-breakpoint
CREATE INDEX "seminar_participants_booking_idx" ON "seminar_participants" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "seminar_participants_user_idx" ON "seminar_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "seminar_trainers_user_idx" ON "seminar_trainers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "seminars_status_start_idx" ON "seminars" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "seminars_centre_start_idx" ON "seminars" USING btree ("centre_id","starts_at");