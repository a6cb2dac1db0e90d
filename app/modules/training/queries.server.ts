import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import { users } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { rooms, seminarBookings, seminarDates, seminarParticipants } from "#db/schema/training";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { renderMarkdown } from "~/modules/text/markdown.server";
import { registeringMunicipalityOf } from "./access";
import { describeSeminarLocation } from "./location.server";
import { registrationClosedReason } from "./registrations.server";
import { loadSeminar } from "./seminar-access.server";

type Viewer = Pick<CurrentUser, "id" | "roles" | "municipalityId"> | null;

/**
 * Everything the seminar page shows (issue 8 items 4, 5 and 9): the seminar for everyone who may
 * see it; the viewer's own seats (and those they booked for colleagues) with the waiting
 * position; for those who manage it, every participant. The online link is shown to confirmed
 * participants and managers only.
 */
export async function getSeminarPage(user: Viewer, seminarId: number, now = new Date()) {
  const { seminar, trainerIds, manages } = await loadSeminar(user, seminarId);
  const [dates, trainers, meta, location, waitingRows] = await Promise.all([
    db.select({ id: seminarDates.id, startsAt: seminarDates.startsAt, endsAt: seminarDates.endsAt }).from(seminarDates).where(eq(seminarDates.seminarId, seminar.id)).orderBy(asc(seminarDates.startsAt)),
    trainerIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, trainerIds)).orderBy(asc(users.name)) : Promise.resolve([]),
    db
      .select({ centre: centres.name, procedure: procedures.name, procedureCode: procedures.code, module: procedureModules.name, room: rooms.name, roomDirections: rooms.directions, restrictedTo: municipalities.name })
      .from(centres)
      .leftJoin(procedures, eq(procedures.id, sql`${seminar.procedureId ?? null}`))
      .leftJoin(procedureModules, eq(procedureModules.id, sql`${seminar.moduleId ?? null}`))
      .leftJoin(rooms, eq(rooms.id, sql`${seminar.roomId ?? null}`))
      .leftJoin(municipalities, eq(municipalities.id, sql`${seminar.restrictedToMunicipalityId ?? null}`))
      .where(eq(centres.id, seminar.centreId)),
    describeSeminarLocation(seminar),
    db
      .select({ bookingId: seminarBookings.id, seats: sql<number>`count(${seminarParticipants.id})::int` })
      .from(seminarBookings)
      .innerJoin(seminarParticipants, and(eq(seminarParticipants.bookingId, seminarBookings.id), eq(seminarParticipants.status, "wartend")))
      .where(and(eq(seminarBookings.seminarId, seminar.id), eq(seminarBookings.status, "wartend")))
      .groupBy(seminarBookings.id)
      .orderBy(asc(seminarBookings.id)),
  ]);
  const positionOf = new Map(waitingRows.map((r, i) => [r.bookingId, i + 1]));
  const waitingSeats = waitingRows.reduce((n, r) => n + Number(r.seats), 0);

  // Someone who manages the seminar reads every participant once and finds their own among them;
  // everyone else reads only the rows they registered or are registered in.
  const ownRow = user
    ? or(eq(seminarParticipants.userId, user.id), eq(seminarBookings.bookedBy, user.id))
    : sql`false`;
  const rows =
    user
      ? await db
          .select({
            id: seminarParticipants.id,
            bookingId: seminarParticipants.bookingId,
            name: seminarParticipants.name,
            email: seminarParticipants.email,
            status: seminarParticipants.status,
            municipality: municipalities.name,
            hasAccount: sql<boolean>`${seminarParticipants.userId} is not null`,
            self: sql<boolean>`coalesce(${seminarParticipants.userId} = ${user.id}, false)`,
            own: sql<boolean>`coalesce(${ownRow}, false)`,
          })
          .from(seminarParticipants)
          .innerJoin(seminarBookings, eq(seminarBookings.id, seminarParticipants.bookingId))
          .leftJoin(municipalities, eq(municipalities.id, seminarParticipants.municipalityId))
          .where(and(eq(seminarParticipants.seminarId, seminar.id), ne(seminarParticipants.status, "storniert"), manages ? undefined : ownRow))
          .orderBy(asc(seminarParticipants.bookingId), asc(seminarParticipants.id))
      : [];
  const mine = rows
    .filter((r) => r.own)
    .sort((a, b) => a.id - b.id)
    .map(({ id, bookingId, name, email, status, self }) => ({ id, bookingId, name, email, status, self }));
  const participants = manages ? rows.map(({ id, bookingId, name, email, status, municipality, hasAccount }) => ({ id, bookingId, name, email, status, municipality, hasAccount })) : [];

  const withPosition = <T extends { bookingId: number; status: string }>(rows: T[]) =>
    rows.map((r) => ({ ...r, position: r.status === "wartend" ? (positionOf.get(r.bookingId) ?? null) : null }));
  const myRows = withPosition(mine);
  const confirmedSelf = myRows.some((r) => r.self && r.status === "bestaetigt");
  const closed = registrationClosedReason(seminar, now);
  const registeringFor = user ? registeringMunicipalityOf({ roles: user.roles, municipalityId: user.municipalityId }) : null;
  const restrictedOk = !seminar.restrictedToMunicipalityId || seminar.restrictedToMunicipalityId === user?.municipalityId;
  const started = !!seminar.startsAt && now >= seminar.startsAt;
  const ended = !!seminar.endsAt && now >= seminar.endsAt;

  return {
    seminar: {
      id: seminar.id,
      title: seminar.title,
      /** With soft hyphens, so long German words break at 320 px. */
      titleHyphenated: hyphenate(seminar.title),
      descriptionHtml: renderMarkdown(seminar.description),
      type: seminar.type,
      audience: seminar.audience,
      status: seminar.status,
      cancelReason: seminar.cancelReason,
      locationKind: seminar.locationKind,
      location,
      directions: meta[0]?.roomDirections ?? null,
      onlineUrl: seminar.locationKind === "online" && (manages || confirmedSelf) ? seminar.onlineUrl : null,
      capacity: seminar.capacity,
      confirmedSeats: seminar.confirmedSeats,
      waitingSeats,
      waitingBookings: waitingRows.length,
      registrationDeadline: seminar.registrationDeadline,
      cancellationDeadline: seminar.cancellationDeadline,
      centre: meta[0]?.centre ?? seminar.centreId,
      procedure: meta[0]?.procedure ?? null,
      procedureCode: meta[0]?.procedureCode ?? null,
      module: meta[0]?.module ?? null,
      restrictedTo: meta[0]?.restrictedTo ?? null,
      published: seminar.publishedAt !== null,
      started,
      ended,
    },
    dates,
    trainers,
    manages,
    mine: myRows,
    participants: withPosition(participants),
    registration: {
      closedReason: closed ?? (restrictedOk ? null : `Diese Inhouse-Schulung ist nur für die Beschäftigten der Kommune ${meta[0]?.restrictedTo ?? ""}.`),
      canRegisterSelf: !!user?.municipalityId && !myRows.some((r) => r.self),
      canRegisterGroup: registeringFor !== null && (!seminar.restrictedToMunicipalityId || seminar.restrictedToMunicipalityId === registeringFor),
      cancellationOpen: now < seminar.cancellationDeadline && !started,
    },
  };
}
