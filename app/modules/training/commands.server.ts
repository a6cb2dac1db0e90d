import { and, asc, eq, inArray } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { userRoles, users } from "#db/schema/auth";
import { calendarEvents } from "#db/schema/calendar";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { inhouseRequests, rooms, seminarDates, seminarParticipants, seminars, seminarTrainers, type Seminar, type SeminarDate } from "#db/schema/training";
import { SeminarCancelledEmail } from "#emails/training";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { cancelCalendarEvent, createCalendarEvent, updateCalendarEvent, type AttendeeInput, type EventInput } from "~/modules/calendar/events.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { mayPlanSeminars } from "./access";
import { SEMINAR_TYPE_LABELS } from "./labels";
import { bookRoom, releaseSeminarDateBookings } from "./rooms.server";
import { promoteFromWaitingList } from "./registrations.server";
import { loadSeminar } from "./seminar-access.server";
import { describeSlot, type Slot } from "./series";
import type { SeminarInput } from "./validation";

/**
 * Planning seminars (issue 8, items 1, 2 and 6): drafts, publishing, changes and cancellation.
 * Each command takes an args object and an optional transaction; authorization is inside
 * (loadSeminar with manage + lock: 404 for anyone who may not manage the seminar). One calendar
 * event per date (ADR 017), created at publishing; changes go out through the calendar engine.
 */
type Planner = Pick<CurrentUser, "id" | "name" | "email" | "roles">;

function run<T>(tx: Executor | undefined, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.transaction((t) => fn(t));
}

export function seminarLink(seminarId: number) {
  return `${getEnv().APP_URL.replace(/\/+$/, "")}/schulungen/${seminarId}`;
}

/** The room booking's label, as clash messages name it: `Schulung „Titel“ am 12.01.2027, 09:00–16:00`. */
/** What a clash message names (the message adds the booking's time). */
export function bookingLabel(seminar: { type: Seminar["type"]; title: string }) {
  return `${SEMINAR_TYPE_LABELS[seminar.type]} „${seminar.title}“`;
}

interface ResolvedLocation {
  centreId: string;
  roomId: number | null;
  hostMunicipalityId: number | null;
  address: string | null;
  onlineUrl: string | null;
  /** What the calendar entry's LOCATION says. */
  text: string;
}

async function resolveLocation(input: SeminarInput, tx: Executor): Promise<ResolvedLocation> {
  const loc = input.location;
  if (loc.kind === "room") {
    const [room] = await tx
      .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity, active: rooms.active, centreId: rooms.centreId, centreName: centres.name, street: centres.street, postalCode: centres.postalCode, city: centres.city })
      .from(rooms)
      .innerJoin(centres, eq(centres.id, rooms.centreId))
      .where(eq(rooms.id, loc.roomId));
    if (!room || !room.active) throw new PublicError("Bitte einen Raum aus der Liste wählen.", 400, "roomId");
    if (input.capacity > room.capacity) {
      throw new PublicError(`Der Raum „${room.name}“ fasst ${room.capacity} Personen; die Veranstaltung kann daher nicht ${input.capacity} Plätze haben.`, 400, "capacity");
    }
    const place = [room.street, [room.postalCode, room.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
    return { centreId: room.centreId, roomId: room.id, hostMunicipalityId: null, address: null, onlineUrl: null, text: `${room.name}, ${room.centreName}${place ? `, ${place}` : ""}` };
  }
  if (loc.kind === "inhouse") {
    const [m] = await tx.select({ id: municipalities.id, name: municipalities.name, kind: municipalities.kind, centreId: municipalities.centreId }).from(municipalities).where(eq(municipalities.id, loc.hostMunicipalityId));
    if (!m) throw new PublicError("Bitte eine Kommune aus der Liste wählen.", 400, "hostMunicipalityId");
    return { centreId: m.centreId, roomId: null, hostMunicipalityId: m.id, address: loc.address, onlineUrl: null, text: `${m.kind} ${m.name}, ${loc.address}` };
  }
  const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, loc.centreId));
  if (!centre) throw new PublicError("Bitte ein Zentrum aus der Liste wählen.", 400, "centreId");
  return { centreId: centre.id, roomId: null, hostMunicipalityId: null, address: null, onlineUrl: loc.onlineUrl, text: loc.onlineUrl };
}

