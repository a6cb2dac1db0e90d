import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxEmails } from "#db/schema/mail";
import { procedures } from "#db/schema/procedures";
import { tickets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import * as newTicket from "~/routes/betreuung.neu";
import * as ticketList from "~/routes/betreuung.tickets._index";
import * as ticketPage from "~/routes/betreuung.tickets.$number";
import * as attachment from "~/routes/betreuung.tickets.$number_.anhang.$id";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, ORIGIN, sessionCookieFor } from "../http";

// Issue 7: filing, routing, the queue actions, replies and notes, merging, and who may see what
// (ACCEPTANCE C14: another municipality's or centre's ticket is a 404, never a 403).
useTestDatabase();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

function multipart(path: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[], cookie: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("anhang", new File([Buffer.from(f.bytes)], f.name, { type: f.type ?? "application/octet-stream" }));
  return new Request(new URL(path, ORIGIN), { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN } });
}

const people: Record<string, { id: string; cookie: string }> = {};
let ewos: number;
let persos: number;

async function person(key: string, spec: Parameters<typeof createUser>[1]) {
  const user = await createUser(db, spec);
  people[key] = { id: user.id, cookie: await sessionCookieFor(user.id) };
}

beforeEach(() => {
  // The partner data centre's address is configured (setup.ts restores the environment after each test).
  process.env.PARTNER_SUPPORT_ADDRESS = "support@krz.example";
  resetEnvCache();
});

