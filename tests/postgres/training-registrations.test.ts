import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seminarBookings, seminarParticipants, seminars } from "#db/schema/training";
import { db } from "~/db.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { cancelParticipation, registerForSeminar } from "~/modules/training/registrations.server";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";
import { createTestSeminar } from "../seminar-fixtures";

// ACCEPTANCE G33 on real PostgreSQL with concurrent connections (issue 8 items 4, 5 and 11).
const getDb = useTestDatabase();

async function people(prefix: string, n: number) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const created = await createUser(getDb().db, { email: `${prefix}${i}@kai.example`, name: `Person ${prefix} ${i}`, municipality: "Rheine" });
      return (await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor(created.id) }), undefined))!;
    }),
  );
}

async function queue(seminarId: number) {
  return db
    .select({ bookingId: seminarBookings.id, status: seminarBookings.status, email: seminarParticipants.email, seatStatus: seminarParticipants.status })
    .from(seminarBookings)
    .innerJoin(seminarParticipants, eq(seminarParticipants.bookingId, seminarBookings.id))
    .where(eq(seminarBookings.seminarId, seminarId))
    .orderBy(asc(seminarBookings.id));
}

describe("registrations under concurrency (PostgreSQL, G33)", () => {
  it("50 simultaneous registrations for 10 seats: exactly 10 confirmed, 40 waiting with the positions 1–40 in booking order", async () => {
    const trainer = await createUser(getDb().db, { email: "trainer.race@kai.example", name: "Tara Trainer", roles: [{ role: "trainer" }] });
    const seminar = await createTestSeminar(getDb().db, { trainerId: trainer.id, capacity: 10, dates: [{ startsAt: new Date(Date.now() + 30 * 86_400_000), endsAt: new Date(Date.now() + 30 * 86_400_000 + 3_600_000) }] });
    const users = await people("race", 50);
    const results = await Promise.all(users.map((user) => registerForSeminar({ user, seminarId: seminar.id })));

    expect(results.filter((r) => r.status === "bestaetigt")).toHaveLength(10);
    const waiting = results.filter((r) => r.status === "wartend");
    expect(waiting).toHaveLength(40);
    // Positions are 1–40, each once, and follow the order in which the bookings were made.
    const byBooking = [...waiting].sort((a, b) => a.bookingId - b.bookingId);
    expect(byBooking.map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Every confirmed booking was made before every waiting one.
    const lastConfirmed = Math.max(...results.filter((r) => r.status === "bestaetigt").map((r) => r.bookingId));
    expect(lastConfirmed).toBeLessThan(byBooking[0].bookingId);
    const [row] = await db.select({ seats: seminars.confirmedSeats }).from(seminars).where(eq(seminars.id, seminar.id));
    expect(row.seats).toBe(10);
  });

  it("the same person twice at once: one registration, the other is refused", async () => {
    const trainer = await createUser(getDb().db, { email: "trainer.dup@kai.example", name: "Dora Doppel", roles: [{ role: "trainer" }] });
    const seminar = await createTestSeminar(getDb().db, { trainerId: trainer.id, capacity: 10 });
    const [user] = await people("dup", 1);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => registerForSeminar({ user, seminarId: seminar.id })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, seminar.id))).toHaveLength(1);
  });

  it("simultaneous cancellations promote each waiting person exactly once, in order", async () => {
    const trainer = await createUser(getDb().db, { email: "trainer.move@kai.example", name: "Mona Move", roles: [{ role: "trainer" }] });
    const seminar = await createTestSeminar(getDb().db, { trainerId: trainer.id, capacity: 5 });
    const users = await people("move", 12);
    for (const user of users) await registerForSeminar({ user, seminarId: seminar.id });
    const seats = await db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, seminar.id)).orderBy(asc(seminarParticipants.id));
    const leavers = users.slice(0, 4);
    const results = await Promise.all(
      leavers.map((user) => cancelParticipation({ user, seminarId: seminar.id, participantId: seats.find((s) => s.email === user.email)!.id })),
    );
    const promoted = results.flatMap((r) => r.promoted).sort((a, b) => a - b);
    const rows = await queue(seminar.id);
    const waitingBefore = rows.filter((r) => r.bookingId > rows[4].bookingId).map((r) => r.bookingId);
    // The first four who waited moved up, each once; the other three still wait.
    expect(promoted).toEqual(waitingBefore.slice(0, 4));
    expect(rows.filter((r) => r.seatStatus === "bestaetigt").map((r) => r.email)).toEqual([...users.slice(4, 5), ...users.slice(5, 9)].map((u) => u.email));
    expect(rows.filter((r) => r.seatStatus === "wartend").map((r) => r.email)).toEqual(users.slice(9).map((u) => u.email));
    const [row] = await db.select({ seats: seminars.confirmedSeats }).from(seminars).where(and(eq(seminars.id, seminar.id)));
    expect(row.seats).toBe(5);
  });
});