async function checkCatalogue(input: SeminarInput, tx: Executor) {
  if (input.procedureId) {
    const [p] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.id, input.procedureId));
    if (!p) throw new PublicError("Bitte ein Verfahren aus der Liste wählen.", 400, "procedureId");
  }
  if (input.moduleId) {
    const [m] = await tx.select({ procedureId: procedureModules.procedureId }).from(procedureModules).where(eq(procedureModules.id, input.moduleId));
    if (!m || m.procedureId !== input.procedureId) throw new PublicError("Dieses Modul gehört nicht zum gewählten Verfahren.", 400, "moduleId");
  }
}

/** Trainers are people with the trainer role; without a choice, the planner (if a trainer). */
async function checkTrainers(input: SeminarInput, user: Planner, tx: Executor): Promise<string[]> {
  const ids = input.trainerIds.length ? input.trainerIds : hasRole(user.roles, "trainer") ? [user.id] : [];
  if (ids.length === 0) throw new PublicError("Bitte mindestens eine Person wählen, die die Veranstaltung leitet.", 400, "trainerIds");
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "trainer")))
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  if (new Set(rows.map((r) => r.id)).size !== ids.length) throw new PublicError("Bitte nur Personen mit der Rolle Schulung als Leitung wählen.", 400, "trainerIds");
  return ids;
}

function span(slots: { startsAt: Date; endsAt: Date }[]) {
  return { startsAt: slots[0].startsAt, endsAt: slots.reduce((max, s) => (s.endsAt > max ? s.endsAt : max), slots[0].endsAt) };
}

function refuseInPast(slots: Slot[], now: Date) {
  const past = slots.find((s) => s.startsAt <= now);
  if (past) throw new PublicError(`Der Termin am ${describeSlot(past)} Uhr liegt in der Vergangenheit. Bitte einen späteren Termin wählen.`, 400, "dates");
}

function seminarValues(input: SeminarInput, loc: ResolvedLocation) {
  return {
    title: input.title,
    description: input.description,
    type: input.type,
    procedureId: input.procedureId,
    moduleId: input.moduleId,
    audience: input.audience,
    locationKind: input.location.kind,
    centreId: loc.centreId,
    roomId: loc.roomId,
    hostMunicipalityId: loc.hostMunicipalityId,
    address: loc.address,
    onlineUrl: loc.onlineUrl,
    capacity: input.capacity,
    registrationDeadline: input.registrationDeadline,
    cancellationDeadline: input.cancellationDeadline,
    ...span(input.slots),
  };
}

async function bookDates(seminar: Pick<Seminar, "type" | "title">, roomId: number | null, dates: Pick<SeminarDate, "id" | "startsAt" | "endsAt">[], tx: Executor) {
  if (!roomId) return;
  for (const d of dates) await bookRoom({ roomId, startsAt: d.startsAt, endsAt: d.endsAt, label: bookingLabel(seminar), seminarDateId: d.id }, tx);
}

/** A new seminar, saved as a draft (status entwurf). Drafts book their rooms already (ADR 017). */
export async function createSeminar(args: { user: Planner; input: SeminarInput; inhouseRequestId?: number | null; ip?: string | null; now?: Date }, tx?: Executor): Promise<Seminar> {
  if (!mayPlanSeminars(args.user)) notFound();
  const { input } = args;
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    let restrictedTo: number | null = null;
    if (args.inhouseRequestId) {
      const [request] = await tx.select().from(inhouseRequests).where(eq(inhouseRequests.id, args.inhouseRequestId)).for("update");
      if (!request) notFound();
      if (request.status !== "offen") throw new PublicError("Diese Inhouse-Anfrage ist nicht mehr offen; aus ihr wurde schon eine Veranstaltung geplant oder sie wurde abgelehnt.", 409);
      restrictedTo = request.municipalityId;
    }
    refuseInPast(input.slots, now);
    await checkCatalogue(input, tx);
    const loc = await resolveLocation(input, tx);
    const trainerIds = await checkTrainers(input, args.user, tx);
    const [seminar] = await tx
      .insert(seminars)
      .values({ ...seminarValues(input, loc), status: "entwurf", restrictedToMunicipalityId: restrictedTo, createdBy: args.user.id })
      .returning();
    const dates = await tx
      .insert(seminarDates)
      .values(input.slots.map((s) => ({ seminarId: seminar.id, startsAt: s.startsAt, endsAt: s.endsAt })))
      .returning();
    await tx.insert(seminarTrainers).values(trainerIds.map((userId) => ({ seminarId: seminar.id, userId })));
    await bookDates(seminar, loc.roomId, dates, tx);
    if (args.inhouseRequestId) {
      await tx
        .update(inhouseRequests)
        .set({ status: "geplant", seminarId: seminar.id, decidedBy: args.user.id, decidedAt: now })
        .where(and(eq(inhouseRequests.id, args.inhouseRequestId), eq(inhouseRequests.status, "offen")));
      await recordAudit({ actorId: args.user.id, action: "training.inhouse_planned", entityType: "inhouse_request", entityId: args.inhouseRequestId, before: { status: "offen" }, after: { status: "geplant", seminarId: seminar.id }, ip: args.ip }, tx);
    }
    await recordAudit(
      {
        actorId: args.user.id,
        action: "training.seminar_created",
        entityType: "seminar",
        entityId: seminar.id,
        after: { title: seminar.title, type: seminar.type, status: seminar.status, location: loc.text, capacity: seminar.capacity, dates: dates.map(describeSlot), trainerIds, restrictedToMunicipalityId: restrictedTo },
        ip: args.ip,
      },
      tx,
    );
    return seminar;
  });
}

