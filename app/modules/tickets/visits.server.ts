import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { calendarEvents } from "#db/schema/calendar";
import { municipalities } from "#db/schema/members";
import { tickets, ticketVisits, type Ticket } from "#db/schema/tickets";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { cancelCalendarEvent, createCalendarEvent, updateCalendarEvent } from "~/modules/calendar/events.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { isTicketStaff, ticketScope } from "./access.server";
import { lockTicket } from "./commands.server";
import { ticketLink } from "./filing.server";
import { visitTimes, type VisitInput } from "./visits";

/**
 * On-site visits (issue 7, item 13): a calendar-engine event of kind "visit" per visit, the
 * reporter and the adviser who goes as attendees. Moving it sends an update (same UID, SEQUENCE
 * + 1), cancelling a CANCEL; each change is in the ticket's history. Staff who may see the ticket
 * (C14) use it; for anyone else the ticket does not exist (404).
 */

type Staff = Pick<CurrentUser, "id" | "name" | "email" | "roles">;

function times(input: VisitInput, now: Date) {
  const t = visitTimes(input);
  if (!t) throw new PublicError("Dieses Datum gibt es nicht.", 400, "date");
  if (t.startsAt <= now) throw new PublicError("Der Termin liegt in der Vergangenheit. Bitte einen späteren Zeitpunkt wählen.", 400, "date");
  return t;
}

/** The ticket, its municipality's default address and its visits, for the staff page. */
export async function ticketVisitsPage(user: Staff, number: string) {
  if (!isTicketStaff(user)) notFound();
  const scope = ticketScope(user);
  if (!scope) notFound();
  const [ticket] = await db
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, reporterName: tickets.reporterName, municipality: municipalities.name, municipalityKind: municipalities.kind })
    .from(tickets)
    .innerJoin(municipalities, eq(municipalities.id, tickets.municipalityId))
    .where(and(eq(tickets.number, number), scope));
  if (!ticket) notFound();
  const visits = await db
    .select({
      id: ticketVisits.id,
      address: ticketVisits.address,
      startsAt: calendarEvents.startsAt,
      endsAt: calendarEvents.endsAt,
      status: calendarEvents.status,
      sequence: calendarEvents.sequence,
    })
    .from(ticketVisits)
    .innerJoin(calendarEvents, eq(calendarEvents.id, ticketVisits.eventId))
    .where(eq(ticketVisits.ticketId, ticket.id))
    .orderBy(asc(calendarEvents.startsAt));
  return { ticket: { ...ticket, defaultAddress: `${ticket.municipalityKind} ${ticket.municipality}` }, visits };
}

async function staffTicket(user: Staff, number: string, tx: Executor): Promise<Ticket> {
  if (!isTicketStaff(user)) notFound();
  return lockTicket(user, number, tx);
}

export async function scheduleVisit(args: { user: Staff; number: string; input: VisitInput; ip?: string | null; now?: Date }) {
  const { startsAt, endsAt } = times(args.input, args.now ?? new Date());
  return db.transaction(async (tx) => {
    const ticket = await staffTicket(args.user, args.number, tx);
    const event = await createCalendarEvent(
      {
        event: {
          kind: "visit",
          title: `Vor-Ort-Termin ${ticket.number}: ${ticket.title}`,
          description: `Vor-Ort-Termin der KAI-Betreuung zum Ticket ${ticket.number} „${ticket.title}“.\n${ticketLink(ticket.number)}`,
          location: args.input.address,
          startsAt,
          endsAt,
        },
        attendees: [
          { email: ticket.reporterEmail, name: ticket.reporterName, userId: ticket.reporterId },
          { email: args.user.email, name: args.user.name, userId: args.user.id },
        ],
        createdBy: args.user.id,
      },
      tx,
    );
    const [visit] = await tx.insert(ticketVisits).values({ ticketId: ticket.id, eventId: event.id, adviserId: args.user.id, address: args.input.address }).returning();
    await recordAudit(
      { actorId: args.user.id, action: "ticket.visit_scheduled", entityType: "ticket", entityId: ticket.id, after: { startsAt, endsAt, address: args.input.address }, ip: args.ip },
      tx,
    );
    return visit;
  });
}

async function visitOf(ticket: Ticket, visitId: number, tx: Executor) {
  const [row] = await tx
    .select({ id: ticketVisits.id, eventId: ticketVisits.eventId, address: ticketVisits.address, startsAt: calendarEvents.startsAt, endsAt: calendarEvents.endsAt, status: calendarEvents.status })
    .from(ticketVisits)
    .innerJoin(calendarEvents, eq(calendarEvents.id, ticketVisits.eventId))
    .where(and(eq(ticketVisits.id, visitId), eq(ticketVisits.ticketId, ticket.id)));
  if (!row) notFound();
  return row;
}

export async function moveVisit(args: { user: Staff; number: string; visitId: number; expectedSequence: number; input: VisitInput; ip?: string | null; now?: Date }) {
  const { startsAt, endsAt } = times(args.input, args.now ?? new Date());
  return db.transaction(async (tx) => {
    const ticket = await staffTicket(args.user, args.number, tx);
    const visit = await visitOf(ticket, args.visitId, tx);
    if (visit.status === "cancelled") throw new PublicError("Dieser Termin ist abgesagt und kann nicht mehr verschoben werden.", 409);
    const event = await updateCalendarEvent({ eventId: visit.eventId, changes: { startsAt, endsAt, location: args.input.address }, expectedSequence: args.expectedSequence, actorId: args.user.id }, tx);
    if (!event) throw new PublicError("Der Termin wurde inzwischen geändert. Bitte laden Sie die Seite neu.", 409);
    await tx.update(ticketVisits).set({ address: args.input.address }).where(eq(ticketVisits.id, visit.id));
    await recordAudit(
      {
        actorId: args.user.id,
        action: "ticket.visit_moved",
        entityType: "ticket",
        entityId: ticket.id,
        before: { startsAt: visit.startsAt, endsAt: visit.endsAt, address: visit.address },
        after: { startsAt, endsAt, address: args.input.address },
        ip: args.ip,
      },
      tx,
    );
    return event;
  });
}

export async function cancelVisit(args: { user: Staff; number: string; visitId: number; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const ticket = await staffTicket(args.user, args.number, tx);
    const visit = await visitOf(ticket, args.visitId, tx);
    const event = await cancelCalendarEvent({ eventId: visit.eventId, actorId: args.user.id }, tx);
    if (!event) throw new PublicError("Dieser Termin ist bereits abgesagt.", 409);
    await recordAudit(
      { actorId: args.user.id, action: "ticket.visit_cancelled", entityType: "ticket", entityId: ticket.id, before: { startsAt: visit.startsAt, address: visit.address }, ip: args.ip },
      tx,
    );
    return event;
  });
}
