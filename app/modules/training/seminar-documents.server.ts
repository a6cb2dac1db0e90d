import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { seminarDates, seminarTrainers, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";
import { formatDate, formatRange, formatTime } from "~/format";
import { describeSeminarLocation } from "./location.server";
import { SEMINAR_TYPE_LABELS } from "./labels";

/**
 * What the attendance list, the certificate and their pages print about a seminar: its dates,
 * location and trainers in German. Only for seminars the caller has already loaded through
 * `loadSeminar` (the authorization lives there).
 */
export interface SeminarFacts {
  id: number;
  title: string;
  typeLabel: string;
  dates: { id: number; startsAt: Date; endsAt: Date; label: string; shortLabel: string }[];
  location: string;
  trainers: string[];
}

export async function seminarFacts(seminar: Seminar, tx: Executor = db): Promise<SeminarFacts> {
  const dates = await tx
    .select({ id: seminarDates.id, startsAt: seminarDates.startsAt, endsAt: seminarDates.endsAt })
    .from(seminarDates)
    .where(eq(seminarDates.seminarId, seminar.id))
    .orderBy(asc(seminarDates.startsAt), asc(seminarDates.id));
  const trainerRows = await tx
    .select({ name: users.name })
    .from(seminarTrainers)
    .innerJoin(users, eq(users.id, seminarTrainers.userId))
    .where(eq(seminarTrainers.seminarId, seminar.id))
    .orderBy(asc(users.name));
  return {
    id: seminar.id,
    title: seminar.title,
    typeLabel: SEMINAR_TYPE_LABELS[seminar.type],
    dates: dates.map((d) => ({ ...d, label: formatRange(d.startsAt, d.endsAt), shortLabel: `${formatDate(d.startsAt)}, ${formatTime(d.startsAt)}` })),
    location: await describeSeminarLocation(seminar, tx, { online: "Online" }),
    trainers: trainerRows.map((t) => t.name),
  };
}

/** Municipality names by id, for lists of participants. */
export async function municipalityNames(ids: (number | null)[], tx: Executor = db): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "14 Stunden", "7,5 Stunden", "1 Stunde": scheduled time of the dates, to the quarter hour. */
export function hoursLabel(milliseconds: number): string {
  const hours = Math.round((milliseconds / 3_600_000) * 4) / 4;
  return `${new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 }).format(hours)} ${hours === 1 ? "Stunde" : "Stunden"}`;
}
