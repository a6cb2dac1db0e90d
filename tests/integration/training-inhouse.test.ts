import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { outboxEmails } from "#db/schema/mail";
import { municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { inhouseRequests } from "#db/schema/training";
import { db } from "~/db.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";

import * as detailRoute from "~/routes/schulungen.anfragen.$id";
import * as listRoute from "~/routes/schulungen.anfragen._index";
import * as newRoute from "~/routes/schulungen.anfragen.neu";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { berlinDay } from "../dates";
import { call, makeRequest, sessionCookieFor } from "../http";
import { parseMail, useSmtpSink } from "../smtp-sink";
import { insertSeminar } from "../training-fixtures-overview";

// Issue 8, item 3: in-house requests. Who may file for which municipality, who sees a request
// (ACCEPTANCE C14: anyone else gets 404), who may decline, and the mails that go out (E23).
useTestDatabase();
const smtp = useSmtpSink();

const people: Record<string, { id: string; cookie: string; email: string }> = {};
const municipalityIds: Record<string, number> = {};
let ewos: number;

async function person(key: string, spec: Parameters<typeof createUser>[1]) {
  const user = await createUser(db, spec);
  people[key] = { id: user.id, cookie: await sessionCookieFor(user.id), email: user.email };
}

const form = (overrides: Record<string, string> = {}) => ({
  topic: "Einführung in KAI-EWOS für neue Sachbearbeitung",
  procedureId: String(ewos),
  wishedFrom: berlinDay(30),
  wishedTo: berlinDay(60),
  participants: "12",
  note: "Schulungsraum im Rathaus, 12 Plätze mit PC.\nBeamer vorhanden.",
  ...overrides,
});

async function file(who: string, fields: Record<string, string>) {
  return call(newRoute.action, makeRequest("/schulungen/anfragen/neu", { cookie: people[who].cookie, form: fields }));
}

async function fileOk(who: string, fields: Record<string, string> = {}) {
  const res = await file(who, form(fields));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const id = Number(/\/schulungen\/anfragen\/(\d+)\?angefragt=1$/.exec(res.location ?? "")![1]);
  return id;
}

function detail(who: string, id: number) {
  return call(detailRoute.loader, makeRequest(`/schulungen/anfragen/${id}`, { cookie: people[who].cookie }), { id: String(id) });
}

function decline(who: string, id: number, reason: string) {
  return call(detailRoute.action, makeRequest(`/schulungen/anfragen/${id}`, { cookie: people[who].cookie, form: { intent: "decline", reason } }), { id: String(id) });
}

function list(who: string) {
  return call(listRoute.loader, makeRequest("/schulungen/anfragen", { cookie: people[who].cookie }));
}

async function delivered() {
  await dispatchDueEmails({ batchSize: 50 });
  return Promise.all(smtp().received.map(async (m) => ({ to: m.envelopeTo, mail: await parseMail(m.raw) })));
}

beforeAll(async () => {
  await person("itJemgum", { email: "it.jemgum.anfrage@kai.example", name: "Jens Jemgumer", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  await person("itJemgum2", { email: "it2.jemgum.anfrage@kai.example", name: "Jana Jemgumer", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  await person("itRheine", { email: "it.rheine.anfrage@kai.example", name: "Rieke Rheinländer", roles: [{ role: "municipal_it", municipality: "Rheine" }] });
  await person("managerWest", { email: "leitung.west.anfrage@kai.example", name: "Wiebke Westermann", roles: [{ role: "centre_manager", centre: "west" }] });
  await person("managerNord", { email: "leitung.nord.anfrage@kai.example", name: "Norbert Nordmann", roles: [{ role: "centre_manager", centre: "nord" }] });
  await person("trainer", { email: "schulung.anfrage@kai.example", name: "Sabine Schulz", roles: [{ role: "trainer" }] });
  await person("trainer2", { email: "schulung2.anfrage@kai.example", name: "Timo Trainer", roles: [{ role: "trainer" }] });
  await person("admin", { email: "admin.anfrage@kai.example", name: "Anna Admin", roles: [{ role: "admin" }] });
  await person("adviser", { email: "betreuung.west.anfrage@kai.example", name: "Wanda Wegweiser", roles: [{ role: "adviser", centre: "west" }] });
  await person("nobody", { email: "niemand.anfrage@kai.example", name: "Nina Niemand" });
  for (const m of await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities)) municipalityIds[m.name] = m.id;
  ewos = (await db.select().from(procedures)).find((p) => p.code === "EWOS")!.id;
});

describe("filing an in-house request (issue 8, item 3)", () => {
  it("municipal IT files for its municipality; trainers and the centre's managers get a mail, other centres' managers do not (E23)", async () => {
    const id = await fileOk("itJemgum");
    const [row] = await db.select().from(inhouseRequests).where(eq(inhouseRequests.id, id));
    expect(row).toMatchObject({ municipalityId: municipalityIds.Jemgum, requestedBy: people.itJemgum.id, status: "offen", participants: 12, procedureId: ewos, wishedFrom: berlinDay(30), wishedTo: berlinDay(60) });
    expect(row.note).toBe("Schulungsraum im Rathaus, 12 Plätze mit PC.\nBeamer vorhanden.");

    const mails = await delivered();
    const recipients = mails.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(expect.arrayContaining([people.trainer.email, people.trainer2.email, people.managerWest.email]));
    expect(recipients).not.toContain(people.managerNord.email);
    expect(recipients).not.toContain(people.itJemgum.email);
    expect(recipients).not.toContain(people.admin.email);
    const toManager = mails.find((m) => m.to.includes(people.managerWest.email))!.mail;
    expect(toManager.subject).toBe("Inhouse-Anfrage von Jemgum: Einführung in KAI-EWOS für neue Sachbearbeitung");
    expect(toManager.text).toContain("Jens Jemgumer hat für Jemgum eine Inhouse-Schulung angefragt.");
    expect(toManager.text).toContain("Teilnehmende: 12");
    expect(toManager.text).toContain(`/schulungen/anfragen/${id}`);

    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "training.inhouse_requested"), eq(auditEvents.entityId, String(id))));
    expect(audit).toMatchObject({ actorId: people.itJemgum.id, entityType: "inhouse_request" });
  });

  it("municipal IT cannot file for another municipality: a field error, nothing saved, no mail", async () => {
    const before = await db.$count(inhouseRequests);
    const res = await file("itJemgum", form({ municipalityId: String(municipalityIds.Rheine) }));
    expect(res.status).toBe(400);
    expect(res.data.result.error.municipalityId).toEqual(["Für diese Kommune können Sie keine Inhouse-Schulung anfragen."]);
    expect(await db.$count(inhouseRequests)).toBe(before);
    expect(await delivered()).toHaveLength(0);
  });

  it("a centre manager files for a municipality of their centre, not for another centre's", async () => {
    const form1 = await call(newRoute.loader, makeRequest("/schulungen/anfragen/neu", { cookie: people.managerWest.cookie }));
    const offered = form1.data.municipalities.map((m: { label: string }) => m.label);
    expect(offered).toContain("Rheine (Zentrum West)");
    expect(offered).not.toContain("Buxtehude (Zentrum Nord)");
    await fileOk("managerWest", { municipalityId: String(municipalityIds.Rheine), topic: "KAI-FINAS Jahresabschluss" });
    const res = await file("managerWest", form({ municipalityId: String(municipalityIds.Buxtehude) }));
    expect(res.status).toBe(400);
    expect(res.data.result.error.municipalityId).toEqual(["Für diese Kommune können Sie keine Inhouse-Schulung anfragen."]);
  });

  it("checks the form: period not in the past and in order, 1 to 200 participants, a topic", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ wishedFrom: berlinDay(-1) }, "wishedFrom", "Der Zeitraum darf nicht in der Vergangenheit beginnen."],
      [{ wishedFrom: berlinDay(20), wishedTo: berlinDay(10) }, "wishedTo", "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen."],
      // 30 February of next year: no such date, and not before today, so that is the only reason to refuse it.
      [{ wishedFrom: `${Number(berlinDay().slice(0, 4)) + 1}-02-30` }, "wishedFrom", "Dieses Datum gibt es nicht."],
      // Last year's 30 February: only that it does not exist, not also that it lies in the past.
      [{ wishedFrom: `${Number(berlinDay().slice(0, 4)) - 1}-02-30` }, "wishedFrom", "Dieses Datum gibt es nicht."],
      [{ participants: "0" }, "participants", "Die Zahl der Teilnehmenden muss mindestens 1 sein."],
      [{ participants: "201" }, "participants", "Die Zahl der Teilnehmenden darf höchstens 200 sein."],
      [{ participants: "zwölf" }, "participants", "Die Zahl der Teilnehmenden ist keine ganze Zahl."],
      [{ topic: "" }, "topic", "Bitte geben Sie das Thema an."],
      [{ wishedTo: "" }, "wishedTo", "Bitte geben Sie an, bis wann die Schulung stattfinden soll."],
    ];
    for (const [fields, field, message] of cases) {
      const res = await file("itJemgum", form(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.data.result.error[field], JSON.stringify(fields)).toEqual([message]);
    }
    // Today is allowed, and a one-day period.
    await fileOk("itJemgum", { wishedFrom: berlinDay(0), wishedTo: berlinDay(0), procedureId: "", note: "" });
  });

  it("the form and the list are 404 for people without the roles (C14)", async () => {
    for (const who of ["nobody", "adviser"]) {
      expect((await call(newRoute.loader, makeRequest("/schulungen/anfragen/neu", { cookie: people[who].cookie }))).status, who).toBe(404);
      expect((await file(who, form())).status, who).toBe(404);
      expect((await list(who)).status, who).toBe(404);
    }
    // Trainers see requests but do not file them.
    expect((await call(newRoute.loader, makeRequest("/schulungen/anfragen/neu", { cookie: people.trainer.cookie }))).status).toBe(404);
  });
});

