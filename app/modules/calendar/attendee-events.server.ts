import { and, asc, eq, gt, ne, or } from "drizzle-orm";
import { calendarAttendees, calendarEvents } from "#db/schema/calendar";
import { db } from "~/db.server";

/**
 * Events seen from one attendee. The where clause always carries the person: an event they are
 * not invited to (or were removed from) does not exist for them (ACCEPTANCE C14).
 */
function isAttendee(person: { id: string; email: string }) {
  return and(
    eq(calendarAttendees.status, "invited"),
    // The engine may be called with an address only (no user id): the sign-in address counts too.
    or(eq(calendarAttendees.userId, person.id), eq(calendarAttendees.email, person.email.toLowerCase())),
  );
}

/** The person's next events that still take place (not cancelled, not ended), soonest first. */
export function listUpcomingEventsForAttendee(args: { person: { id: string; email: string }; now: Date; limit?: number }) {
  return db
    .selectDistinct({
      id: calendarEvents.id,
      kind: calendarEvents.kind,
      title: calendarEvents.title,
      location: calendarEvents.location,
      startsAt: calendarEvents.startsAt,
      endsAt: calendarEvents.endsAt,
    })
    .from(calendarAttendees)
    .innerJoin(calendarEvents, eq(calendarEvents.id, calendarAttendees.eventId))
    .where(and(isAttendee(args.person), ne(calendarEvents.status, "cancelled"), gt(calendarEvents.endsAt, args.now)))
    .orderBy(asc(calendarEvents.startsAt), asc(calendarEvents.id))
    .limit(args.limit ?? 5);
}

/** One event, if the person is (still) invited to it; cancelled events stay readable for them. */
export async function findEventForAttendee(args: { eventId: string; person: { id: string; email: string } }) {
  const [row] = await db
    .select({ event: calendarEvents })
    .from(calendarAttendees)
    .innerJoin(calendarEvents, eq(calendarEvents.id, calendarAttendees.eventId))
    .where(and(eq(calendarEvents.id, args.eventId), isAttendee(args.person)))
    .limit(1);
  return row?.event ?? null;
}

/** The path of an event's .ics download (see routes/kalender.termin.$id.tsx). */
export function eventIcsPath(eventId: string) {
  return `/kalender/termin/${eventId}.ics`;
}