beforeAll(async () => {
  await person("itJemgum", { email: "it.jemgum@kai.example", name: "Jens Jemgumer", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  await person("itRheine", { email: "it.rheine@kai.example", name: "Rieke Rheinländer", roles: [{ role: "municipal_it", municipality: "Rheine" }] });
  await person("itBuxtehude", { email: "it.buxtehude@kai.example", name: "Bodo Buxte", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
  await person("adviserWest", { email: "betreuung.west@kai.example", name: "Wanda Wegweiser", roles: [{ role: "adviser", centre: "west" }], competences: ["EWOS"] });
  await person("adviserWest2", { email: "betreuung2.west@kai.example", name: "Willi Weber", roles: [{ role: "adviser", centre: "west" }], competences: ["EWOS"] });
  await person("adviserNord", { email: "betreuung.nord@kai.example", name: "Bernd Berater", roles: [{ role: "adviser", centre: "nord" }], competences: ["EWOS", "FINAS"] });
  await person("managerWest", { email: "leitung.west@kai.example", name: "Wiebke Westermann", roles: [{ role: "centre_manager", centre: "west" }] });
  await person("trainer", { email: "schulung@kai.example", name: "Sabine Schulz", roles: [{ role: "trainer" }] });
  const procs = await db.select().from(procedures);
  ewos = procs.find((p) => p.code === "EWOS")!.id;
  persos = procs.find((p) => p.code === "PERSOS")!.id;
});

const filing = (overrides: Record<string, string> = {}) => ({
  procedureId: String(ewos),
  type: "stoerung",
  priority: "hoch",
  title: "Meldebescheinigungen werden nicht gedruckt",
  description: "Seit heute früh bricht der Druck der **Meldebescheinigung** mit einem Fehler ab.",
  ...overrides,
});

async function file(who: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[] = []) {
  const res = await call(newTicket.action, multipart("/betreuung/neu", fields, files, people[who].cookie));
  return res;
}

async function page(who: string, number: string) {
  return call(ticketPage.loader, makeRequest(`/betreuung/tickets/${number}`, { cookie: people[who].cookie }), { number });
}

async function act(who: string, number: string, form: Record<string, string>) {
  const current = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.number, number));
  return call(ticketPage.action, makeRequest(`/betreuung/tickets/${number}`, { cookie: people[who].cookie, form: { expectedStatus: current[0].status, ...form } }), { number });
}

describe("filing (items 1, 2, 4)", () => {
  let number: string;

  it("municipal IT files for its municipality; routed to the least-loaded competent adviser of its centre", async () => {
    const res = await file("itJemgum", filing(), [{ name: "fehler.png", bytes: PNG }]);
    expect(res.status).toBe(302);
    number = res.location!.match(/KAI-\d{4}-\d{5}/)![0];
    expect(number).toMatch(/^KAI-2\d{3}-00001$/);
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.status).toBe("zugewiesen");
    expect([people.adviserWest.id, people.adviserWest2.id]).toContain(row.assigneeId);
    expect(row.routingSummary).toMatch(/^Zentrum West · EWOS · /);
    expect(row.channel).toBe("portal");
  });

  it("sends the reporter a confirmation with the number, the link and a reply address", async () => {
    const mails = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "ticket-confirmation"));
    const mail = mails.find((m) => m.subject.includes(number))!;
    expect(mail.toAddress).toBe("it.jemgum@kai.example");
    expect(mail.text).toContain(`/betreuung/tickets/${number}`);
    expect(mail.headers["Reply-To"]).toMatch(/^ticket\+[a-z0-9]+@kai\.example$/);
  });

  it("numbers tickets gap-free in order", async () => {
    const second = await file("itRheine", filing({ priority: "normal", title: "Frage zur Schnittstelle" }));
    expect(second.location).toContain(number.replace(/00001$/, "00002"));
  });

  it("the second ticket goes to the other adviser: fewest open tickets, weighted by priority", async () => {
    const rows = await db.select({ assigneeId: tickets.assigneeId }).from(tickets);
    expect(new Set(rows.map((r) => r.assigneeId)).size).toBe(2);
  });

  it("refuses bad input with German messages and stores nothing", async () => {
    const before = await db.$count(tickets);
    const res = await file("itJemgum", filing({ title: "", priority: "dringend" }));
    expect(res.status).toBe(400);
    const errors = JSON.stringify(res.data);
    expect(errors).toContain("Bitte geben Sie einen Titel an.");
    expect(errors).toContain("Bitte eine Priorität wählen.");
    const exe = await file("itJemgum", filing(), [{ name: "tool.exe", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) }]);
    expect(exe.status).toBe(400);
    expect(JSON.stringify(exe.data)).toContain("hat ein Format, das nicht angenommen wird");
    expect(await db.$count(tickets)).toBe(before);
  });

  it("PERSOS goes to the partner data centre by mail, and the ticket records the hand-off", async () => {
    const res = await file("itJemgum", filing({ procedureId: String(persos), title: "Lohnabrechnung bricht ab" }));
    const n = res.location!.match(/KAI-\d{4}-\d{5}/)![0];
    const [row] = await db.select().from(tickets).where(eq(tickets.number, n));
    expect(row.handedOffTo).toBe("support@krz.example");
    expect(row.routingKind).toBe("partner_handoff");
    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "ticket-partner-handoff"));
    expect(mail.toAddress).toBe("support@krz.example");
    expect(mail.subject).toContain(n);
  });

  it("an adviser files on behalf of a municipality of their centre (a phone call), not of another centre", async () => {
    const ok = await file("adviserWest", filing({ municipalityId: String((await page("itJemgum", number)).data.ticket.municipalityId), reporterName: "Jens Jemgumer", reporterEmail: "it.jemgum@kai.example" }));
    expect(ok.status).toBe(302);
    const n = ok.location!.match(/KAI-\d{4}-\d{5}/)![0];
    const [row] = await db.select().from(tickets).where(eq(tickets.number, n));
    expect(row.channel).toBe("telefon");
    expect(row.filedById).toBe(people.adviserWest.id);
    const nordTicket = await file("itBuxtehude", filing({ title: "Buxtehude: Druckproblem" }));
    const buxtehudeId = (await page("itBuxtehude", nordTicket.location!.match(/KAI-\d{4}-\d{5}/)![0])).data.ticket.municipalityId;
    const refused = await file("adviserWest", filing({ municipalityId: String(buxtehudeId), reporterName: "Bodo Buxte", reporterEmail: "it.buxtehude@kai.example" }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("Für diese Kommune können Sie kein Ticket anlegen.");
  });
});

