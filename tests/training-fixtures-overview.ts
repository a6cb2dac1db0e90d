import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { seminarBookings, seminarDates, seminarParticipants, seminars, seminarTrainers, type ParticipantStatus, type SeminarStatus } from "#db/schema/training";

/**
 * Seminars for the overview and panel tests, written straight into the tables (the planning and
 * registration commands are tested elsewhere). Online seminars, so no room is needed.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeminarSpec {
  title: string;
  centreId?: "nord" | "mitte" | "west" | "sued";
  capacity: number;
  status?: SeminarStatus;
  /** Days from `now` to the first date (09:00–16:00 UTC offsets are not important here). */
  startsInDays: number;
  /** How many consecutive days (one date each). */
  days?: number;
  /** Days from `now` to the registration deadline; default one day before the start. */
  deadlineInDays?: number;
  createdBy?: string | null;
  trainers?: string[];
  now?: Date;
}

export async function insertSeminar(db: Database, spec: SeminarSpec) {
  const now = spec.now ?? new Date();
  const startsAt = new Date(now.getTime() + spec.startsInDays * DAY);
  const days = spec.days ?? 1;
  const dates = Array.from({ length: days }, (_, i) => ({ startsAt: new Date(startsAt.getTime() + i * DAY), endsAt: new Date(startsAt.getTime() + i * DAY + 6 * HOUR) }));
  const status = spec.status ?? "veroeffentlicht";
  const deadline = new Date(now.getTime() + (spec.deadlineInDays ?? spec.startsInDays - 1) * DAY);
  const [seminar] = await db
    .insert(seminars)
    .values({
      title: spec.title,
      type: "schulung",
      locationKind: "online",
      onlineUrl: "https://konferenz.kai.example/raum/1",
      centreId: spec.centreId ?? "west",
      capacity: spec.capacity,
      registrationDeadline: deadline,
      cancellationDeadline: deadline,
      status,
      startsAt: dates[0].startsAt,
      endsAt: dates[dates.length - 1].endsAt,
      createdBy: spec.createdBy ?? null,
      publishedAt: status === "entwurf" ? null : now,
    })
    .returning();
  await db.insert(seminarDates).values(dates.map((d) => ({ seminarId: seminar.id, ...d })));
  if (spec.trainers?.length) await db.insert(seminarTrainers).values(spec.trainers.map((userId) => ({ seminarId: seminar.id, userId })));
  return seminar;
}

export interface SeatSpec {
  name: string;
  email: string;
  userId?: string | null;
}

/** One booking (a person, or a group when several seats) with its participants; confirmed seats count on the seminar. */
export async function insertBooking(db: Database, args: { seminarId: number; status: ParticipantStatus; seats: SeatSpec[]; bookedBy?: string | null }) {
  const [booking] = await db.insert(seminarBookings).values({ seminarId: args.seminarId, status: args.status, bookedBy: args.bookedBy ?? null }).returning();
  await db.insert(seminarParticipants).values(
    args.seats.map((s) => ({ bookingId: booking.id, seminarId: args.seminarId, userId: s.userId ?? null, name: s.name, email: s.email.toLowerCase(), status: args.status })),
  );
  if (args.status === "bestaetigt") {
    await db
      .update(seminars)
      .set({ confirmedSeats: sql`${seminars.confirmedSeats} + ${args.seats.length}` })
      .where(eq(seminars.id, args.seminarId));
  }
  return booking;
}

/** `count` anonymous seats, e.g. to fill a seminar: "Teilnehmende 1 <t1@…>" … */
export function seats(prefix: string, count: number): SeatSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `Teilnehmende ${prefix} ${i + 1}`, email: `${prefix}.${i + 1}@kai.example` }));
}
