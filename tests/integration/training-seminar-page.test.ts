import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seminarParticipants } from "#db/schema/training";
import { db } from "~/db.server";
import * as page from "~/routes/schulungen.$id";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { createTestSeminar } from "../seminar-fixtures";
import { useSmtpSink } from "../smtp-sink";

const getDb = useTestDatabase();
useSmtpSink();

async function setup(capacity = 1) {
  const suffix = Math.random().toString(36).slice(2, 7);
  const trainer = await createUser(getDb().db, { email: `trainer.${suffix}@kai.example`, name: "Sabine Schulz", roles: [{ role: "trainer" }] });
  const otherTrainer = await createUser(getDb().db, { email: `trainer2.${suffix}@kai.example`, name: "Till Trainer", roles: [{ role: "trainer" }] });
  const a = await createUser(getDb().db, { email: `a.${suffix}@kai.example`, name: "Anja Amtmann", municipality: "Buxtehude" });
  const b = await createUser(getDb().db, { email: `b.${suffix}@kai.example`, name: "Bernd Bürger", municipality: "Rheine" });
  const it = await createUser(getDb().db, { email: `it.${suffix}@kai.example`, name: "Ina IT", roles: [{ role: "municipal_it", municipality: "Rheine" }] });
  const seminar = await createTestSeminar(getDb().db, { trainerId: trainer.id, capacity });
  const cookie = async (u: { id: string }) => sessionCookieFor(u.id);
  return { trainer, otherTrainer, a, b, it, seminar, cookie, path: `/schulungen/${seminar.id}`, params: { id: String(seminar.id) } };
}

describe("the seminar page (issue 8 items 4, 5 and 9; ACCEPTANCE C14, C15)", () => {
  it("is public once published; a draft is 404 for everyone but those who manage it", async () => {
    const s = await setup();
    const anonymous = await call(page.loader, makeRequest(s.path), s.params);
    expect(anonymous.status).toBe(200);
    expect(anonymous.data.seminar.title).toBe("OK.EWO Grundlagen");
    expect(anonymous.data.participants).toEqual([]);
    expect(anonymous.data.manages).toBe(false);

    const draft = await createTestSeminar(getDb().db, { trainerId: s.trainer.id, published: false });
    const params = { id: String(draft.id) };
    expect((await call(page.loader, makeRequest(`/schulungen/${draft.id}`), params)).status).toBe(404);
    expect((await call(page.loader, makeRequest(`/schulungen/${draft.id}`, { cookie: await s.cookie(s.a) }), params)).status).toBe(404);
    expect((await call(page.loader, makeRequest(`/schulungen/${draft.id}`, { cookie: await s.cookie(s.otherTrainer) }), params)).status).toBe(404);
    expect((await call(page.loader, makeRequest(`/schulungen/${draft.id}`, { cookie: await s.cookie(s.trainer) }), params)).status).toBe(200);
    expect((await call(page.loader, makeRequest("/schulungen/abc"), { id: "abc" })).status).toBe(404);
  });

  it("registers, shows the waiting position, and lets the person cancel; others never see who registered", async () => {
    const s = await setup(1);
    const reg = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.a), form: { intent: "register" } }), s.params);
    expect(reg.status).toBe(302);
    expect(reg.location).toBe(`${s.path}?erledigt=angemeldet#status`);
    const wait = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.b), form: { intent: "register" } }), s.params);
    expect(wait.location).toBe(`${s.path}?erledigt=warteliste#status`);

    const asB = await call(page.loader, makeRequest(s.path, { cookie: await s.cookie(s.b) }), s.params);
    expect(asB.data.mine).toMatchObject([{ status: "wartend", position: 1, self: true }]);
    expect(asB.data.participants).toEqual([]);
    expect(JSON.stringify(asB.data)).not.toContain(s.a.email);

    const asTrainer = await call(page.loader, makeRequest(s.path, { cookie: await s.cookie(s.trainer) }), s.params);
    expect(asTrainer.data.participants.map((p: { email: string; status: string; position: number | null }) => [p.email, p.status, p.position])).toEqual([
      [s.a.email, "bestaetigt", null],
      [s.b.email, "wartend", 1],
    ]);

    // Someone else's seat: 404, nothing changes.
    const [seatA] = await db.select().from(seminarParticipants).where(and(eq(seminarParticipants.seminarId, s.seminar.id), eq(seminarParticipants.email, s.a.email)));
    const foreign = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.b), form: { intent: "cancel", participantId: String(seatA.id) } }), s.params);
    expect(foreign.status).toBe(404);
    const own = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.a), form: { intent: "cancel", participantId: String(seatA.id) } }), s.params);
    expect(own.location).toBe(`${s.path}?erledigt=storniert#status`);
    const promoted = await call(page.loader, makeRequest(s.path, { cookie: await s.cookie(s.b) }), s.params);
    expect(promoted.data.mine).toMatchObject([{ status: "bestaetigt", position: null }]);
  });

  it("a second registration gets a German message; a signed-out POST goes to the sign-in page", async () => {
    const s = await setup(5);
    await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.a), form: { intent: "register" } }), s.params);
    const again = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.a), form: { intent: "register" } }), s.params);
    expect(again.status).toBe(409);
    expect(again.data.errors).toEqual(["Sie sind bereits angemeldet."]);
    const anonymous = await call(page.action, makeRequest(s.path, { form: { intent: "register" } }), s.params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden/);
  });

  it("municipal IT registers colleagues from a list; mistakes are named by line and nothing is stored", async () => {
    const s = await setup(5);
    const bad = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.it), form: { intent: "register_group", people: "Karl Kollege, karl@kai.example\nohne Adresse" } }), s.params);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual(["Zeile 2: Bitte „Name, E-Mail-Adresse“ angeben."]);
    expect(bad.data.people).toContain("Karl Kollege");
    expect(await db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, s.seminar.id))).toHaveLength(0);

    const ok = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.it), form: { intent: "register_group", people: "Karl Kollege, karl@kai.example\nKatrin Kollegin <katrin@kai.example>" } }), s.params);
    expect(ok.location).toBe(`${s.path}?erledigt=gruppe#status`);
    const view = await call(page.loader, makeRequest(s.path, { cookie: await s.cookie(s.it) }), s.params);
    expect(view.data.mine.map((m: { email: string; self: boolean }) => [m.email, m.self])).toEqual([
      ["karl@kai.example", false],
      ["katrin@kai.example", false],
    ]);
    // Extra fields are ignored (C15): a person who is not municipal IT cannot register a group.
    const denied = await call(page.action, makeRequest(s.path, { cookie: await s.cookie(s.a), form: { intent: "register_group", people: "X Y, xy@kai.example", municipalityId: "1" } }), s.params);
    expect(denied.status).toBe(403);
  });
});