async function confirmedAttendees(seminarId: number, tx: Executor): Promise<AttendeeInput[]> {
  return tx
    .select({ email: seminarParticipants.email, name: seminarParticipants.name, userId: seminarParticipants.userId })
    .from(seminarParticipants)
    .where(and(eq(seminarParticipants.seminarId, seminarId), eq(seminarParticipants.status, "bestaetigt")))
    .orderBy(asc(seminarParticipants.id));
}

function eventFor(seminar: Pick<Seminar, "id" | "type" | "title">, slot: { startsAt: Date; endsAt: Date }, locationText: string, index: number, count: number): EventInput {
  const part = count > 1 ? `Termin ${index + 1} von ${count}. ` : "";
  return {
    kind: seminar.type === "info" ? "info_event" : "seminar",
    title: seminar.title,
    description: `${SEMINAR_TYPE_LABELS[seminar.type]} des KAI. ${part}Details, Anmeldung und Abmeldung: ${seminarLink(seminar.id)}`,
    location: locationText,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
  };
}

async function datesOf(seminarId: number, tx: Executor) {
  return tx.select().from(seminarDates).where(eq(seminarDates.seminarId, seminarId)).orderBy(asc(seminarDates.startsAt), asc(seminarDates.id));
}

function inputOfSeminar(seminar: Seminar): SeminarInput["location"] {
  if (seminar.locationKind === "room") return { kind: "room", roomId: seminar.roomId! };
  if (seminar.locationKind === "inhouse") return { kind: "inhouse", hostMunicipalityId: seminar.hostMunicipalityId!, address: seminar.address ?? "" };
  return { kind: "online", centreId: seminar.centreId, onlineUrl: seminar.onlineUrl ?? "" };
}

/** The LOCATION text of a stored seminar (for publishing and for events of added dates). */
async function locationTextOf(seminar: Seminar, tx: Executor) {
  const loc = inputOfSeminar(seminar);
  // Capacity is checked on save; here only the text is wanted, so a room's current capacity does not matter.
  const resolved = await resolveLocation({ location: loc, capacity: 1 } as SeminarInput, tx).catch(() => null);
  return resolved?.text ?? seminar.address ?? seminar.onlineUrl ?? "";
}

/** Publishes a draft: visible to everyone, open for registration; one calendar event per date. */
export async function publishSeminar(args: { user: Planner; seminarId: number; ip?: string | null; now?: Date }, tx?: Executor): Promise<Seminar> {
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { seminar } = await loadSeminar(args.user, args.seminarId, { manage: true, lock: true }, tx);
    if (seminar.status !== "entwurf") throw new PublicError(seminar.status === "abgesagt" ? "Die Veranstaltung ist abgesagt." : "Die Veranstaltung ist schon veröffentlicht.", 409);
    const dates = await datesOf(seminar.id, tx);
    if (dates.length === 0) throw new PublicError("Die Veranstaltung hat keinen Termin.", 400);
    refuseInPast(dates, now);
    const locationText = await locationTextOf(seminar, tx);
    const attendees = await confirmedAttendees(seminar.id, tx);
    for (const [i, d] of dates.entries()) {
      const event = await createCalendarEvent({ event: eventFor(seminar, d, locationText, i, dates.length), attendees, createdBy: args.user.id }, tx);
      await tx.update(seminarDates).set({ eventId: event.id }).where(eq(seminarDates.id, d.id));
    }
    const [published] = await tx.update(seminars).set({ status: "veroeffentlicht", publishedAt: now, updatedAt: now }).where(eq(seminars.id, seminar.id)).returning();
    await recordAudit({ actorId: args.user.id, action: "training.seminar_published", entityType: "seminar", entityId: seminar.id, before: { status: "entwurf" }, after: { status: "veroeffentlicht", events: dates.length }, ip: args.ip }, tx);
    return published;
  });
}

