import { and, asc, count, eq, inArray, lt, ne, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { seminarBookings, seminarDates, seminarParticipants, seminars, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatRange } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { addAttendee, removeAttendee } from "~/modules/calendar/events.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { ParticipationCancelledEmail, PromotedEmail, RegistrationConfirmedEmail, WaitlistedEmail } from "#emails/training-registration";
import { registeringMunicipalityOf } from "./access";
import { describeSeminarLocation } from "./location.server";
import { MAX_GROUP_SIZE } from "./people-list";
import { loadSeminar } from "./seminar-access.server";
import { bookingsToPromote, placementOf } from "./waitlist";

/**
 * Registration and the waiting list (issue 8 items 4 and 5, ADR 018). Every change to a
 * seminar's seats runs in one transaction that first locks the seminar row, so registrations,
 * cancellations and promotions for one seminar take turns; `seminars.confirmed_seats` with its
 * check constraint keeps the count within capacity even if a code path forgot the lock
 * (ACCEPTANCE G33). Confirmed participants are attendees of every date's calendar event.
 */

type Actor = Pick<CurrentUser, "id" | "name" | "email" | "roles" | "municipalityId">;

export interface PersonInput {
  name: string;
  email: string;
}



function seminarLink(id: number) {
  return new URL(`/schulungen/${id}`, getEnv().APP_URL).toString();
}

/** What the seat emails say about the seminar: its dates and where it is. */
async function seatMailContext(seminar: Seminar, tx: Executor) {
  const dates = await tx
    .select({ id: seminarDates.id, startsAt: seminarDates.startsAt, endsAt: seminarDates.endsAt, eventId: seminarDates.eventId })
    .from(seminarDates)
    .where(eq(seminarDates.seminarId, seminar.id))
    .orderBy(asc(seminarDates.startsAt));
  return { dates, lines: dates.map((d) => formatRange(d.startsAt, d.endsAt)), location: await describeSeminarLocation(seminar, tx), link: seminarLink(seminar.id) };
}

type SeatContext = Awaited<ReturnType<typeof seatMailContext>>;
type Seat = { id: number; userId: string | null; name: string; email: string };

async function inviteToEveryDate(seat: Seat, ctx: SeatContext, actorId: string | null, tx: Executor) {
  for (const date of ctx.dates) {
    if (date.eventId) await addAttendee({ eventId: date.eventId, attendee: { email: seat.email, name: seat.name, userId: seat.userId }, actorId }, tx);
  }
}

async function removeFromEveryDate(seat: Seat, ctx: SeatContext, actorId: string | null, tx: Executor) {
  for (const date of ctx.dates) {
    if (date.eventId) await removeAttendee({ eventId: date.eventId, email: seat.email, actorId }, tx);
  }
}

/** Why registration is closed now, or null when it is open. */
export function registrationClosedReason(seminar: Pick<Seminar, "status" | "registrationDeadline" | "startsAt">, now: Date): string | null {
  if (seminar.status === "abgesagt") return "Die Schulung ist abgesagt.";
  if (seminar.status !== "veroeffentlicht") return "Die Schulung ist noch nicht veröffentlicht.";
  if (seminar.startsAt && now >= seminar.startsAt) return "Die Schulung hat bereits begonnen.";
  if (now >= seminar.registrationDeadline) return "Der Anmeldeschluss ist vorbei.";
  return null;
}

/** Position of a waiting booking in the queue (1 = next to move up); a group counts once. */
async function queuePosition(seminarId: number, bookingId: number, tx: Executor) {
  const [row] = await tx
    .select({ ahead: count() })
    .from(seminarBookings)
    .where(and(eq(seminarBookings.seminarId, seminarId), eq(seminarBookings.status, "wartend"), lt(seminarBookings.id, bookingId)));
  return (row?.ahead ?? 0) + 1;
}

/**
 * Registers the signed-in person (no `people`), or, for municipal IT, colleagues of their
 * municipality by name and email (a group booking; people without an account are fine). Confirmed
 * while seats are free and nobody waits; otherwise on the waiting list with a position.
 */
export async function registerForSeminar(args: { user: Actor; seminarId: number; people?: PersonInput[]; now?: Date; ip?: string | null }) {
  const now = args.now ?? new Date();
  const { user } = args;
  const group = args.people !== undefined;
  let municipalityId: number | null;
  let people: PersonInput[];
  if (group) {
    municipalityId = registeringMunicipalityOf(user);
    if (!municipalityId) throw new PublicError("Kolleginnen und Kollegen anmelden kann nur die kommunale IT, für ihre eigene Kommune.", 403);
    people = args.people!.map((p) => ({ name: p.name.trim(), email: p.email.trim().toLowerCase() }));
    if (!people.length) throw new PublicError("Bitte mindestens eine Person angeben.", 400, "people");
    if (people.length > MAX_GROUP_SIZE) throw new PublicError(`Bitte höchstens ${MAX_GROUP_SIZE} Personen auf einmal anmelden.`, 400, "people");
    const seen = new Set<string>();
    for (const p of people) {
      if (seen.has(p.email)) throw new PublicError(`${p.email} steht zweimal in der Liste.`, 400, "people");
      seen.add(p.email);
    }
  } else {
    municipalityId = user.municipalityId;
    if (!municipalityId) throw new PublicError("Anmelden können sich Beschäftigte der Mitgliedskommunen. Ihrem Konto ist keine Kommune zugeordnet.", 403);
    people = [{ name: user.name, email: user.email.toLowerCase() }];
  }

  return db.transaction(async (tx) => {
    const { seminar } = await loadSeminar(user, args.seminarId, { lock: true }, tx);
    const closed = registrationClosedReason(seminar, now);
    if (closed) throw new PublicError(`Anmeldung nicht möglich: ${closed}`, 409);
    if (seminar.restrictedToMunicipalityId && seminar.restrictedToMunicipalityId !== municipalityId) {
      throw new PublicError("Diese Inhouse-Schulung ist nur für die Beschäftigten der gastgebenden Kommune.", 403);
    }
    if (people.length > seminar.capacity) throw new PublicError(`Die Schulung hat nur ${seminar.capacity} Plätze; bitte weniger Personen anmelden.`, 400, "people");

    const emails = people.map((p) => p.email);
    const already = await tx
      .select({ email: seminarParticipants.email, status: seminarParticipants.status })
      .from(seminarParticipants)
      .where(and(eq(seminarParticipants.seminarId, seminar.id), inArray(seminarParticipants.email, emails), ne(seminarParticipants.status, "storniert")));
    if (already.length) {
      const who = already.map((a) => a.email).join(", ");
      throw new PublicError(
        group ? `Bereits angemeldet: ${who}. Bitte diese Personen aus der Liste nehmen.` : already[0].status === "wartend" ? "Sie stehen bereits auf der Warteliste." : "Sie sind bereits angemeldet.",
        409,
        group ? "people" : undefined,
      );
    }
    const accounts = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
    const accountOf = new Map(accounts.map((a) => [a.email, a.id]));

    const [waiting] = await tx.select({ n: count() }).from(seminarBookings).where(and(eq(seminarBookings.seminarId, seminar.id), eq(seminarBookings.status, "wartend")));
    const status = placementOf({ capacity: seminar.capacity, confirmedSeats: seminar.confirmedSeats, waitingBookings: waiting?.n ?? 0, seats: people.length });

    const [booking] = await tx.insert(seminarBookings).values({ seminarId: seminar.id, municipalityId, bookedBy: user.id, status }).returning();
    const seats = await tx
      .insert(seminarParticipants)
      .values(people.map((p) => ({ bookingId: booking.id, seminarId: seminar.id, userId: accountOf.get(p.email) ?? null, name: p.name, email: p.email, municipalityId, status })))
      .returning({ id: seminarParticipants.id, userId: seminarParticipants.userId, name: seminarParticipants.name, email: seminarParticipants.email });
    if (status === "bestaetigt") {
      await tx.update(seminars).set({ confirmedSeats: sql`${seminars.confirmedSeats} + ${people.length}`, updatedAt: now }).where(eq(seminars.id, seminar.id));
    }
    const position = status === "wartend" ? await queuePosition(seminar.id, booking.id, tx) : null;

    const ctx = await seatMailContext(seminar, tx);
    const registeredBy = group ? user.name : null;
    for (const seat of seats) {
      const props = { name: seat.name, title: seminar.title, dates: ctx.lines, location: ctx.location, link: ctx.link, registeredBy: seat.email === user.email.toLowerCase() ? null : registeredBy };
      if (status === "bestaetigt") {
        await sendEmail({ to: { address: seat.email, name: seat.name }, template: "training-registered", subject: `Anmeldung bestätigt: ${seminar.title}`, body: createElement(RegistrationConfirmedEmail, props) }, tx);
        await inviteToEveryDate(seat, ctx, user.id, tx);
      } else {
        await sendEmail(
          { to: { address: seat.email, name: seat.name }, template: "training-waitlisted", subject: `Warteliste (Platz ${position}): ${seminar.title}`, body: createElement(WaitlistedEmail, { ...props, position: position! }) },
          tx,
        );
      }
    }
    await recordAudit(
      { actorId: user.id, ip: args.ip ?? null, action: status === "bestaetigt" ? "training.registered" : "training.waitlisted", entityType: "seminar", entityId: String(seminar.id), after: { bookingId: booking.id, participants: emails, position } },
      tx,
    );
    return { bookingId: booking.id, status, position, seats: seats.length };
  });
}

/**
 * Moves the waiting list up after seats were freed (or capacity was raised), in order and once
 * each: the caller holds the seminar row lock. Stops when the seminar has started or is no longer
 * published. Each promoted person gets a confirmation and an invite for every date.
 */
export async function promoteFromWaitingList(args: { seminarId: number; actorId: string | null; now?: Date }, tx: Executor) {
  const now = args.now ?? new Date();
  const [seminar] = await tx.select().from(seminars).where(eq(seminars.id, args.seminarId));
  if (!seminar || seminar.status !== "veroeffentlicht") return [];
  if (seminar.startsAt && now >= seminar.startsAt) return [];
  const queue = await tx
    .select({ bookingId: seminarBookings.id, seats: count(seminarParticipants.id) })
    .from(seminarBookings)
    .innerJoin(seminarParticipants, and(eq(seminarParticipants.bookingId, seminarBookings.id), eq(seminarParticipants.status, "wartend")))
    .where(and(eq(seminarBookings.seminarId, seminar.id), eq(seminarBookings.status, "wartend")))
    .groupBy(seminarBookings.id)
    .orderBy(asc(seminarBookings.id));
  const promoted = bookingsToPromote(seminar.capacity - seminar.confirmedSeats, queue);
  if (!promoted.length) return [];
  const ctx = await seatMailContext(seminar, tx);
  for (const booking of promoted) {
    // Conditional on the expected state: a booking is promoted once, whatever else runs.
    const [moved] = await tx
      .update(seminarBookings)
      .set({ status: "bestaetigt", promotedAt: now })
      .where(and(eq(seminarBookings.id, booking.bookingId), eq(seminarBookings.status, "wartend")))
      .returning({ id: seminarBookings.id });
    if (!moved) continue;
    const seats = await tx
      .update(seminarParticipants)
      .set({ status: "bestaetigt" })
      .where(and(eq(seminarParticipants.bookingId, booking.bookingId), eq(seminarParticipants.status, "wartend")))
      .returning({ id: seminarParticipants.id, userId: seminarParticipants.userId, name: seminarParticipants.name, email: seminarParticipants.email });
    await tx.update(seminars).set({ confirmedSeats: sql`${seminars.confirmedSeats} + ${seats.length}`, updatedAt: now }).where(eq(seminars.id, seminar.id));
    for (const seat of seats) {
      await sendEmail(
        {
          to: { address: seat.email, name: seat.name },
          template: "training-promoted",
          subject: `Nachgerückt – Teilnahme bestätigt: ${seminar.title}`,
          body: createElement(PromotedEmail, { name: seat.name, title: seminar.title, dates: ctx.lines, location: ctx.location, link: ctx.link }),
        },
        tx,
      );
      await inviteToEveryDate(seat, ctx, args.actorId, tx);
    }
    await recordAudit({ actorId: args.actorId, action: "training.promoted", entityType: "seminar", entityId: String(seminar.id), after: { bookingId: booking.bookingId, participants: seats.map((s) => s.email) } }, tx);
  }
  return promoted.map((b) => b.bookingId);
}

/**
 * Cancels one seat. The participant (or the municipal IT who booked it) may until the
 * cancellation deadline and before the start; after that only those who manage the seminar.
 * A freed seat moves the waiting list up; the leaver gets a CANCEL for each date.
 */
export async function cancelParticipation(args: { user: Actor; seminarId: number; participantId: number; now?: Date; ip?: string | null }) {
  const now = args.now ?? new Date();
  const { user } = args;
  return db.transaction(async (tx) => {
    const { seminar, manages } = await loadSeminar(user, args.seminarId, { lock: true }, tx);
    const [seat] = await tx
      .select({
        id: seminarParticipants.id,
        bookingId: seminarParticipants.bookingId,
        userId: seminarParticipants.userId,
        name: seminarParticipants.name,
        email: seminarParticipants.email,
        status: seminarParticipants.status,
        bookedBy: seminarBookings.bookedBy,
      })
      .from(seminarParticipants)
      .innerJoin(seminarBookings, eq(seminarBookings.id, seminarParticipants.bookingId))
      .where(and(eq(seminarParticipants.id, args.participantId), eq(seminarParticipants.seminarId, seminar.id)));
    const own = seat && (seat.userId === user.id || seat.bookedBy === user.id);
    if (!seat || (!own && !manages)) notFound();
    if (seat.status === "storniert") throw new PublicError("Diese Anmeldung ist bereits storniert.", 409);
    if (!manages) {
      if (seminar.startsAt && now >= seminar.startsAt) throw new PublicError("Die Schulung hat begonnen; abmelden kann Sie jetzt nur noch die Schulungsleitung.", 409);
      if (seat.status === "bestaetigt" && now >= seminar.cancellationDeadline) {
        throw new PublicError("Die Abmeldefrist ist vorbei. Bitte wenden Sie sich an die Schulungsleitung, wenn Sie nicht teilnehmen können.", 409);
      }
    }
    await tx.update(seminarParticipants).set({ status: "storniert", cancelledAt: now, cancelledBy: user.id }).where(eq(seminarParticipants.id, seat.id));
    const [left] = await tx
      .select({ n: count() })
      .from(seminarParticipants)
      .where(and(eq(seminarParticipants.bookingId, seat.bookingId), ne(seminarParticipants.status, "storniert")));
    if (!left?.n) await tx.update(seminarBookings).set({ status: "storniert" }).where(eq(seminarBookings.id, seat.bookingId));

    const ctx = await seatMailContext(seminar, tx);
    const wasWaiting = seat.status === "wartend";
    if (!wasWaiting) {
      await tx.update(seminars).set({ confirmedSeats: sql`${seminars.confirmedSeats} - 1`, updatedAt: now }).where(eq(seminars.id, seminar.id));
      await removeFromEveryDate(seat, ctx, user.id, tx);
    }
    const cancelledBy = seat.userId === user.id ? null : user.name;
    await sendEmail(
      {
        to: { address: seat.email, name: seat.name },
        template: "training-cancelled-seat",
        subject: `Abmeldung: ${seminar.title}`,
        body: createElement(ParticipationCancelledEmail, { name: seat.name, title: seminar.title, dates: ctx.lines, location: ctx.location, link: ctx.link, cancelledBy, wasWaiting }),
      },
      tx,
    );
    await recordAudit(
      { actorId: user.id, ip: args.ip ?? null, action: "training.cancelled_seat", entityType: "seminar", entityId: String(seminar.id), before: { participant: seat.email, status: seat.status } },
      tx,
    );
    const promoted = wasWaiting ? [] : await promoteFromWaitingList({ seminarId: seminar.id, actorId: user.id, now }, tx);
    return { promoted };
  });
}
