import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { inhouseRequests, seminarBookings, seminarParticipants, seminars, seminarTrainers, type SeminarStatus } from "#db/schema/training";
import { centres, municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";

/**
 * The trainer's overview (issue 8, item 10) and the training panels of the start page: upcoming
 * seminars with fill level and waiting list, open in-house requests, and published seminars that
 * fill slowly although registration closes soon.
 */

/** "Kurz vor Anmeldeschluss": the registration deadline is at most this many days away. */
export const LOW_REGISTRATION_DAYS_BEFORE_DEADLINE = 7;
/** "Wenig Anmeldungen": fewer confirmed seats than this share of the capacity. */
export const LOW_REGISTRATION_FILL_RATIO = 0.5;
/** How many upcoming seminars the overview lists at most (a trainer has far fewer). */
export const OVERVIEW_SEMINAR_LIMIT = 200;
/** How many open in-house requests the overview lists (the count covers all). */
export const OVERVIEW_REQUEST_LIMIT = 20;
/** The trainer's start-page panel: the next seminars they teach. */
export const NEXT_TAUGHT_LIMIT = 5;

const DAY_MS = 86_400_000;

/** Seminars a trainer teaches: created by them or named on them. */
function taughtBy(userId: string) {
  return or(eq(seminars.createdBy, userId), sql`exists (select 1 from ${seminarTrainers} where ${seminarTrainers.seminarId} = ${seminars.id} and ${seminarTrainers.userId} = ${userId})`)!;
}

/** Planned and published seminars that have not ended yet; a draft without dates counts as upcoming. */
function upcoming(now: Date) {
  return and(inArray(seminars.status, ["entwurf", "veroeffentlicht"] satisfies SeminarStatus[]), or(isNull(seminars.endsAt), gt(seminars.endsAt, now)));
}

export interface UpcomingSeminar {
  id: number;
  title: string;
  status: SeminarStatus;
  startsAt: string | null;
  endsAt: string | null;
  centre: string;
  capacity: number;
  confirmedSeats: number;
  /** People on the waiting list (seats), and the bookings among them (a group is one). */
  waitingPeople: number;
  waitingBookings: number;
  registrationDeadline: string;
}

/**
 * Upcoming seminars, one statement: the waiting counts are correlated subqueries on the queue
 * index, not a query per seminar. `mine` limits to the seminars the person teaches; trainers who
 * are not admins only ever see those.
 */
export async function upcomingSeminars(args: { user: Pick<CurrentUser, "id" | "roles">; now: Date; mine?: boolean; limit?: number }, tx: Executor = db): Promise<UpcomingSeminar[]> {
  const admin = hasRole(args.user.roles, "admin");
  if (!admin && !hasRole(args.user.roles, "trainer")) return [];
  const onlyMine = !admin || args.mine;
  const waitingPeople = sql<number>`(select count(*) from ${seminarParticipants} where ${seminarParticipants.seminarId} = ${seminars.id} and ${seminarParticipants.status} = 'wartend')`.mapWith(Number);
  const waitingBookings = sql<number>`(select count(*) from ${seminarBookings} where ${seminarBookings.seminarId} = ${seminars.id} and ${seminarBookings.status} = 'wartend')`.mapWith(Number);
  const rows = await tx
    .select({
      id: seminars.id,
      title: seminars.title,
      status: seminars.status,
      startsAt: seminars.startsAt,
      endsAt: seminars.endsAt,
      centre: centres.name,
      capacity: seminars.capacity,
      confirmedSeats: seminars.confirmedSeats,
      waitingPeople,
      waitingBookings,
      registrationDeadline: seminars.registrationDeadline,
    })
    .from(seminars)
    .innerJoin(centres, eq(centres.id, seminars.centreId))
    .where(and(upcoming(args.now), onlyMine ? taughtBy(args.user.id) : undefined))
    .orderBy(sql`${seminars.startsAt} asc nulls last`, asc(seminars.id))
    .limit(args.limit ?? OVERVIEW_SEMINAR_LIMIT);
  return rows.map((r) => ({
    ...r,
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    registrationDeadline: r.registrationDeadline.toISOString(),
  }));
}

/** Published, registration still open but closing within the window, and less than the share of seats taken. */
export function isLowRegistration(seminar: Pick<UpcomingSeminar, "status" | "registrationDeadline" | "confirmedSeats" | "capacity">, now: Date): boolean {
  if (seminar.status !== "veroeffentlicht") return false;
  const deadline = new Date(seminar.registrationDeadline).getTime();
  if (deadline < now.getTime() || deadline > now.getTime() + LOW_REGISTRATION_DAYS_BEFORE_DEADLINE * DAY_MS) return false;
  return seminar.confirmedSeats < seminar.capacity * LOW_REGISTRATION_FILL_RATIO;
}

/** The open in-house requests, oldest first, with the count of all of them (window function: one statement). */
export async function openInhouseRequests(limit = OVERVIEW_REQUEST_LIMIT, tx: Executor = db) {
  const rows = await tx
    .select({
      id: inhouseRequests.id,
      topic: inhouseRequests.topic,
      municipality: municipalities.name,
      wishedFrom: inhouseRequests.wishedFrom,
      wishedTo: inhouseRequests.wishedTo,
      participants: inhouseRequests.participants,
      createdAt: inhouseRequests.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(inhouseRequests)
    .innerJoin(municipalities, eq(municipalities.id, inhouseRequests.municipalityId))
    .where(eq(inhouseRequests.status, "offen"))
    .orderBy(asc(inhouseRequests.createdAt), asc(inhouseRequests.id))
    .limit(limit);
  return { count: rows[0]?.total ?? 0, requests: rows.map(({ total: _total, createdAt, ...r }) => ({ ...r, createdAt: createdAt.toISOString() })) };
}

/** Everything the planning page shows: two statements, run side by side. */
export async function trainerOverview(args: { user: Pick<CurrentUser, "id" | "roles">; now: Date; mine?: boolean }) {
  const [seminarRows, requests] = await Promise.all([upcomingSeminars(args), openInhouseRequests()]);
  return {
    seminars: seminarRows,
    lowRegistration: seminarRows.filter((s) => isLowRegistration(s, args.now)),
    requests,
  };
}

export interface MySeminar {
  seminarId: number;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  centre: string;
  status: "bestaetigt" | "wartend";
  /** 1 = next to move up; null when confirmed. A group booking ahead counts as one place. */
  waitingPosition: number | null;
}

/**
 * "Meine Schulungen": the person's upcoming published seminars where they hold a seat or wait
 * for one. The position is their booking's rank among the seminar's waiting bookings in `id`
 * order (the order of the waiting list, ADR 018), one statement for all.
 */
export async function mySeminars(args: { userId: string; now: Date; limit?: number }, tx: Executor = db): Promise<MySeminar[]> {
  const position = sql<number | null>`case when ${seminarParticipants.status} = 'wartend' then (select count(*) from ${seminarBookings} b where b.seminar_id = ${seminarParticipants.seminarId} and b.status = 'wartend' and b.id <= ${seminarParticipants.bookingId}) end`.mapWith(
    (v) => (v === null ? null : Number(v)),
  );
  const rows = await tx
    .select({
      seminarId: seminars.id,
      title: seminars.title,
      startsAt: seminars.startsAt,
      endsAt: seminars.endsAt,
      centre: centres.name,
      status: seminarParticipants.status,
      waitingPosition: position,
    })
    .from(seminarParticipants)
    .innerJoin(seminars, eq(seminars.id, seminarParticipants.seminarId))
    .innerJoin(centres, eq(centres.id, seminars.centreId))
    .where(
      and(
        eq(seminarParticipants.userId, args.userId),
        inArray(seminarParticipants.status, ["bestaetigt", "wartend"]),
        eq(seminars.status, "veroeffentlicht"),
        or(isNull(seminars.endsAt), gt(seminars.endsAt, args.now)),
      ),
    )
    .orderBy(sql`${seminars.startsAt} asc nulls last`, asc(seminars.id))
    .limit(args.limit ?? 10);
  return rows.map((r) => ({
    ...r,
    status: r.status as MySeminar["status"],
    waitingPosition: r.status === "wartend" ? r.waitingPosition : null,
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
  }));
}
