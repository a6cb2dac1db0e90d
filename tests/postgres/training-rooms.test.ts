import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { roomBookings, rooms } from "#db/schema/training";
import { db } from "~/db.server";
import { PublicError } from "~/errors";
import { bookRoom } from "~/modules/training/rooms.server";
import { addDays, berlinOffset, germanDate, weekdayAhead } from "../dates";
import { useTestDatabase } from "../db";

// Real PostgreSQL with a pool of concurrent connections (PGlite would serialise and hide the race).
useTestDatabase();

describe("room bookings on PostgreSQL (issue 8, item 2)", () => {
  it("two simultaneous bookings of the same room slot: exactly one wins, the other is told what holds the room", async () => {
    const [room] = await db.insert(rooms).values({ centreId: "nord", name: "Raum Wettlauf", capacity: 20 }).returning();
    // Each round on its own day, from a Monday three weeks ahead: A wants 09–12, B 10–13 (Berlin time).
    const firstDay = weekdayAhead(1, 21);
    const dayOf = (round: number) => addDays(firstDay, round);
    const at = (day: string, h: number) => new Date(`${day}T${String(h).padStart(2, "0")}:00:00${berlinOffset(day)}`);
    const slot = (day: string, h: number) => ({ startsAt: at(day, h), endsAt: at(day, h + 3) });
    for (let round = 0; round < 5; round++) {
      const attempts = await Promise.allSettled(
        ["A", "B"].map((who, i) =>
          db.transaction(async (tx) => {
            const result = await bookRoom({ roomId: room.id, ...slot(dayOf(round), 9 + i), label: `Schulung „${who}${round}“` }, tx);
            // Hold the lock a moment, so the other really waits for this transaction.
            await new Promise((r) => setTimeout(r, 50));
            return result;
          }),
        ),
      );
      const won = attempts.filter((a) => a.status === "fulfilled");
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(PublicError);
      expect((lost[0].reason as PublicError).message).toMatch(new RegExp(`^Der Raum „Raum Wettlauf“ ist am ${germanDate(dayOf(round)).replace(/\./g, "\\.")}, .* schon belegt: Schulung „[AB]${round}“`));
    }
    expect(await db.select().from(roomBookings).where(eq(roomBookings.roomId, room.id))).toHaveLength(5);
  });
});