describe("who sees a ticket (C14)", () => {
  it("another municipality, another centre's adviser and a trainer get 404; the list shows them nothing", async () => {
    const [first] = await db.select().from(tickets).where(eq(tickets.sequence, 1));
    expect((await page("itJemgum", first.number)).status).toBe(200);
    expect((await page("adviserWest", first.number)).status).toBe(200);
    expect((await page("managerWest", first.number)).status).toBe(200);
    for (const who of ["itRheine", "itBuxtehude", "adviserNord", "trainer"]) {
      expect((await page(who, first.number)).status, who).toBe(404);
    }
    const list = await call(ticketList.loader, makeRequest("/betreuung/tickets", { cookie: people.itBuxtehude.cookie }));
    expect(list.data.rows.map((r: { number: string }) => r.number)).not.toContain(first.number);
    const unknown = await page("adviserWest", "KAI-1999-00001");
    expect(unknown.status).toBe(404);
  });

  it("attachments download with the ticket's authorization, as attachments", async () => {
    const [first] = await db.select().from(tickets).where(eq(tickets.sequence, 1));
    const data = (await page("itJemgum", first.number)).data;
    const file = data.attachments[0];
    const ok = await call(attachment.loader, makeRequest(`/betreuung/tickets/${first.number}/anhang/${file.id}`, { cookie: people.itJemgum.cookie }), { number: first.number, id: file.id });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    const denied = await call(attachment.loader, makeRequest(`/betreuung/tickets/${first.number}/anhang/${file.id}`, { cookie: people.itRheine.cookie }), { number: first.number, id: file.id });
    expect(denied.status).toBe(404);
  });
});

