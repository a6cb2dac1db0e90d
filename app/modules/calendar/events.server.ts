import { and, asc, eq, gte, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { calendarAttendees, calendarEvents, type CalendarEvent } from "#db/schema/calendar";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { formatRange } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { CalendarInviteEmail, type CalendarMessageKind } from "#emails/calendar-invite";
import { buildInvite, type IcsEventInput, type IcsMethod, type IcsPerson } from "./ics";

/**
 * The invite ledger: one engine for every event later features create (seminars, meetings,
 * on-site visits). UID fixed at creation; SEQUENCE stored and raised on every change that is sent;
 * each attendee gets their own message listing only themselves (ACCEPTANCE F29–F31).
 */
export interface AttendeeInput {
  email: string;
  name?: string | null;
  userId?: string | null;
}

export interface EventInput {
  kind: "seminar" | "meeting" | "visit" | "info_event";
  title: string;
  description?: string | null;
  location?: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** The mailbox that sends, as ORGANIZER: "KAI-Portal <portal@kai.example>" → name + address. */
export function organizerFromMailFrom(mailFrom = getEnv().MAIL_FROM): IcsPerson {
  const match = mailFrom.match(/^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/);
  return match ? { name: match[1] || null, email: match[2] } : { email: mailFrom.trim() };
}

export function toIcsEvent(event: CalendarEvent): IcsEventInput {
  return {
    uid: event.uid,
    sequence: event.sequence,
    title: event.title,
    description: event.description,
    location: event.location,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    cancelled: event.status === "cancelled",
  };
}

const subjectPrefix: Record<CalendarMessageKind, string> = {
  invite: "Einladung",
  update: "Geändert",
  cancel: "Abgesagt",
  removed: "Teilnahme beendet",
};

async function sendInvite(event: CalendarEvent, attendee: AttendeeInput, kind: CalendarMessageKind, tx: Executor) {
  const method: IcsMethod = kind === "cancel" || kind === "removed" ? "CANCEL" : "REQUEST";
  const ics = buildInvite({
    event: toIcsEvent(event),
    method,
    organizer: organizerFromMailFrom(),
    attendee: { email: attendee.email, name: attendee.name ?? null },
    now: new Date(),
  });
  await sendEmail(
    {
      to: { address: attendee.email, name: attendee.name },
      template: `calendar-${kind}`,
      subject: `${subjectPrefix[kind]}: ${event.title} (${formatRange(event.startsAt, event.endsAt)})`,
      body: createElement(CalendarInviteEmail, {
        name: attendee.name ?? attendee.email,
        kind,
        title: event.title,
        when: formatRange(event.startsAt, event.endsAt),
        location: event.location,
        description: event.description,
      }),
      attachments: [{ filename: "invite.ics", contentType: "text/calendar", method, content: Buffer.from(ics, "utf8").toString("base64") }],
    },
    tx,
  );
}

/** Every change the engine makes is audited in the caller's transaction (ACCEPTANCE I44). */
function audit(tx: Executor, actorId: string | null | undefined, action: string, event: CalendarEvent, fields: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {}) {
  return recordAudit({ actorId: actorId ?? null, action, entityType: "calendar_event", entityId: event.id, before: fields.before, after: { sequence: event.sequence, ...fields.after } }, tx);
}

function newUid() {
  const host = new URL(getEnv().APP_URL).hostname || "kai.example";
  return `${crypto.randomUUID()}@${host}`;
}

/** Creates the event and sends a REQUEST (SEQUENCE 0) to every attendee. Run inside the caller's transaction. */
export async function createCalendarEvent(args: { event: EventInput; attendees: AttendeeInput[]; createdBy?: string | null }, tx: Executor = db) {
  const attendees = dedupe(args.attendees);
  const [event] = await tx
    .insert(calendarEvents)
    .values({ ...args.event, uid: newUid(), sequence: 0, createdBy: args.createdBy ?? null })
    .returning();
  for (const attendee of attendees) {
    await tx.insert(calendarAttendees).values({ eventId: event.id, email: attendee.email.toLowerCase(), name: attendee.name ?? null, userId: attendee.userId ?? null });
    await sendInvite(event, attendee, "invite", tx);
  }
  await audit(tx, args.createdBy, "calendar.event_created", event, {
    after: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, location: event.location, attendees: attendees.length },
  });
  return event;
}

function dedupe(list: AttendeeInput[]) {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function invitedAttendees(eventId: string, tx: Executor) {
  return tx
    .select({ email: calendarAttendees.email, name: calendarAttendees.name, userId: calendarAttendees.userId })
    .from(calendarAttendees)
    .where(and(eq(calendarAttendees.eventId, eventId), eq(calendarAttendees.status, "invited")))
    .orderBy(asc(calendarAttendees.id));
}

/**
 * Raises SEQUENCE with a conditional update (expected sequence), so two concurrent changes cannot
 * both send the same number. Returns null when the event changed meanwhile or is cancelled.
 */
async function bump(eventId: string, expectedSequence: number | undefined, changes: Partial<EventInput> & { status?: "cancelled" }, tx: Executor) {
  const [event] = await tx
    .update(calendarEvents)
    .set({ ...changes, sequence: sql`${calendarEvents.sequence} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(calendarEvents.id, eventId),
        eq(calendarEvents.status, "confirmed"),
        expectedSequence === undefined ? undefined : eq(calendarEvents.sequence, expectedSequence),
      ),
    )
    .returning();
  return event ?? null;
}

/** Changes time, place or text: SEQUENCE + 1 and an updated REQUEST to everyone still invited. */
export async function updateCalendarEvent(
  args: { eventId: string; changes: Partial<EventInput>; expectedSequence?: number; actorId?: string | null },
  tx: Executor = db,
) {
  const [before] = await tx.select().from(calendarEvents).where(eq(calendarEvents.id, args.eventId));
  const event = await bump(args.eventId, args.expectedSequence, args.changes, tx);
  if (!event || !before) return null;
  for (const attendee of await invitedAttendees(event.id, tx)) await sendInvite(event, attendee, "update", tx);
  const keys = Object.keys(args.changes) as (keyof EventInput)[];
  await audit(tx, args.actorId, "calendar.event_updated", event, {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, event[k]])),
  });
  return event;
}

/** Cancels the whole event: SEQUENCE + 1, STATUS:CANCELLED, METHOD:CANCEL to everyone invited. */
export async function cancelCalendarEvent(args: { eventId: string; actorId?: string | null }, tx: Executor = db) {
  const event = await bump(args.eventId, undefined, { status: "cancelled" }, tx);
  if (!event) return null;
  for (const attendee of await invitedAttendees(event.id, tx)) await sendInvite(event, attendee, "cancel", tx);
  await audit(tx, args.actorId, "calendar.event_cancelled", event, { before: { status: "confirmed" }, after: { status: "cancelled" } });
  return event;
}

/**
 * Adds one attendee (or invites a removed one again) and sends the REQUEST to them only. Inviting
 * someone again who got a CANCEL raises SEQUENCE, so their calendar takes the new REQUEST.
 */
export async function addAttendee(args: { eventId: string; attendee: AttendeeInput; actorId?: string | null }, tx: Executor = db) {
  const [current] = await tx.select().from(calendarEvents).where(eq(calendarEvents.id, args.eventId));
  if (!current || current.status === "cancelled") return null;
  const email = args.attendee.email.toLowerCase();
  const [previous] = await tx
    .select({ status: calendarAttendees.status })
    .from(calendarAttendees)
    .where(and(eq(calendarAttendees.eventId, current.id), eq(calendarAttendees.email, email)));
  if (previous?.status === "invited") return current;
  await tx
    .insert(calendarAttendees)
    .values({ eventId: current.id, email, name: args.attendee.name ?? null, userId: args.attendee.userId ?? null })
    .onConflictDoUpdate({
      target: [calendarAttendees.eventId, calendarAttendees.email],
      set: { status: "invited", name: args.attendee.name ?? null, userId: args.attendee.userId ?? null },
    });
  const event = previous ? await bump(current.id, undefined, {}, tx) : current;
  if (!event) return null;
  await sendInvite(event, { ...args.attendee, email }, "invite", tx);
  await audit(tx, args.actorId, "calendar.attendee_added", event, { after: { attendee: email } });
  return event;
}

/** Removes one attendee: SEQUENCE + 1 and a CANCEL to that attendee only (ACCEPTANCE F31). */
export async function removeAttendee(args: { eventId: string; email: string; actorId?: string | null }, tx: Executor = db) {
  const email = args.email.toLowerCase();
  // Nothing to take back from a cancelled event: everyone already got its CANCEL.
  const [current] = await tx.select({ status: calendarEvents.status }).from(calendarEvents).where(eq(calendarEvents.id, args.eventId));
  if (!current || current.status === "cancelled") return null;
  const [removed] = await tx
    .update(calendarAttendees)
    .set({ status: "removed" })
    .where(and(eq(calendarAttendees.eventId, args.eventId), eq(calendarAttendees.email, email), eq(calendarAttendees.status, "invited")))
    .returning();
  if (!removed) return null;
  const event = await bump(args.eventId, undefined, {}, tx);
  if (!event) return null;
  await sendInvite(event, { email, name: removed.name, userId: removed.userId }, "removed", tx);
  await audit(tx, args.actorId, "calendar.attendee_removed", event, { before: { attendee: email } });
  return event;
}

/** The person's events for the feed: everything they are (or were, if cancelled) invited to, from 90 days back. */
export async function listEventsForFeed(userId: string) {
  const rows = await db
    .select({ event: calendarEvents })
    .from(calendarAttendees)
    .innerJoin(calendarEvents, eq(calendarEvents.id, calendarAttendees.eventId))
    .where(
      and(
        eq(calendarAttendees.userId, userId),
        eq(calendarAttendees.status, "invited"),
        gte(calendarEvents.endsAt, new Date(Date.now() - 90 * 86_400_000)),
      ),
    )
    .orderBy(asc(calendarEvents.startsAt));
  return rows.map((r) => toIcsEvent(r.event));
}
