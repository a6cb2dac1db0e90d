import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { procedures } from "#db/schema/procedures";
import { tickets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { changeTicket } from "~/modules/tickets/commands.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import { PublicError } from "~/errors";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";

// Races on real PostgreSQL with concurrent connections (issue 7 items 2 and 6).
useTestDatabase();

let municipalityId: number;
let ewos: number;
const reporter = { id: null, name: "Jens Jemgumer", email: "it.jemgum@kai.example" };

beforeAll(async () => {
  municipalityId = (await getMunicipalityByName(db, "Jemgum")).id;
  ewos = (await db.select().from(procedures).where(eq(procedures.code, "EWOS")))[0].id;
});

const filing = (i: number) => ({
  municipalityId,
  procedureId: ewos,
  moduleId: null,
  type: "frage" as const,
  priority: "normal" as const,
  title: `Gleichzeitig ${i}`,
  description: "Zwanzig Tickets auf einmal.",
  reporter,
  filedById: null,
  channel: "portal" as const,
});

describe("tickets under concurrency (PostgreSQL)", () => {
  it("item 2: 20 simultaneous filings get the numbers 1–20 of the year, none twice, no gap", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => fileTicket(filing(i))));
    const sequences = results.map((r) => Number(r.number.slice(-5))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("item 2: a filing that fails rolls its number back, so the next one closes the gap", async () => {
    await expect(fileTicket({ ...filing(99), moduleId: 999_999 })).rejects.toBeInstanceOf(PublicError);
    const next = await fileTicket(filing(21));
    expect(next.number.slice(-5)).toBe("00021");
  });

  it("G35: two advisers take the same ticket at once: exactly one wins, the other is told it changed", async () => {
    const a = await createUser(db, { email: "take.a@kai.example", name: "Anton Nimmt", roles: [{ role: "adviser", centre: "west" }] });
    const b = await createUser(db, { email: "take.b@kai.example", name: "Berta Nimmt", roles: [{ role: "adviser", centre: "west" }] });
    const userA = (await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor(a.id) }), undefined))!;
    const userB = (await getCurrentUser(makeRequest("/", { cookie: await sessionCookieFor(b.id) }), undefined))!;
    for (let round = 0; round < 5; round++) {
      const ticket = await fileTicket({ ...filing(100 + round), procedureId: null });
      const [row] = await db.select().from(tickets).where(eq(tickets.number, ticket.number));
      const outcomes = await Promise.allSettled([userA, userB].map((user) => changeTicket({ user, number: ticket.number, action: { type: "take", expectedStatus: row.status } })));
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(PublicError);
      expect((lost.reason as PublicError).status).toBe(409);
      const [after] = await db.select().from(tickets).where(eq(tickets.number, ticket.number));
      expect(after.status).toBe("in_bearbeitung");
      expect([a.id, b.id]).toContain(after.assigneeId);
    }
  });
});