const same = (a: Date, b: Date) => a.getTime() === b.getTime();

/**
 * Saves changes. For a published seminar: moved dates and a changed place or title send an
 * update per affected date (same UID, SEQUENCE + 1) to everyone invited; an added date gets its
 * own event with the confirmed participants; a removed date is cancelled in their calendars.
 */
export async function updateSeminar(args: { user: Planner; seminarId: number; input: SeminarInput; ip?: string | null; now?: Date }, tx?: Executor): Promise<Seminar> {
  const { input } = args;
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { seminar: before, trainerIds: trainersBefore } = await loadSeminar(args.user, args.seminarId, { manage: true, lock: true }, tx);
    if (before.status === "abgesagt") throw new PublicError("Eine abgesagte Veranstaltung kann nicht mehr geändert werden.", 409);
    if (input.capacity < before.confirmedSeats) {
      throw new PublicError(`Es sind schon ${before.confirmedSeats} Plätze bestätigt; die Kapazität kann nicht auf ${input.capacity} sinken.`, 400, "capacity");
    }
    await checkCatalogue(input, tx);
    const loc = await resolveLocation(input, tx);
    const trainerIds = await checkTrainers(input, args.user, tx);
    const existing = await datesOf(before.id, tx);
    const byId = new Map(existing.map((d) => [d.id, d]));
    for (const s of input.slots) if (s.id !== undefined && !byId.has(s.id)) throw new PublicError("Ein Termin gehört nicht (mehr) zu dieser Veranstaltung. Bitte laden Sie die Seite neu.", 409, "dates");
    const keptIds = new Set(input.slots.map((s) => s.id).filter((v): v is number => v !== undefined));
    const removed = existing.filter((d) => !keptIds.has(d.id));
    const moved = input.slots.filter((s) => s.id !== undefined && (!same(byId.get(s.id)!.startsAt, s.startsAt) || !same(byId.get(s.id)!.endsAt, s.endsAt)));
    const added = input.slots.filter((s) => s.id === undefined);
    for (const d of [...removed, ...moved.map((s) => byId.get(s.id!)!)]) {
      if (d.startsAt <= now) throw new PublicError(`Der Termin am ${describeSlot(d)} Uhr hat schon begonnen und kann nicht mehr verschoben oder entfernt werden.`, 400, "dates");
    }
    refuseInPast([...moved, ...added], now);

    const [seminar] = await tx.update(seminars).set({ ...seminarValues(input, loc), updatedAt: now }).where(eq(seminars.id, before.id)).returning();

    // Rooms: free all of this seminar's bookings, then book the dates as they are now, so that
    // swapping two dates or moving within the seminar's own slots is not a clash with itself.
    await releaseSeminarDateBookings(existing.map((d) => d.id), tx);
    const published = before.status === "veroeffentlicht";
    for (const d of removed) {
      if (published && d.eventId) await cancelCalendarEvent({ eventId: d.eventId, actorId: args.user.id }, tx);
      await tx.delete(seminarDates).where(eq(seminarDates.id, d.id));
    }
    for (const s of moved) await tx.update(seminarDates).set({ startsAt: s.startsAt, endsAt: s.endsAt }).where(eq(seminarDates.id, s.id!));
    const inserted = added.length ? await tx.insert(seminarDates).values(added.map((s) => ({ seminarId: seminar.id, startsAt: s.startsAt, endsAt: s.endsAt }))).returning() : [];
    const dates = await datesOf(seminar.id, tx);
    await bookDates(seminar, loc.roomId, dates, tx);

    let updates = 0;
    if (published) {
      const attendees = await confirmedAttendees(seminar.id, tx);
      const insertedIds = new Set(inserted.map((d) => d.id));
      const events = new Map(
        (await tx.select().from(calendarEvents).where(inArray(calendarEvents.id, dates.map((d) => d.eventId).filter((v): v is string => !!v)))).map((e) => [e.id, e]),
      );
      for (const [i, d] of dates.entries()) {
        const wanted = eventFor(seminar, d, loc.text, i, dates.length);
        if (insertedIds.has(d.id) || !d.eventId) {
          const event = await createCalendarEvent({ event: wanted, attendees, createdBy: args.user.id }, tx);
          await tx.update(seminarDates).set({ eventId: event.id }).where(eq(seminarDates.id, d.id));
          continue;
        }
        const current = events.get(d.eventId);
        if (!current || current.status === "cancelled") continue;
        const changes: Partial<EventInput> = {};
        if (!same(current.startsAt, wanted.startsAt)) changes.startsAt = wanted.startsAt;
        if (!same(current.endsAt, wanted.endsAt)) changes.endsAt = wanted.endsAt;
        if (current.location !== wanted.location) changes.location = wanted.location;
        if (current.title !== wanted.title) changes.title = wanted.title;
        if (current.description !== wanted.description) changes.description = wanted.description;
        if (Object.keys(changes).length) {
          await updateCalendarEvent({ eventId: current.id, changes, actorId: args.user.id }, tx);
          updates++;
        }
      }
    }

    await tx.delete(seminarTrainers).where(eq(seminarTrainers.seminarId, seminar.id));
    await tx.insert(seminarTrainers).values(trainerIds.map((userId) => ({ seminarId: seminar.id, userId })));
    // More seats: the waiting list moves up at once, in order (ADR 018).
    if (published && seminar.capacity > before.capacity) await promoteFromWaitingList({ seminarId: seminar.id, actorId: args.user.id, now }, tx);

    const changed = (Object.keys(seminarValues(input, loc)) as (keyof Seminar)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(seminar[k]));
    await recordAudit(
      {
        actorId: args.user.id,
        action: "training.seminar_updated",
        entityType: "seminar",
        entityId: seminar.id,
        before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), ...(sameSet(trainersBefore, trainerIds) ? {} : { trainerIds: trainersBefore }), dates: existing.map(describeSlot) },
        after: {
          ...Object.fromEntries(changed.map((k) => [k, seminar[k]])),
          ...(sameSet(trainersBefore, trainerIds) ? {} : { trainerIds }),
          dates: dates.map(describeSlot),
          removedDates: removed.length,
          movedDates: moved.length,
          addedDates: added.length,
          calendarUpdates: updates,
        },
        ip: args.ip,
      },
      tx,
    );
    return seminar;
  });
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v) => b.includes(v));

