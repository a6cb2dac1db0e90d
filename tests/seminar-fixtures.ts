import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { centres } from "#db/schema/members";
import { rooms, seminarDates, seminars, seminarTrainers, type Seminar } from "#db/schema/training";
import { createCalendarEvent } from "~/modules/calendar/events.server";

const DAY = 86_400_000;

/**
 * A seminar as planning leaves it (tests only): in a room of the centre, with dates, a trainer
 * and, when published, one calendar-engine event per date. Defaults: 10 seats, two dates 30 and
 * 31 days ahead 09:00–16:00 UTC+1, registration open for 20 more days, cancellation for 25.
 */
export async function createTestSeminar(
  db: Database,
  spec: {
    title?: string;
    capacity?: number;
    trainerId: string;
    published?: boolean;
    centre?: "nord" | "mitte" | "west" | "sued";
    dates?: { startsAt: Date; endsAt: Date }[];
    registrationDeadline?: Date;
    cancellationDeadline?: Date;
    restrictedToMunicipalityId?: number | null;
    now?: Date;
  },
): Promise<Seminar> {
  const now = spec.now ?? new Date();
  const centreId = spec.centre ?? "nord";
  const dates = spec.dates ?? [
    { startsAt: new Date(now.getTime() + 30 * DAY), endsAt: new Date(now.getTime() + 30 * DAY + 7 * 3_600_000) },
    { startsAt: new Date(now.getTime() + 31 * DAY), endsAt: new Date(now.getTime() + 31 * DAY + 7 * 3_600_000) },
  ];
  return db.transaction(async (tx) => {
    const [centre] = await tx.select().from(centres).where(eq(centres.id, centreId));
    const [room] = await tx
      .insert(rooms)
      .values({ centreId, name: `Testraum ${Math.random().toString(36).slice(2, 8)}`, capacity: 40, directions: "Eingang B, 1. Stock." })
      .returning();
    const title = spec.title ?? "OK.EWO Grundlagen";
    const published = spec.published ?? true;
    const [seminar] = await tx
      .insert(seminars)
      .values({
        title,
        description: "Einführung in das Verfahren.",
        type: "schulung",
        audience: "clerks",
        locationKind: "room",
        centreId,
        roomId: room.id,
        capacity: spec.capacity ?? 10,
        registrationDeadline: spec.registrationDeadline ?? new Date(now.getTime() + 20 * DAY),
        cancellationDeadline: spec.cancellationDeadline ?? new Date(now.getTime() + 25 * DAY),
        status: published ? "veroeffentlicht" : "entwurf",
        publishedAt: published ? now : null,
        restrictedToMunicipalityId: spec.restrictedToMunicipalityId ?? null,
        startsAt: dates[0].startsAt,
        endsAt: dates[dates.length - 1].endsAt,
        createdBy: spec.trainerId,
      })
      .returning();
    await tx.insert(seminarTrainers).values({ seminarId: seminar.id, userId: spec.trainerId });
    for (const d of dates) {
      const event = published
        ? await createCalendarEvent({ event: { kind: "seminar", title, location: `${room.name}, KAI-Zentrum ${centre.name}`, startsAt: d.startsAt, endsAt: d.endsAt }, attendees: [] }, tx)
        : null;
      await tx.insert(seminarDates).values({ seminarId: seminar.id, startsAt: d.startsAt, endsAt: d.endsAt, eventId: event?.id ?? null });
    }
    return seminar;
  });
}
