import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { municipalities } from "#db/schema/members";
import {
  rooms,
  seminarAttendance,
  seminarBookings,
  seminarDates,
  seminarParticipants,
  seminars,
  seminarTrainers,
  type ParticipantStatus,
  type SeminarStatus,
  type SeminarType,
} from "#db/schema/training";
import { berlin } from "./dates";

/**
 * Seminars for tests, written straight into the training tables (no commands, no emails, no
 * calendar events), so tests of attendance, certificates, feedback, feeds or panels can set up
 * any state, in the past too. All people fictional, @kai.example.
 */

export interface ParticipantFixture {
  name: string;
  email: string;
  userId?: string | null;
  /** Municipality by name, e.g. "Buxtehude". */
  municipality?: string | null;
  status?: ParticipantStatus;
}

export interface SeminarFixtureSpec {
  title?: string;
  type?: SeminarType;
  status?: SeminarStatus;
  /** Dates in order; Berlin wall-clock `{ date: "2026-03-12", from: "09:00", to: "16:00" }` or instants. */
  dates: ({ date: string; from: string; to: string } | { startsAt: Date; endsAt: Date })[];
  /** Where: a new room of this centre (default), online, or in-house at a municipality (by name). */
  location?: { kind: "room"; centre?: "nord" | "mitte" | "west" | "sued"; room?: string } | { kind: "online" } | { kind: "inhouse"; municipality: string; address?: string };
  capacity?: number;
  createdBy?: string | null;
  trainers?: string[];
  /** One booking per participant. */
  participants?: ParticipantFixture[];
}

async function municipalityIdByName(db: Database, name: string | null | undefined) {
  if (!name) return null;
  const [row] = await db.select({ id: municipalities.id, centreId: municipalities.centreId }).from(municipalities).where(eq(municipalities.name, name));
  if (!row) throw new Error(`Unknown municipality in fixture: ${name}`);
  return row;
}

export async function createSeminarFixture(db: Database, spec: SeminarFixtureSpec) {
  const location = spec.location ?? { kind: "room" as const };
  const dates = spec.dates.map((d) => ("date" in d ? { startsAt: berlin(d.date, d.from), endsAt: berlin(d.date, d.to) } : d));
  const status = spec.status ?? "veroeffentlicht";
  const capacity = spec.capacity ?? Math.max(12, spec.participants?.length ?? 0);
  const first = dates[0]?.startsAt ?? new Date();
  let centreId = "nord";
  let roomId: number | null = null;
  let hostMunicipalityId: number | null = null;
  if (location.kind === "room") {
    centreId = location.centre ?? "nord";
    const [room] = await db
      .insert(rooms)
      .values({ centreId, name: location.room ?? `Schulungsraum ${randomBytes(3).toString("hex")}`, capacity: Math.max(capacity, 20) })
      .returning();
    roomId = room.id;
  } else if (location.kind === "inhouse") {
    const host = (await municipalityIdByName(db, location.municipality))!;
    hostMunicipalityId = host.id;
    centreId = host.centreId;
  }
  const [seminar] = await db
    .insert(seminars)
    .values({
      title: spec.title ?? "KAI-EWOS Grundlagen",
      type: spec.type ?? "schulung",
      locationKind: location.kind,
      centreId,
      roomId,
      hostMunicipalityId,
      address: location.kind === "inhouse" ? (location.address ?? null) : null,
      onlineUrl: location.kind === "online" ? "https://konferenz.kai.example/raum/schulung" : null,
      capacity,
      registrationDeadline: new Date(first.getTime() - 7 * 86_400_000),
      cancellationDeadline: new Date(first.getTime() - 3 * 86_400_000),
      status,
      createdBy: spec.createdBy ?? null,
      publishedAt: status === "entwurf" ? null : new Date(first.getTime() - 30 * 86_400_000),
      cancelledAt: status === "abgesagt" ? new Date() : null,
      startsAt: dates.length ? dates[0].startsAt : null,
      endsAt: dates.length ? dates[dates.length - 1].endsAt : null,
    })
    .returning();
  const dateRows = dates.length ? await db.insert(seminarDates).values(dates.map((d) => ({ seminarId: seminar.id, ...d }))).returning() : [];
  if (spec.trainers?.length) await db.insert(seminarTrainers).values(spec.trainers.map((userId) => ({ seminarId: seminar.id, userId })));
  const participants = [];
  for (const p of spec.participants ?? []) participants.push(await addParticipant(db, seminar.id, p));
  return { seminar, dates: dateRows, participants };
}

/** A single-person booking and its seat; keeps the seminar's confirmed seat count in step. */
export async function addParticipant(db: Database, seminarId: number, p: ParticipantFixture) {
  const status = p.status ?? "bestaetigt";
  const municipality = await municipalityIdByName(db, p.municipality);
  const [booking] = await db
    .insert(seminarBookings)
    .values({ seminarId, municipalityId: municipality?.id ?? null, bookedBy: p.userId ?? null, status })
    .returning();
  const [participant] = await db
    .insert(seminarParticipants)
    .values({ bookingId: booking.id, seminarId, userId: p.userId ?? null, name: p.name, email: p.email.toLowerCase(), municipalityId: municipality?.id ?? null, status })
    .returning();
  if (status === "bestaetigt") await db.update(seminars).set({ confirmedSeats: sql`${seminars.confirmedSeats} + 1` }).where(eq(seminars.id, seminarId));
  return participant;
}

/** Attendance as a trainer would have recorded it. */
export async function markAttendance(db: Database, rows: { participantId: number; dateId: number; present: boolean; recordedBy?: string | null }[]) {
  if (rows.length) await db.insert(seminarAttendance).values(rows.map((r) => ({ ...r, recordedBy: r.recordedBy ?? null })));
}
