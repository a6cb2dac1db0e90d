import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actionItems, decisions, meetings } from "#db/schema/groups";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { runActionItemReminders } from "~/modules/groups/action-items.server";
import { addDecision, releaseMinutes } from "~/modules/groups/minutes.server";
import { useTestDatabase } from "../db";
import { createActionItemFixture, createGroupPeople, createMeetingFixture } from "../group-fixtures";
import { currentUserOf } from "../ticket-fixtures";
import { berlin } from "../dates";

// Real PostgreSQL with a pool of concurrent connections (PGlite would serialise and hide the race).
const getDb = useTestDatabase();

describe("decision numbers and reminders on PostgreSQL (issue 9, items 6 and 7; ACCEPTANCE G)", () => {
  it("two releases of the same group at once give distinct, consecutive numbers (the group's row is locked)", async () => {
    const d = getDb().db;
    const people = await createGroupPeople(d, "PERSOS", "race");
    const chair = (await currentUserOf(people.chair.id)).user;
    const made = [];
    for (const date of ["2026-02-10", "2026-03-10", "2026-04-10"]) {
      const m = await createMeetingFixture(d, { group: "PERSOS", date, items: [{ title: "Eins" }, { title: "Zwei" }] });
      for (const item of m.items) await addDecision({ user: chair, meetingId: m.meeting.id, agendaItemId: item.id, input: { text: `Beschluss ${date} ${item.title}` }, now: berlin(date, "12:00") });
      made.push(m);
    }
    const results = await Promise.all(made.map((m) => releaseMinutes({ user: chair, meetingId: m.meeting.id, now: berlin("2026-05-01", "09:00") })));
    // Each release numbered its two decisions in a row, and together they are 1..6 without gaps or doubles.
    const all = results.flatMap((r) => r.numbers).sort();
    expect(all).toEqual(["PERSOS-2026-01", "PERSOS-2026-02", "PERSOS-2026-03", "PERSOS-2026-04", "PERSOS-2026-05", "PERSOS-2026-06"]);
    for (const r of results) {
      const [a, b] = r.numbers.map((n) => Number(n.slice(-2)));
      expect(b).toBe(a + 1);
    }
    const rows = await db.select().from(decisions).where(inArray(decisions.meetingId, made.map((m) => m.meeting.id)));
    expect(new Set(rows.map((r) => r.number)).size).toBe(6);
    const statuses = await db.select({ status: meetings.minutesStatus }).from(meetings).where(inArray(meetings.id, made.map((m) => m.meeting.id)));
    expect(statuses.every((s) => s.status === "freigegeben")).toBe(true);
  });

  it("two reminder runs at once send each reminder once", async () => {
    const d = getDb().db;
    const people = await createGroupPeople(d, "EWOS", "racer");
    const m = await createMeetingFixture(d, { group: "EWOS", date: "2025-10-01", minutesStatus: "freigegeben" });
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await createActionItemFixture(d, { group: "EWOS", meetingId: m.meeting.id, agendaItemId: m.items[0].id, ownerId: i % 2 ? people.member.id : people.second.id, title: `Aufgabe ${i}`, dueOn: "2025-11-12" })).id);
    await db.delete(outboxEmails);
    const runs = await Promise.all([0, 1, 2].map(() => runActionItemReminders({ now: berlin("2025-11-07", "08:11") })));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(6);
    expect(await db.select().from(outboxEmails).where(eq(outboxEmails.template, "groups-action-item-reminder"))).toHaveLength(6);
    const rows = await db.select().from(actionItems).where(inArray(actionItems.id, ids));
    expect(rows.every((r) => r.remindedForDueOn === "2025-11-12")).toBe(true);
  });
});