/**
 * Cancels the seminar: each date's event gets CANCEL + STATUS:CANCELLED to everyone invited,
 * every confirmed and waiting participant gets a German email with the reason, rooms are freed.
 */
export async function cancelSeminar(args: { user: Planner; seminarId: number; reason: string; ip?: string | null; now?: Date }, tx?: Executor): Promise<Seminar> {
  const now = args.now ?? new Date();
  const reason = args.reason.trim();
  if (reason.length < 5) throw new PublicError("Bitte den Grund der Absage angeben.", 400, "reason");
  return run(tx, async (tx) => {
    const { seminar } = await loadSeminar(args.user, args.seminarId, { manage: true, lock: true }, tx);
    if (seminar.status === "abgesagt") throw new PublicError("Die Veranstaltung ist bereits abgesagt.", 409);
    const dates = await datesOf(seminar.id, tx);
    for (const d of dates) if (d.eventId) await cancelCalendarEvent({ eventId: d.eventId, actorId: args.user.id }, tx);
    const released = await releaseSeminarDateBookings(dates.map((d) => d.id), tx);
    const people = await tx
      .select({ name: seminarParticipants.name, email: seminarParticipants.email, status: seminarParticipants.status })
      .from(seminarParticipants)
      .where(and(eq(seminarParticipants.seminarId, seminar.id), inArray(seminarParticipants.status, ["bestaetigt", "wartend"])))
      .orderBy(asc(seminarParticipants.id));
    const ref = { title: seminar.title, typeLabel: SEMINAR_TYPE_LABELS[seminar.type], dates: dates.map((d) => `${describeSlot(d)} Uhr`), link: seminarLink(seminar.id) };
    for (const p of people) {
      await sendEmail(
        {
          to: { address: p.email, name: p.name },
          template: "training-seminar-cancelled",
          subject: `Abgesagt: ${SEMINAR_TYPE_LABELS[seminar.type]} „${seminar.title}“`,
          body: createElement(SeminarCancelledEmail, { name: p.name, seminar: ref, reason, waiting: p.status === "wartend" }),
        },
        tx,
      );
    }
    const [cancelled] = await tx.update(seminars).set({ status: "abgesagt", cancelledAt: now, cancelReason: reason, updatedAt: now }).where(eq(seminars.id, seminar.id)).returning();
    await recordAudit(
      { actorId: args.user.id, action: "training.seminar_cancelled", entityType: "seminar", entityId: seminar.id, before: { status: seminar.status }, after: { status: "abgesagt", reason, notified: people.length, roomBookingsReleased: released }, ip: args.ip },
      tx,
    );
    return cancelled;
  });
}