describe("who sees a request (C14)", () => {
  let jemgum: number;
  let rheine: number;
  beforeAll(async () => {
    jemgum = await fileOk("itJemgum", { topic: "Sichtbarkeit Jemgum" });
    rheine = await fileOk("itRheine", { topic: "Sichtbarkeit Rheine" });
  });

  it("the requester, their municipality's IT, the centre's managers, trainers and admins see it; others get 404", async () => {
    for (const who of ["itJemgum", "itJemgum2", "managerWest", "trainer", "admin"]) {
      const res = await detail(who, jemgum);
      expect(res.status, who).toBe(200);
      expect(res.data.request).toMatchObject({ topic: "Sichtbarkeit Jemgum", status: "offen", municipality: "Jemgum", requester: "Jens Jemgumer" });
    }
    for (const who of ["itRheine", "managerNord"]) expect((await detail(who, jemgum)).status, who).toBe(404);
    expect((await detail("itJemgum", 999_999)).status).toBe(404);
    expect((await call(detailRoute.loader, makeRequest("/schulungen/anfragen/abc", { cookie: people.trainer.cookie }), { id: "abc" })).status).toBe(404);
    expect((await detail("trainer", jemgum)).data.plans).toBe(true);
    expect((await detail("itJemgum", jemgum)).data.plans).toBe(false);
  });

  it("lists: trainers all with the open ones first; municipal IT its municipality's; managers their centre's", async () => {
    const topics = async (who: string) => (await list(who)).data.requests.map((r: { topic: string }) => r.topic);
    const all = await topics("trainer");
    expect(all).toEqual(expect.arrayContaining(["Sichtbarkeit Jemgum", "Sichtbarkeit Rheine"]));
    expect(await topics("itJemgum")).toContain("Sichtbarkeit Jemgum");
    expect(await topics("itJemgum")).not.toContain("Sichtbarkeit Rheine");
    expect(await topics("itRheine")).toEqual(expect.arrayContaining(["Sichtbarkeit Rheine", "KAI-FINAS Jahresabschluss"]));
    expect(await topics("itRheine")).not.toContain("Sichtbarkeit Jemgum");
    expect(await topics("managerWest")).toEqual(expect.arrayContaining(["Sichtbarkeit Jemgum", "Sichtbarkeit Rheine"]));
    expect(await topics("managerNord")).toEqual([]);

    await db.update(inhouseRequests).set({ status: "abgelehnt", reason: "Test" }).where(eq(inhouseRequests.id, rheine));
    const statuses = (await list("trainer")).data.requests.map((r: { status: string }) => r.status);
    expect(statuses.indexOf("abgelehnt")).toBeGreaterThan(statuses.lastIndexOf("offen"));
  });
});

