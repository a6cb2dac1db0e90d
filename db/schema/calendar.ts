import { relations, sql } from "drizzle-orm";
import { check, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * The invite ledger: one row per event that later features create (seminar, meeting, on-site
 * visit). UID never changes; SEQUENCE rises with every change that is sent (ACCEPTANCE F29).
 */
export const calendarEvents = pgTable(
  "calendar_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uid: text("uid").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    location: text("location"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    sequence: integer("sequence").notNull().default(0),
    status: text("status").$type<"confirmed" | "cancelled">().notNull().default("confirmed"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calendar_events_uid_key").on(t.uid),
    check("calendar_events_time_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("calendar_events_status_check", sql`${t.status} in ('confirmed','cancelled')`),
  ],
);

export const calendarAttendees = pgTable(
  "calendar_attendees",
  {
    id: serial("id").primaryKey(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => calendarEvents.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    name: text("name"),
    status: text("status").$type<"invited" | "removed">().notNull().default("invited"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calendar_attendees_event_email_key").on(t.eventId, t.email),
    check("calendar_attendees_status_check", sql`${t.status} in ('invited','removed')`),
  ],
);

export const calendarEventsRelations = relations(calendarEvents, ({ many }) => ({
  attendees: many(calendarAttendees),
}));
export const calendarAttendeesRelations = relations(calendarAttendees, ({ one }) => ({
  event: one(calendarEvents, { fields: [calendarAttendees.eventId], references: [calendarEvents.id] }),
  user: one(users, { fields: [calendarAttendees.userId], references: [users.id] }),
}));

export type CalendarEvent = typeof calendarEvents.$inferSelect;
export type CalendarAttendee = typeof calendarAttendees.$inferSelect;
