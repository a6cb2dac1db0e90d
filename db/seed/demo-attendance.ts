import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Database } from "../client";
import { users } from "../schema/auth";
import { rooms, seminarAttendance, seminarBookings, seminarDates, seminarFeedback, seminarParticipants, seminars, seminarTrainers } from "../schema/training";

/**
 * Demo data for attendance, certificates and feedback (issue 8, item 8): a two-day seminar that
 * took place two weeks ago in Zentrum West, run by the demo trainer, with four demo accounts and
 * one person without an account; attendance recorded and three answers to the survey (none from
 * it.jemgum, whose form stays empty), so the attendance page, the certificate and the feedback summary show something. All fictional;
 * idempotent by title. Rows are written directly: the seminar is in the past, so nobody is invited.
 */
const TITLE = "KAI-EWOS: Meldewesen kompakt (Rückblick)";

export async function seedDemoAttendance(db: Database) {
  const [existing] = await db.select({ id: seminars.id }).from(seminars).where(eq(seminars.title, TITLE));
  if (existing) return;
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name, municipalityId: users.municipalityId })
    .from(users)
    .where(inArray(users.email, ["schulung@kai.example", "it.jemgum@kai.example", "it.rheine@kai.example", "it.buxtehude@kai.example", "betreuung.west@kai.example"]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const trainer = byEmail.get("schulung@kai.example");
  if (!trainer) return;
  const day = (offset: number, hour: number, minute = 0) =>
    DateTime.now().setZone("Europe/Berlin").minus({ days: offset }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  const dates = [
    { startsAt: day(14, 9), endsAt: day(14, 16, 30) },
    { startsAt: day(13, 9), endsAt: day(13, 15) },
  ];
  await db.transaction(async (tx) => {
    await tx.insert(rooms).values({ centreId: "west", name: "Schulungsraum Ems", capacity: 16, directions: "Erdgeschoss, links vom Empfang." }).onConflictDoNothing();
    const [room] = await tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.centreId, "west"), eq(rooms.name, "Schulungsraum Ems")));
    const seats = [
      ...["it.jemgum@kai.example", "it.rheine@kai.example", "it.buxtehude@kai.example", "betreuung.west@kai.example"].flatMap((email) => {
        const p = byEmail.get(email);
        return p ? [{ userId: p.id as string | null, name: p.name, email: p.email, municipalityId: p.municipalityId }] : [];
      }),
      { userId: null, name: "Gesine Gäßler", email: "gesine.gaessler@kai.example", municipalityId: byEmail.get("it.rheine@kai.example")?.municipalityId ?? null },
    ];
    const [seminar] = await tx
      .insert(seminars)
      .values({
        title: TITLE,
        description: "Die wichtigsten Abläufe im Meldewesen an zwei Tagen, mit Übungen am Testsystem.",
        type: "schulung",
        audience: "clerks",
        locationKind: "room",
        centreId: "west",
        roomId: room.id,
        capacity: 12,
        confirmedSeats: seats.length,
        registrationDeadline: day(28, 12),
        cancellationDeadline: day(21, 12),
        status: "veroeffentlicht",
        createdBy: trainer.id,
        publishedAt: day(60, 10),
        startsAt: dates[0].startsAt,
        endsAt: dates[1].endsAt,
      })
      .returning();
    const dateRows = await tx.insert(seminarDates).values(dates.map((d) => ({ seminarId: seminar.id, ...d }))).returning();
    await tx.insert(seminarTrainers).values({ seminarId: seminar.id, userId: trainer.id });
    const participants = [];
    for (const seat of seats) {
      const [booking] = await tx.insert(seminarBookings).values({ seminarId: seminar.id, municipalityId: seat.municipalityId, bookedBy: seat.userId, status: "bestaetigt" }).returning();
      const [participant] = await tx.insert(seminarParticipants).values({ bookingId: booking.id, seminarId: seminar.id, ...seat, status: "bestaetigt" }).returning();
      participants.push(participant);
    }
    // Everyone on the first day; the last person missed the second.
    await tx.insert(seminarAttendance).values(
      participants.flatMap((p, i) => dateRows.map((d, j) => ({ participantId: p.id, dateId: d.id, present: !(j === 1 && i === participants.length - 1), recordedBy: trainer.id, recordedAt: d.endsAt }))),
    );
    const answers = [
      { stars: 5, comment: "Sehr praxisnah, die Übungen am Testsystem haben geholfen." },
      { stars: 4, comment: "Gut erklärt; der zweite Tag hätte länger sein dürfen." },
      { stars: 4, comment: null },
    ];
    await tx.insert(seminarFeedback).values(
      // Not from it.jemgum, whose form stays empty for the page checks.
      participants.filter((p) => p.userId && p.email !== "it.jemgum@kai.example").slice(0, answers.length).map((p, i) => ({ participantId: p.id, seminarId: seminar.id, ...answers[i], createdAt: day(12, 18) })),
    );
  });
}