describe("declining and planning (issue 8, item 3)", () => {
  it("only trainers and admins decline: municipal IT 403, another municipality 404; the reason is required", async () => {
    const id = await fileOk("itJemgum", { topic: "Absage-Rechte" });
    expect((await decline("itJemgum", id, "Keine Zeit")).status).toBe(403);
    expect((await decline("managerWest", id, "Keine Zeit")).status).toBe(403);
    expect((await decline("itRheine", id, "Keine Zeit")).status).toBe(404);
    expect((await decline("itRheine", id, "")).status).toBe(404);
    const empty = await decline("trainer", id, "  ");
    expect(empty.status).toBe(400);
    expect(empty.data.error).toBe("Bitte begründen Sie die Absage.");
    const [row] = await db.select().from(inhouseRequests).where(eq(inhouseRequests.id, id));
    expect(row.status).toBe("offen");
  });

  it("a trainer declines with a reason: status abgelehnt, the requester gets a mail and sees the reason; audited", async () => {
    const id = await fileOk("itJemgum", { topic: "Wird abgelehnt" });
    smtp().received.length = 0;
    await db.delete(outboxEmails);
    const res = await decline("trainer", id, "Im gewünschten Zeitraum sind alle Trainerinnen ausgebucht.\nBitte fragen Sie für das nächste Quartal an.");
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/schulungen/anfragen/${id}?abgelehnt=1`);
    const [row] = await db.select().from(inhouseRequests).where(eq(inhouseRequests.id, id));
    expect(row).toMatchObject({ status: "abgelehnt", decidedBy: people.trainer.id });
    expect(row.decidedAt).toBeInstanceOf(Date);

    const mails = await delivered();
    expect(mails.map((m) => m.to)).toEqual([[people.itJemgum.email]]);
    expect(mails[0].mail.subject).toBe("Ihre Inhouse-Anfrage „Wird abgelehnt“ wurde abgelehnt");
    expect(mails[0].mail.text).toContain("Im gewünschten Zeitraum sind alle Trainerinnen ausgebucht.");
    expect(mails[0].mail.text).toContain("Sabine Schulz hat sie");

    for (const who of ["itJemgum", "itJemgum2", "managerWest"]) {
      const page = await detail(who, id);
      expect(page.data.request, who).toMatchObject({ status: "abgelehnt", reason: row.reason, decidedBy: "Sabine Schulz" });
    }
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "training.inhouse_declined"), eq(auditEvents.entityId, String(id))));
    expect(audit).toMatchObject({ actorId: people.trainer.id, before: { status: "offen" }, after: { status: "abgelehnt" } });

    const again = await decline("admin", id, "Noch einmal");
    expect(again.status).toBe(409);
    expect(again.data.error).toBe("Diese Anfrage ist bereits entschieden.");
  });

  it("an admin declines too", async () => {
    const id = await fileOk("itJemgum", { topic: "Admin lehnt ab" });
    expect((await decline("admin", id, "Doppelte Anfrage")).status).toBe(302);
  });

  it("planned: the requester sees geplant with a link to the seminar", async () => {
    const id = await fileOk("itJemgum", { topic: "Wird geplant" });
    const seminar = await insertSeminar(db, { title: "KAI-EWOS in Jemgum", capacity: 12, startsInDays: 40, createdBy: people.trainer.id });
    // Saving the seminar from the request sets this (the planning form, tested with planning).
    await db.update(inhouseRequests).set({ status: "geplant", seminarId: seminar.id, decidedBy: people.trainer.id, decidedAt: new Date() }).where(eq(inhouseRequests.id, id));
    const page = await detail("itJemgum", id);
    expect(page.data.request).toMatchObject({ status: "geplant", seminar: { id: seminar.id, title: "KAI-EWOS in Jemgum" } });
    expect((await decline("trainer", id, "Zu spät")).status).toBe(409);
  });
});
