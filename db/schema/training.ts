import { relations, sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { calendarEvents } from "./calendar";
import { meetings } from "./groups";
import { centres, municipalities } from "./members";
import { procedureModules, procedures } from "./procedures";

/**
 * Training (issue 8): seminars and information events, their dates, rooms, registrations with a
 * waiting list, attendance, feedback and in-house requests. Code in app/modules/training/.
 */

export const SEMINAR_TYPES = ["schulung", "info"] as const;
export type SeminarType = (typeof SEMINAR_TYPES)[number];
export const AUDIENCES = ["sysadmins", "clerks", "all"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const LOCATION_KINDS = ["room", "inhouse", "online"] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export const SEMINAR_STATUSES = ["entwurf", "veroeffentlicht", "abgesagt"] as const;
export type SeminarStatus = (typeof SEMINAR_STATUSES)[number];
export const PARTICIPANT_STATUSES = ["bestaetigt", "wartend", "storniert"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export const INHOUSE_STATUSES = ["offen", "geplant", "abgelehnt"] as const;
export type InhouseStatus = (typeof INHOUSE_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/** Rooms of the four centres (item 2). Meetings of the working groups book them too. */
export const rooms = pgTable(
  "rooms",
  {
    id: serial("id").primaryKey(),
    centreId: text("centre_id")
      .notNull()
      .references(() => centres.id),
    name: text("name").notNull(),
    capacity: integer("capacity").notNull(),
    /** How to get there: floor, entrance, parking; sent with the reminder (item 7). */
    directions: text("directions"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("rooms_centre_name_key").on(t.centreId, t.name), check("rooms_capacity_check", sql`${t.capacity} > 0`)],
);

/**
 * One row per time a room is taken, whatever takes it (a seminar date now, a meeting later). The
 * clash check reads this table under a lock on the room row, so two bookings cannot both pass it.
 */
export const roomBookings = pgTable(
  "room_bookings",
  {
    id: serial("id").primaryKey(),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** What the clash message names, e.g. "Schulung „OK.EWO Grundlagen“". */
    label: text("label").notNull(),
    seminarDateId: integer("seminar_date_id").references(() => seminarDates.id, { onDelete: "cascade" }),
    /** A working-group meeting (issue 9) in this room. */
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("room_bookings_room_time_idx").on(t.roomId, t.startsAt),
    uniqueIndex("room_bookings_seminar_date_key").on(t.seminarDateId),
    uniqueIndex("room_bookings_meeting_key").on(t.meetingId),
    check("room_bookings_time_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const seminars = pgTable(
  "seminars",
  {
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    /** Markdown, rendered safely. */
    description: text("description").notNull().default(""),
    type: text("type").$type<SeminarType>().notNull(),
    procedureId: integer("procedure_id").references(() => procedures.id),
    moduleId: integer("module_id").references(() => procedureModules.id),
    audience: text("audience").$type<Audience>().notNull().default("all"),
    locationKind: text("location_kind").$type<LocationKind>().notNull(),
    /** The organising centre: the room's, the host municipality's, or chosen for online events. */
    centreId: text("centre_id")
      .notNull()
      .references(() => centres.id),
    roomId: integer("room_id").references(() => rooms.id),
    /** In-house: the host municipality, and the address there. */
    hostMunicipalityId: integer("host_municipality_id").references(() => municipalities.id),
    address: text("address"),
    onlineUrl: text("online_url"),
    capacity: integer("capacity").notNull(),
    /** Seats held by confirmed participants; the check constraint keeps it within capacity (G33). */
    confirmedSeats: integer("confirmed_seats").notNull().default(0),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }).notNull(),
    cancellationDeadline: timestamp("cancellation_deadline", { withTimezone: true }).notNull(),
    status: text("status").$type<SeminarStatus>().notNull().default("entwurf"),
    cancelReason: text("cancel_reason"),
    /** Only this municipality's people may register (seminars made from an in-house request). */
    restrictedToMunicipalityId: integer("restricted_to_municipality_id").references(() => municipalities.id),
    /** First start and last end of its dates, kept by the commands for lists and feeds. */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("seminars_status_start_idx").on(t.status, t.startsAt),
    index("seminars_centre_start_idx").on(t.centreId, t.startsAt),
    check("seminars_type_check", sql`${t.type} in (${inList(SEMINAR_TYPES)})`),
    check("seminars_audience_check", sql`${t.audience} in (${inList(AUDIENCES)})`),
    check("seminars_location_check", sql`${t.locationKind} in (${inList(LOCATION_KINDS)})`),
    check("seminars_status_check", sql`${t.status} in (${inList(SEMINAR_STATUSES)})`),
    check("seminars_capacity_check", sql`${t.capacity} > 0`),
    check("seminars_seats_check", sql`${t.confirmedSeats} >= 0 and ${t.confirmedSeats} <= ${t.capacity}`),
    check(
      "seminars_location_fields_check",
      sql`(${t.locationKind} = 'room' and ${t.roomId} is not null) or (${t.locationKind} = 'inhouse' and ${t.hostMunicipalityId} is not null) or (${t.locationKind} = 'online' and ${t.onlineUrl} is not null)`,
    ),
  ],
);

/** The dates of a seminar: one calendar-engine event each (ADR 017), created at publishing. */
export const seminarDates = pgTable(
  "seminar_dates",
  {
    id: serial("id").primaryKey(),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    eventId: uuid("event_id").references(() => calendarEvents.id),
  },
  (t) => [index("seminar_dates_seminar_idx").on(t.seminarId, t.startsAt), check("seminar_dates_time_check", sql`${t.endsAt} > ${t.startsAt}`)],
);

export const seminarTrainers = pgTable(
  "seminar_trainers",
  {
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.seminarId, t.userId] }), index("seminar_trainers_user_idx").on(t.userId)],
);

/**
 * A booking: one person registering themselves, or municipal IT registering several colleagues at
 * once (a group). The waiting list is the bookings with status `wartend`, in `id` order; a group
 * moves up as a whole (ADR 018).
 */
export const seminarBookings = pgTable(
  "seminar_bookings",
  {
    id: serial("id").primaryKey(),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    bookedBy: uuid("booked_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<ParticipantStatus>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
  },
  (t) => [
    index("seminar_bookings_queue_idx").on(t.seminarId, t.status, t.id),
    check("seminar_bookings_status_check", sql`${t.status} in (${inList(PARTICIPANT_STATUSES)})`),
  ],
);

/** One seat: a person with or without an account. Nobody holds two live seats (unique index). */
export const seminarParticipants = pgTable(
  "seminar_participants",
  {
    id: serial("id").primaryKey(),
    bookingId: integer("booking_id")
      .notNull()
      .references(() => seminarBookings.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** Lower-cased. */
    email: text("email").notNull(),
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    status: text("status").$type<ParticipantStatus>().notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("seminar_participants_live_key").on(t.seminarId, t.email).where(sql`${t.status} <> 'storniert'`),
    index("seminar_participants_booking_idx").on(t.bookingId),
    index("seminar_participants_user_idx").on(t.userId),
    check("seminar_participants_status_check", sql`${t.status} in (${inList(PARTICIPANT_STATUSES)})`),
    check("seminar_participants_email_lower_check", sql`${t.email} = lower(${t.email})`),
  ],
);

/** Attendance per participant and date (item 8). */
export const seminarAttendance = pgTable(
  "seminar_attendance",
  {
    participantId: integer("participant_id")
      .notNull()
      .references(() => seminarParticipants.id, { onDelete: "cascade" }),
    dateId: integer("date_id")
      .notNull()
      .references(() => seminarDates.id, { onDelete: "cascade" }),
    present: boolean("present").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.dateId] })],
);

/** The optional short survey after a seminar: 1–5 stars and a comment, one per participant. */
export const seminarFeedback = pgTable(
  "seminar_feedback",
  {
    participantId: integer("participant_id")
      .primaryKey()
      .references(() => seminarParticipants.id, { onDelete: "cascade" }),
    seminarId: integer("seminar_id")
      .notNull()
      .references(() => seminars.id, { onDelete: "cascade" }),
    stars: integer("stars").notNull(),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("seminar_feedback_seminar_idx").on(t.seminarId), check("seminar_feedback_stars_check", sql`${t.stars} between 1 and 5`)],
);

/** A municipality asks for a seminar in its own rooms (item 3). */
export const inhouseRequests = pgTable(
  "inhouse_requests",
  {
    id: serial("id").primaryKey(),
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    topic: text("topic").notNull(),
    procedureId: integer("procedure_id").references(() => procedures.id),
    wishedFrom: date("wished_from").notNull(),
    wishedTo: date("wished_to").notNull(),
    participants: integer("participants").notNull(),
    note: text("note"),
    status: text("status").$type<InhouseStatus>().notNull().default("offen"),
    reason: text("reason"),
    seminarId: integer("seminar_id").references(() => seminars.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("inhouse_requests_status_idx").on(t.status, t.createdAt),
    index("inhouse_requests_municipality_idx").on(t.municipalityId),
    check("inhouse_requests_status_check", sql`${t.status} in (${inList(INHOUSE_STATUSES)})`),
    check("inhouse_requests_participants_check", sql`${t.participants} > 0`),
    check("inhouse_requests_period_check", sql`${t.wishedTo} >= ${t.wishedFrom}`),
  ],
);

export const roomsRelations = relations(rooms, ({ one, many }) => ({
  centre: one(centres, { fields: [rooms.centreId], references: [centres.id] }),
  bookings: many(roomBookings),
}));
export const seminarsRelations = relations(seminars, ({ one, many }) => ({
  room: one(rooms, { fields: [seminars.roomId], references: [rooms.id] }),
  dates: many(seminarDates),
  trainers: many(seminarTrainers),
  participants: many(seminarParticipants),
}));
export const seminarDatesRelations = relations(seminarDates, ({ one }) => ({
  seminar: one(seminars, { fields: [seminarDates.seminarId], references: [seminars.id] }),
}));
export const seminarTrainersRelations = relations(seminarTrainers, ({ one }) => ({
  seminar: one(seminars, { fields: [seminarTrainers.seminarId], references: [seminars.id] }),
  user: one(users, { fields: [seminarTrainers.userId], references: [users.id] }),
}));
export const seminarParticipantsRelations = relations(seminarParticipants, ({ one }) => ({
  seminar: one(seminars, { fields: [seminarParticipants.seminarId], references: [seminars.id] }),
  booking: one(seminarBookings, { fields: [seminarParticipants.bookingId], references: [seminarBookings.id] }),
}));

export type Room = typeof rooms.$inferSelect;
export type Seminar = typeof seminars.$inferSelect;
export type SeminarDate = typeof seminarDates.$inferSelect;
export type SeminarParticipant = typeof seminarParticipants.$inferSelect;
export type SeminarBooking = typeof seminarBookings.$inferSelect;
export type InhouseRequest = typeof inhouseRequests.$inferSelect;