describe("working the ticket (items 6-8, 10)", () => {
  let number: string;
  beforeAll(async () => {
    const [first] = await db.select().from(tickets).where(eq(tickets.sequence, 1));
    number = first.number;
  });

  it("the assignee starts work; a stale second click gets the German 'changed meanwhile' message", async () => {
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    const assignee = row.assigneeId === people.adviserWest.id ? "adviserWest" : "adviserWest2";
    const stale = await call(ticketPage.action, makeRequest(`/betreuung/tickets/${number}`, { cookie: people[assignee].cookie, form: { intent: "take", expectedStatus: "neu" } }), { number });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.data)).toContain("inzwischen geändert");
    expect((await act(assignee, number, { intent: "take" })).status).toBe(302);
    const [after] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(after.status).toBe("in_bearbeitung");
  });

  it("an internal note is never shown to the municipality, nor found by its search", async () => {
    expect((await act("adviserWest", number, { intent: "reply", body: "Intern: Verdacht auf Druckertreiber Zebrastreifen", visibility: "internal" })).status).toBe(302);
    const staffView = (await page("adviserWest", number)).data;
    expect(staffView.replies.some((r: { visibility: string }) => r.visibility === "internal")).toBe(true);
    const itView = (await page("itJemgum", number)).data;
    expect(JSON.stringify(itView)).not.toContain("Zebrastreifen");
    const itSearch = await call(ticketList.loader, makeRequest("/betreuung/tickets?q=Zebrastreifen", { cookie: people.itJemgum.cookie }));
    expect(itSearch.data.rows).toHaveLength(0);
    const staffSearch = await call(ticketList.loader, makeRequest("/betreuung/tickets?ansicht=alle&q=Zebrastreifen", { cookie: people.adviserWest.cookie }));
    expect(staffSearch.data.rows.map((r: { number: string }) => r.number)).toEqual([number]);
  });

  it("a public reply as Rückfrage goes to the reporter by mail and pauses the ticket; the municipality's answer resumes it", async () => {
    const res = await act("adviserWest", number, { intent: "reply", body: "Welche Fehlermeldung erscheint genau?", visibility: "public", askBack: "on" });
    expect(res.status).toBe(302);
    let [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.status).toBe("rueckfrage");
    expect(row.firstResponseAt).not.toBeNull();
    const mails = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "ticket-reply"));
    expect(mails.some((m) => m.toAddress === "it.jemgum@kai.example" && m.text.includes("Welche Fehlermeldung"))).toBe(true);
    expect((await act("itJemgum", number, { intent: "reply", body: "Fehler 4711 beim Drucken." })).status).toBe(302);
    [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.status).toBe("in_bearbeitung");
  });

  it("German search finds word forms (Drucker → gedruckt, Meldebescheinigungen → Meldebescheinigung)", async () => {
    const res = await call(ticketList.loader, makeRequest("/betreuung/tickets?ansicht=alle&q=Meldebescheinigung", { cookie: people.adviserWest.cookie }));
    expect(res.data.rows.length).toBeGreaterThan(0);
    const bad = await call(ticketList.loader, makeRequest("/betreuung/tickets?ansicht=alle&sortierung=passwort", { cookie: people.adviserWest.cookie }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain("Nach dieser Spalte kann nicht sortiert werden.");
  });

  it("hand over needs a note; escalation mails the centre manager; both are in the history", async () => {
    const noNote = await act("adviserWest", number, { intent: "hand_over", assigneeId: people.adviserWest2.id, note: "" });
    expect(noNote.status).toBe(400);
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    const other = row.assigneeId === people.adviserWest.id ? people.adviserWest2.id : people.adviserWest.id;
    expect((await act("adviserWest", number, { intent: "hand_over", assigneeId: other, note: "Bitte übernehmen, ich bin im Urlaub." })).status).toBe(302);
    expect((await act("adviserWest", number, { intent: "escalate", note: "Betrifft alle Kommunen im Zentrum." })).status).toBe(302);
    const escalation = await db.select().from(outboxEmails).where(eq(outboxEmails.template, "ticket-escalated"));
    expect(escalation.map((m) => m.toAddress)).toEqual(["leitung.west@kai.example"]);
    const history = (await page("managerWest", number)).data.history.map((h: { label: string }) => h.label);
    expect(history).toEqual(expect.arrayContaining(["Ticket angelegt", "Ticket zugewiesen", "Ticket übernommen", "Interne Notiz geschrieben", "Rückfrage an die Kommune", "Ticket übergeben", "Ticket eskaliert"]));
    const itHistory = (await page("itJemgum", number)).data.history.map((h: { label: string }) => h.label);
    expect(itHistory).not.toContain("Interne Notiz geschrieben");
  });

  it("municipal IT marks it solved; staff reopen and close; municipal IT cannot take or escalate", async () => {
    expect((await act("itJemgum", number, { intent: "take" })).status).toBe(400);
    expect((await act("itJemgum", number, { intent: "solve" })).status).toBe(302);
    expect((await act("adviserWest", number, { intent: "reopen" })).status).toBe(302);
    expect((await act("adviserWest", number, { intent: "solve" })).status).toBe(302);
    expect((await act("adviserWest", number, { intent: "close" })).status).toBe(302);
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.status).toBe("geschlossen");
    const late = await act("itJemgum", number, { intent: "reply", body: "Noch eine Frage" });
    expect(late.status).toBe(409);
  });

  it("merging moves the replies over; the old number leads to the target", async () => {
    const a = await file("itRheine", filing({ title: "Duplikat A" }));
    const b = await file("itRheine", filing({ title: "Duplikat B" }));
    const na = a.location!.match(/KAI-\d{4}-\d{5}/)![0];
    const nb = b.location!.match(/KAI-\d{4}-\d{5}/)![0];
    await act("itRheine", na, { intent: "reply", body: "Ergänzung zu A" });
    const res = await act("adviserWest", na, { intent: "merge", intoNumber: nb });
    expect(res.status).toBe(302);
    expect(res.location).toContain(nb);
    const old = await page("itRheine", na);
    expect(old.status).toBe(302);
    expect(old.location).toContain(`/betreuung/tickets/${nb}`);
    const target = (await page("itRheine", nb)).data;
    expect(target.replies.some((r: { html: string }) => r.html.includes("Ergänzung zu A"))).toBe(true);
  });

  it("the page's forms: an unknown intent is 400, a bad merge target and a missing hand-over person are named at their fields, and nothing changes", async () => {
    const filed = await file("itRheine", filing({ title: "Formulare der Ticketseite" }));
    const number = filed.location!.match(/KAI-\d{4}-\d{5}/)![0];
    const before = await db.select().from(tickets).where(eq(tickets.number, number));
    const unknown = await act("adviserWest", number, { intent: "loeschen" });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({ intent: null, error: "Diese Aktion gibt es nicht." });
    const badTarget = await act("adviserWest", number, { intent: "merge", intoNumber: "KAI-12" });
    expect(badTarget.status).toBe(400);
    expect(badTarget.data).toMatchObject({ intent: "merge", fieldErrors: { intoNumber: expect.stringMatching(/^Bitte geben Sie die Nummer des Ziel-Tickets an, z\. B\. KAI-\d{4}-00042\.$/) } });
    const nobody = await act("adviserWest", number, { intent: "hand_over", assigneeId: "niemand", note: "Bitte übernehmen." });
    expect(nobody.status).toBe(400);
    expect(nobody.data).toMatchObject({ intent: "hand_over", fieldErrors: { assigneeId: "Bitte wählen Sie, wem Sie das Ticket übergeben." } });
    expect(await db.select().from(tickets).where(eq(tickets.number, number))).toEqual(before);
  });
});
