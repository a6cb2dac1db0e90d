import { relations, sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, type WorkingGroup } from "./auth";
import { calendarEvents } from "./calendar";
import { centres, municipalities } from "./members";
import { procedures } from "./procedures";
import { bytea, tickets } from "./tickets";
import { rooms } from "./training";

/**
 * Working groups (issue 9): the three Facharbeitskreise, join requests, meetings with RSVP, agenda,
 * attendance, minutes, decisions and action items. Membership itself is the person's role grant
 * (`user_roles`: wg_member / wg_chair scoped to the group), so the people admin and the group page
 * see one truth. Code in app/modules/groups/.
 */

export const JOIN_REQUEST_STATUSES = ["offen", "angenommen", "abgelehnt"] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];
export const MEETING_LOCATION_KINDS = ["zentral", "zentrum", "online"] as const;
export type MeetingLocationKind = (typeof MEETING_LOCATION_KINDS)[number];
export const MEETING_STATUSES = ["geplant", "abgesagt"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MINUTES_STATUSES = ["entwurf", "freigegeben"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const RSVP_ANSWERS = ["zusage", "absage", "vielleicht"] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
export const ATTENDANCE_STATUSES = ["anwesend", "entschuldigt", "abwesend"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
/** Agenda items the portal adds to every new meeting (issue 9 item 4). */
export const AGENDA_ITEM_KINDS = ["eintrag", "protokoll_genehmigung", "offene_aufgaben"] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];
export const ACTION_ITEM_STATUSES = ["offen", "erledigt", "vertagt", "verworfen"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
/** One open action item as released minutes keep it (agenda_items.open_tasks_at_release). */
export interface OpenTaskAtRelease {
  id: number;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionItemStatus;
}

export const workingGroups = pgTable(
  "working_groups",
  {
    id: text("id").$type<WorkingGroup>().primaryKey(),
    name: text("name").notNull(),
    procedureId: integer("procedure_id").references(() => procedures.id),
    /** Markdown, kept by the chairs. */
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("working_groups_id_check", sql`${t.id} in ('EWOS','FINAS','PERSOS')`)],
);

export const groupJoinRequests = pgTable(
  "group_join_requests",
  {
    id: serial("id").primaryKey(),
    groupId: text("group_id")
      .$type<WorkingGroup>()
      .notNull()
      .references(() => workingGroups.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The municipality the person would represent (theirs when they asked). */
    municipalityId: integer("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    message: text("message").notNull().default(""),
    status: text("status").$type<JoinRequestStatus>().notNull().default("offen"),
    reason: text("reason"),
    decidedById: uuid("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("group_join_requests_open_key").on(t.groupId, t.userId).where(sql`${t.status} = 'offen'`),
    check("group_join_requests_status_check", sql`${t.status} in ('offen','angenommen','abgelehnt')`),
  ],
);

export const meetings = pgTable(
  "meetings",
  {
    id: serial("id").primaryKey(),
    groupId: text("group_id")
      .$type<WorkingGroup>()
      .notNull()
      .references(() => workingGroups.id),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    locationKind: text("location_kind").$type<MeetingLocationKind>().notNull(),
    centreId: text("centre_id").references(() => centres.id),
    roomId: integer("room_id").references(() => rooms.id),
    onlineUrl: text("online_url"),
    status: text("status").$type<MeetingStatus>().notNull().default("geplant"),
    cancelReason: text("cancel_reason"),
    eventId: uuid("event_id").references(() => calendarEvents.id),
    agendaSentAt: timestamp("agenda_sent_at", { withTimezone: true }),
    minutesStatus: text("minutes_status").$type<MinutesStatus>(),
    minutesReleasedAt: timestamp("minutes_released_at", { withTimezone: true }),
    minutesReleasedById: uuid("minutes_released_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Approval of these minutes by a later meeting, recorded with its date (item 6). */
    minutesApprovedOn: date("minutes_approved_on"),
    minutesApprovedInId: integer("minutes_approved_in_id"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_group_start_idx").on(t.groupId, t.startsAt),
    check("meetings_time_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("meetings_status_check", sql`${t.status} in ('geplant','abgesagt')`),
    check("meetings_minutes_status_check", sql`${t.minutesStatus} is null or ${t.minutesStatus} in ('entwurf','freigegeben')`),
    check(
      "meetings_location_check",
      sql`(${t.locationKind} = 'zentral' and ${t.onlineUrl} is null)
        or (${t.locationKind} = 'zentrum' and ${t.centreId} is not null and ${t.roomId} is not null and ${t.onlineUrl} is null)
        or (${t.locationKind} = 'online' and ${t.onlineUrl} is not null and ${t.roomId} is null)`,
    ),
  ],
);

export const meetingRsvps = pgTable(
  "meeting_rsvps",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: text("answer").$type<RsvpAnswer>().notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), check("meeting_rsvps_answer_check", sql`${t.answer} in ('zusage','absage','vielleicht')`)],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: serial("id").primaryKey(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<AgendaItemKind>().notNull().default("eintrag"),
    title: text("title").notNull(),
    presenter: text("presenter").notNull().default(""),
    /** Planned length; the start times follow from the meeting's start and the order. */
    durationMinutes: integer("duration_minutes"),
    /** Discussion notes of the minutes (markdown). */
    notes: text("notes").notNull().default(""),
    /**
     * "Offene Aufgaben": the open action items as the minutes were released (title, owner, due
     * date and status then), so released minutes keep listing what the meeting discussed; null
     * before the release, and for every other kind of item.
     */
    openTasksAtRelease: jsonb("open_tasks_at_release").$type<OpenTaskAtRelease[]>(),
  },
  (t) => [
    index("agenda_items_meeting_idx").on(t.meetingId, t.position),
    check("agenda_items_kind_check", sql`${t.kind} in ('eintrag','protokoll_genehmigung','offene_aufgaben')`),
    check("agenda_items_duration_check", sql`${t.durationMinutes} is null or (${t.durationMinutes} > 0 and ${t.durationMinutes} <= 600)`),
  ],
);

/** Documents on agenda items: stored and checked like ticket attachments (bytes in the database). */
export const agendaDocuments = pgTable(
  "agenda_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    uploadedById: uuid("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("agenda_documents_item_idx").on(t.agendaItemId), check("agenda_documents_size_check", sql`${t.size} > 0 and ${t.size} <= 10485760`)],
);

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The municipality the member represented at this meeting. */
    municipalityId: integer("municipality_id").references(() => municipalities.id),
    status: text("status").$type<AttendanceStatus>().notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.userId] }),
    check("meeting_attendance_status_check", sql`${t.status} in ('anwesend','entschuldigt','abwesend')`),
  ],
);

export const meetingGuests = pgTable("meeting_guests", {
  id: serial("id").primaryKey(),
  meetingId: integer("meeting_id")
    .notNull()
    .references(() => meetings.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  organisation: text("organisation").notNull().default(""),
});

/** Decisions (Beschlüsse). The number is given when the minutes are released: FINAS-2026-07. */
export const decisions = pgTable(
  "decisions",
  {
    id: serial("id").primaryKey(),
    groupId: text("group_id")
      .$type<WorkingGroup>()
      .notNull()
      .references(() => workingGroups.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    votesYes: integer("votes_yes"),
    votesNo: integer("votes_no"),
    votesAbstain: integer("votes_abstain"),
    year: integer("year"),
    number: integer("number"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("decisions_number_key").on(t.groupId, t.year, t.number),
    index("decisions_meeting_idx").on(t.meetingId),
    check("decisions_number_check", sql`(${t.year} is null) = (${t.number} is null)`),
    check(
      "decisions_votes_check",
      sql`coalesce(${t.votesYes}, 0) >= 0 and coalesce(${t.votesNo}, 0) >= 0 and coalesce(${t.votesAbstain}, 0) >= 0`,
    ),
  ],
);

export const actionItems = pgTable(
  "action_items",
  {
    id: serial("id").primaryKey(),
    groupId: text("group_id")
      .$type<WorkingGroup>()
      .notNull()
      .references(() => workingGroups.id),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    agendaItemId: integer("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    dueOn: date("due_on").notNull(),
    status: text("status").$type<ActionItemStatus>().notNull().default("offen"),
    ticketId: integer("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    /** The due date the last reminder was sent for (a new due date gets a new reminder). */
    remindedForDueOn: date("reminded_for_due_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_items_owner_idx").on(t.ownerId, t.status),
    index("action_items_group_idx").on(t.groupId, t.status),
    index("action_items_ticket_idx").on(t.ticketId),
    check("action_items_status_check", sql`${t.status} in ('offen','erledigt','vertagt','verworfen')`),
  ],
);

/** Every change of an action item's state, with its note (done, carried over, dropped). */
export const actionItemUpdates = pgTable(
  "action_item_updates",
  {
    id: serial("id").primaryKey(),
    actionItemId: integer("action_item_id")
      .notNull()
      .references(() => actionItems.id, { onDelete: "cascade" }),
    status: text("status").$type<ActionItemStatus>().notNull(),
    note: text("note").notNull(),
    dueOn: date("due_on"),
    byId: uuid("by_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("action_item_updates_item_idx").on(t.actionItemId)],
);

export const meetingsRelations = relations(meetings, ({ one, many }) => ({
  group: one(workingGroups, { fields: [meetings.groupId], references: [workingGroups.id] }),
  agendaItems: many(agendaItems),
}));
export const agendaItemsRelations = relations(agendaItems, ({ one, many }) => ({
  meeting: one(meetings, { fields: [agendaItems.meetingId], references: [meetings.id] }),
  documents: many(agendaDocuments),
}));
export const agendaDocumentsRelations = relations(agendaDocuments, ({ one }) => ({
  item: one(agendaItems, { fields: [agendaDocuments.agendaItemId], references: [agendaItems.id] }),
}));

export type WorkingGroupRow = typeof workingGroups.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;
