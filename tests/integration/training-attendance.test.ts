import { execFileSync } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { seminarAttendance, seminarFeedback, seminarParticipants, seminars } from "#db/schema/training";
import { seedDemoPeople } from "#db/seed/demo";
import { seedDemoAttendance } from "#db/seed/demo-attendance";
import { db } from "~/db.server";
import { createPdf } from "~/modules/pdf/document.server";
import * as attendancePage from "~/routes/schulungen.$id_.anwesenheit";
import * as attendancePdf from "~/routes/schulungen.$id_.anwesenheit[.pdf]";
import * as certificate from "~/routes/schulungen.$id_.bescheinigung[.pdf]";
import * as feedback from "~/routes/schulungen.$id_.rueckmeldung";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { berlinDay, germanDate } from "../dates";
import { createSeminarFixture, markAttendance } from "../training-fixtures";

const getDb = useTestDatabase();

/** The text of a PDF, read back by poppler's pdftotext (Debian poppler-utils). */
function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}
function pdfPages(pdf: Buffer): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", ["-"], { input: pdf }).toString("utf8"))?.[1]);
}

/** Calls a resource route's loader; a PDF comes back as bytes, anything else as text. */
async function download(loader: (args: never) => Promise<Response>, path: string, cookie: string, params: Record<string, string>) {
  let response: Response;
  try {
    response = await loader({ request: makeRequest(path, { cookie }), params, context: { clientIp: "127.0.0.1", correlationId: "test" } } as never);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const type = response.headers.get("Content-Type") ?? "";
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type, pdf: type === "application/pdf" ? body : null, text: type === "application/pdf" ? pdfText(body) : body.toString("utf8"), headers: response.headers };
}

const day1 = berlinDay(-10);
const day2 = berlinDay(-9);

let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const d = getDb().db;
  const trainer = await createUser(d, { email: "ta.trainer@kai.example", name: "Jörg Weißmüller", roles: [{ role: "trainer" }] });
  const otherTrainer = await createUser(d, { email: "ta.trainer2@kai.example", name: "Tina Anders", roles: [{ role: "trainer" }] });
  const lukasz = await createUser(d, { email: "ta.lukasz@kai.example", name: "Łukasz Größe-Übel", municipality: "Buxtehude" });
  const anne = await createUser(d, { email: "ta.anne@kai.example", name: "Änne Strauß", municipality: "Rotenburg (Wümme)" });
  const otto = await createUser(d, { email: "ta.otto@kai.example", name: "Otto Fehltag", municipality: "Buxtehude" });
  const waiting = await createUser(d, { email: "ta.wartend@kai.example", name: "Wilma Wartend", municipality: "Buxtehude" });
  const outsider = await createUser(d, { email: "ta.outsider@kai.example", name: "Olaf Außen", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  const past = await createSeminarFixture(d, {
    title: "KAI-EWOS: Meldewesen für Einsteiger (≥ 2 Tage)",
    createdBy: trainer.id,
    trainers: [trainer.id],
    location: { kind: "room", centre: "nord", room: "Schulungsraum Süd-Flügel" },
    dates: [
      { date: day1, from: "09:00", to: "16:30" },
      { date: day2, from: "08:30", to: "15:00" },
    ],
    participants: [
      { name: lukasz.name, email: lukasz.email, userId: lukasz.id, municipality: "Buxtehude" },
      { name: anne.name, email: anne.email, userId: anne.id, municipality: "Rotenburg (Wümme)" },
      { name: otto.name, email: otto.email, userId: otto.id, municipality: "Buxtehude" },
      { name: "Gisela Gastlos", email: "ta.gast@kai.example", municipality: "Buxtehude" },
      { name: waiting.name, email: waiting.email, userId: waiting.id, municipality: "Buxtehude", status: "wartend" },
    ],
  });
  const future = await createSeminarFixture(d, {
    title: "KAI-FINAS Jahresabschluss",
    createdBy: trainer.id,
    trainers: [trainer.id],
    location: { kind: "online" },
    dates: [{ date: berlinDay(20), from: "09:00", to: "12:00" }],
    participants: [{ name: lukasz.name, email: lukasz.email, userId: lukasz.id, municipality: "Buxtehude" }],
  });
  const [pLukasz, pAnne, pOtto, pGast, pWaiting] = past.participants;
  return {
    trainer,
    otherTrainer,
    lukasz,
    anne,
    otto,
    waiting,
    outsider,
    past,
    future,
    pLukasz,
    pAnne,
    pOtto,
    pGast,
    pWaiting,
    cookies: {
      trainer: await sessionCookieFor(trainer.id),
      otherTrainer: await sessionCookieFor(otherTrainer.id),
      lukasz: await sessionCookieFor(lukasz.id),
      anne: await sessionCookieFor(anne.id),
      otto: await sessionCookieFor(otto.id),
      waiting: await sessionCookieFor(waiting.id),
      outsider: await sessionCookieFor(outsider.id),
    },
  };
}

beforeAll(async () => {
  ctx = await setup();
});

const params = () => ({ id: String(ctx.past.seminar.id) });
const path = (suffix: string) => `/schulungen/${ctx.past.seminar.id}/${suffix}`;

describe("attendance (issue 8, item 8)", () => {
  it("shows the trainer the confirmed participants, one column per date; others get 404 (ACCEPTANCE C14)", async () => {
    const page = await call(attendancePage.loader, makeRequest(path("anwesenheit"), { cookie: ctx.cookies.trainer }), params());
    expect(page.status).toBe(200);
    expect(page.data.participants.map((p: { name: string }) => p.name)).toEqual(["Änne Strauß", "Gisela Gastlos", "Łukasz Größe-Übel", "Otto Fehltag"]);
    expect(page.data.dates).toHaveLength(2);
    expect(page.data.dates.every((d: { recordable: boolean }) => d.recordable)).toBe(true);
    expect(page.data.seminar.location).toContain("Schulungsraum Süd-Flügel");
    for (const who of ["otherTrainer", "lukasz", "outsider"] as const) {
      const denied = await call(attendancePage.loader, makeRequest(path("anwesenheit"), { cookie: ctx.cookies[who] }), params());
      expect(denied.status, who).toBe(404);
    }
  });

  it("saves a whole date at once in one transaction, audited; re-saving replaces it; foreign ids are ignored", async () => {
    const [date1] = ctx.past.dates;
    const save = (present: number[], cookie = ctx.cookies.trainer, dateId = date1.id) =>
      call(attendancePage.action, makeRequest(path("anwesenheit"), { cookie, form: { intent: "save", dateId: String(dateId), present: present.map(String) } }), params());
    const first = await save([ctx.pLukasz.id, ctx.pAnne.id, ctx.future.participants[0].id]);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/schulungen/${ctx.past.seminar.id}/anwesenheit?gespeichert=${date1.id}`);
    const rows = async () =>
      Object.fromEntries((await db.select().from(seminarAttendance).where(eq(seminarAttendance.dateId, date1.id))).map((r) => [r.participantId, r.present]));
    expect(await rows()).toEqual({ [ctx.pLukasz.id]: true, [ctx.pAnne.id]: true, [ctx.pOtto.id]: false, [ctx.pGast.id]: false });
    // Nobody on the waiting list, nobody of another seminar.
    expect((await db.select().from(seminarAttendance).where(eq(seminarAttendance.participantId, ctx.future.participants[0].id))).length).toBe(0);

    expect((await save([ctx.pLukasz.id, ctx.pGast.id])).status).toBe(302);
    expect(await rows()).toEqual({ [ctx.pLukasz.id]: true, [ctx.pAnne.id]: false, [ctx.pOtto.id]: false, [ctx.pGast.id]: true });
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "training.attendance_saved"), eq(auditEvents.entityId, String(ctx.past.seminar.id))));
    expect(audit).toHaveLength(2);
    expect(audit[1].actorId).toBe(ctx.trainer.id);
    expect(audit[1].after).toMatchObject({ dateId: date1.id, present: 2, absent: 2 });

    // The page shows what was saved.
    const page = await call(attendancePage.loader, makeRequest(`${path("anwesenheit")}?gespeichert=${date1.id}`, { cookie: ctx.cookies.trainer }), params());
    expect(page.data.saved).toBe(`Die Anwesenheit am ${germanDate(day1)} ist gespeichert.`);
    const lukaszRow = page.data.participants.find((p: { id: number }) => p.id === ctx.pLukasz.id);
    expect(lukaszRow.present[date1.id]).toBe(true);
  });

  it("refuses others (404, no row changes), a date of another seminar (404) and a future date (German message)", async () => {
    const [, date2] = ctx.past.dates;
    const before = await db.select().from(seminarAttendance);
    for (const who of ["otherTrainer", "lukasz", "outsider"] as const) {
      const denied = await call(attendancePage.action, makeRequest(path("anwesenheit"), { cookie: ctx.cookies[who], form: { intent: "save", dateId: String(date2.id), present: [String(ctx.pOtto.id)] } }), params());
      expect(denied.status, who).toBe(404);
    }
    const foreignDate = await call(
      attendancePage.action,
      makeRequest(path("anwesenheit"), { cookie: ctx.cookies.trainer, form: { intent: "save", dateId: String(ctx.future.dates[0].id), present: [] } }),
      params(),
    );
    expect(foreignDate.status).toBe(404);
    expect(await db.select().from(seminarAttendance)).toEqual(before);

    const futureParams = { id: String(ctx.future.seminar.id) };
    const early = await call(
      attendancePage.action,
      makeRequest(`/schulungen/${ctx.future.seminar.id}/anwesenheit`, { cookie: ctx.cookies.trainer, form: { intent: "save", dateId: String(ctx.future.dates[0].id), present: [String(ctx.future.participants[0].id)] } }),
      futureParams,
    );
    expect(early.status).toBe(409);
    expect(early.data.errors).toEqual(["Die Anwesenheit lässt sich erst ab dem Tag des Termins erfassen."]);
  });

  it("prints the attendance list as a PDF with a signature column per date, names with umlauts, ß and Ł intact", async () => {
    const res = await download(attendancePdf.loader, path("anwesenheit.pdf"), ctx.cookies.trainer, params());
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/pdf");
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const text = res.text;
    for (const expected of [
      "Anwesenheitsliste: KAI-EWOS: Meldewesen für Einsteiger (≥ 2 Tage)",
      "Łukasz Größe-Übel",
      "Änne Strauß",
      "Rotenburg (Wümme)",
      "Otto Fehltag",
      "Jörg Weißmüller",
      "Schulungsraum Süd-Flügel",
      `Unterschrift ${germanDate(day1)}, 09:00`,
      `Unterschrift ${germanDate(day2)}, 08:30`,
      `${germanDate(day1)}, 09:00–16:30 Uhr`,
      "Seite 1 von 1",
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain("Wilma Wartend");
    for (const who of ["otherTrainer", "lukasz", "outsider"] as const) {
      expect((await download(attendancePdf.loader, path("anwesenheit.pdf"), ctx.cookies[who], params())).status, who).toBe(404);
    }
  });
});

describe("certificates of participation (issue 8, item 8)", () => {
  beforeAll(async () => {
    const [date1, date2] = ctx.past.dates;
    await db.delete(seminarAttendance);
    await markAttendance(getDb().db, [
      { participantId: ctx.pLukasz.id, dateId: date1.id, present: true },
      { participantId: ctx.pLukasz.id, dateId: date2.id, present: true },
      { participantId: ctx.pAnne.id, dateId: date1.id, present: true },
      { participantId: ctx.pAnne.id, dateId: date2.id, present: false },
      { participantId: ctx.pOtto.id, dateId: date1.id, present: false },
      { participantId: ctx.pOtto.id, dateId: date2.id, present: false },
    ]);
  });

  it("gives an attendee their own certificate: name, municipality, seminar, type, dates, hours, trainer, issue date", async () => {
    const res = await download(certificate.loader, path("bescheinigung.pdf"), ctx.cookies.lukasz, params());
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Teilnahmebescheinigung-\d+-\d+\.pdf"$/);
    const text = res.text;
    for (const expected of [
      "Teilnahmebescheinigung",
      "Łukasz Größe-Übel, Buxtehude,",
      "hat an der Schulung",
      "„KAI-EWOS: Meldewesen für Einsteiger (≥ 2 Tage)“",
      "im Umfang von 14 Stunden teilgenommen.",
      `${germanDate(day1)}, 09:00–16:30 Uhr`,
      `${germanDate(day2)}, 08:30–15:00 Uhr`,
      "Jörg Weißmüller",
      "Schulungsraum Süd-Flügel",
      `Ausgestellt am`,
      new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date()),
      "KAI – Kommunale Anwendergemeinschaft",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("counts only the hours of the dates attended", async () => {
    const res = await download(certificate.loader, path("bescheinigung.pdf"), ctx.cookies.anne, params());
    expect(res.status).toBe(200);
    expect(res.text).toContain("Änne Strauß, Rotenburg (Wümme),");
    expect(res.text).toContain("im Umfang von 7,5 Stunden teilgenommen.");
    expect(res.text).toContain(`${germanDate(day1)}, 09:00–16:30 Uhr`);
    expect(res.text).not.toContain(`${germanDate(day2)}, 08:30`);
  });

  it("refuses a participant never marked present, the waiting list, outsiders and other trainers (404)", async () => {
    for (const who of ["otto", "waiting", "outsider", "otherTrainer", "trainer"] as const) {
      expect((await download(certificate.loader, path("bescheinigung.pdf"), ctx.cookies[who], params())).status, who).toBe(404);
    }
    // A participant cannot fetch someone else's by id.
    expect((await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=${ctx.pAnne.id}`, ctx.cookies.lukasz, params())).status).toBe(404);
    expect((await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=${ctx.pAnne.id}`, ctx.cookies.otherTrainer, params())).status).toBe(404);
  });

  it("lets the managing trainer download any attendee's certificate, not a no-show's or another seminar's", async () => {
    const res = await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=${ctx.pAnne.id}`, ctx.cookies.trainer, params());
    expect(res.status).toBe(200);
    expect(res.text).toContain("Änne Strauß");
    expect((await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=${ctx.pOtto.id}`, ctx.cookies.trainer, params())).status).toBe(404);
    expect((await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=${ctx.future.participants[0].id}`, ctx.cookies.trainer, params())).status).toBe(404);
    expect((await download(certificate.loader, `${path("bescheinigung.pdf")}?teilnehmer=abc`, ctx.cookies.trainer, params())).status).toBe(404);
  });

  it("tells a participant before the last date ends when the certificate will be there (409, German)", async () => {
    const res = await download(certificate.loader, `/schulungen/${ctx.future.seminar.id}/bescheinigung.pdf`, ctx.cookies.lukasz, { id: String(ctx.future.seminar.id) });
    expect(res.status).toBe(409);
    expect(res.text).toBe(`Die Teilnahmebescheinigung gibt es nach dem letzten Termin, ab ${germanDate(berlinDay(20))}.`);
  });
});

describe("feedback survey (issue 8, item 8)", () => {
  const send = (cookie: string, form: Record<string, string>, seminar = ctx.past.seminar.id) =>
    call(feedback.action, makeRequest(`/schulungen/${seminar}/rueckmeldung`, { cookie, form }), { id: String(seminar) });
  const view = (cookie: string, seminar = ctx.past.seminar.id) => call(feedback.loader, makeRequest(`/schulungen/${seminar}/rueckmeldung`, { cookie }), { id: String(seminar) });

  it("is for confirmed participants with an account and the managing trainers only", async () => {
    for (const who of ["outsider", "otherTrainer", "waiting"] as const) {
      expect((await view(ctx.cookies[who])).status, who).toBe(404);
      expect((await send(ctx.cookies[who], { stars: "4" })).status, who).toBe(404);
    }
    // The trainer sees the summary but cannot answer.
    const trainerView = await view(ctx.cookies.trainer);
    expect(trainerView.status).toBe(200);
    expect(trainerView.data.participant).toBeNull();
    expect(trainerView.data.summary).toEqual({ count: 0, average: null, distribution: null, comments: null });
    expect((await send(ctx.cookies.trainer, { stars: "5" })).status).toBe(404);
    expect((await db.select().from(seminarFeedback)).length).toBe(0);
  });

  it("refuses stars outside 1–5 and an overlong comment with German messages", async () => {
    for (const stars of ["0", "6", "-1", "2.5", "viele", ""]) {
      const res = await send(ctx.cookies.lukasz, { stars });
      expect(res.status, stars).toBe(400);
      expect(res.data.result.error.stars, stars).toEqual(["Bitte wählen Sie zwischen 1 und 5 Sternen."]);
    }
    const long = await send(ctx.cookies.lukasz, { stars: "4", comment: "x".repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.data.result.error.comment).toEqual(["Der Kommentar darf höchstens 1000 Zeichen lang sein."]);
    expect((await db.select().from(seminarFeedback)).length).toBe(0);
  });

  it("is not open before the seminar starts", async () => {
    const res = await send(ctx.cookies.lukasz, { stars: "4" }, ctx.future.seminar.id);
    expect(res.status).toBe(409);
    expect(res.data.result.error[""]).toEqual(["Eine Rückmeldung ist ab dem Beginn der Veranstaltung möglich."]);
    expect((await view(ctx.cookies.lukasz, ctx.future.seminar.id)).data.participant.state).toBe("noch-nicht");
  });

  it("keeps one answer per participant, changeable; audited without its content", async () => {
    expect((await send(ctx.cookies.lukasz, { stars: "3", comment: "Gut, aber zu kurz." })).location).toBe(`/schulungen/${ctx.past.seminar.id}/rueckmeldung?gespeichert=1`);
    expect((await send(ctx.cookies.lukasz, { stars: "5", comment: "Sehr gut erklärt – danke!" })).status).toBe(302);
    const rows = await db.select().from(seminarFeedback);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ participantId: ctx.pLukasz.id, stars: 5, comment: "Sehr gut erklärt – danke!" });
    const own = await view(ctx.cookies.lukasz);
    expect(own.data.participant).toMatchObject({ state: "offen", own: { stars: 5, comment: "Sehr gut erklärt – danke!" }, certificate: true });
    // Otto was never marked present: no certificate link for him.
    expect((await view(ctx.cookies.otto)).data.participant.certificate).toBe(false);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.entityId, String(ctx.past.seminar.id)));
    expect(audit.filter((a) => a.action.startsWith("training.feedback")).map((a) => a.action)).toEqual(["training.feedback_given", "training.feedback_changed"]);
    expect(JSON.stringify(audit)).not.toContain("Sehr gut erklärt");
  });

  it("shows the trainers count, average, distribution and comments from three answers on, without names", async () => {
    expect((await view(ctx.cookies.trainer)).data.summary).toEqual({ count: 1, average: null, distribution: null, comments: null });
    expect((await send(ctx.cookies.anne, { stars: "4" })).status).toBe(302);
    // Otto was never marked present but was a confirmed participant: his view counts too.
    expect((await send(ctx.cookies.otto, { stars: "2", comment: "Raum war zu warm.\nSonst gut." })).status).toBe(302);
    const summary = await view(ctx.cookies.trainer);
    expect(summary.data.summary).toEqual({
      count: 3,
      average: 3.7,
      distribution: [
        { stars: 5, count: 1 },
        { stars: 4, count: 1 },
        { stars: 3, count: 0 },
        { stars: 2, count: 1 },
        { stars: 1, count: 0 },
      ],
      comments: ["Sehr gut erklärt – danke!", "Raum war zu warm.\nSonst gut."],
    });
    const serialized = JSON.stringify(summary.data);
    for (const name of ["Łukasz", "Änne", "Otto", ctx.lukasz.email]) expect(serialized).not.toContain(name);
  });
});

describe("the PDF layer (app/modules/pdf)", () => {
  it("sets a 500-row table on about 46 pages quickly, the header row on every page, page numbers, Fira Sans embedded", async () => {
    const pdf = createPdf({ title: "Lasttest Tabelle", subtitle: "500 Zeilen" });
    const rows = Array.from({ length: 500 }, (_, i) => [String(i + 1), `Teilnehmerin ${i + 1} Łódź-Straße ≥ ${i}`, i % 5 === 0 ? "Samtgemeinde mit einem sehr langen Namen, der in der Zelle umbrechen muss" : "Buxtehude", ""]);
    const started = performance.now();
    pdf.table({
      columns: [
        { header: "Nr.", width: 1, align: "right" },
        { header: "Name", width: 5 },
        { header: "Kommune", width: 4 },
        { header: "Unterschrift", width: 3 },
      ],
      rows,
      minRowHeight: 56,
    });
    const buffer = await pdf.toBuffer();
    const ms = performance.now() - started;
    const pages = pdfPages(buffer);
    expect(pages).toBeGreaterThanOrEqual(30);
    expect(pages).toBeLessThanOrEqual(60);
    expect(ms).toBeLessThan(5_000);
    const text = pdfText(buffer);
    expect(text.match(/Unterschrift/g)?.length).toBe(pages);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(text).toContain("Teilnehmerin 500 Łódź-Straße ≥ 499");
    const fonts = execFileSync("pdffonts", ["-"], { input: buffer }).toString("utf8");
    expect(fonts).toMatch(/FiraSans/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
    console.info(`PDF layer: 500 rows, ${pages} pages, ${Math.round(ms)} ms, ${buffer.length} bytes`);
  });
});


describe("demo data for attendance and feedback (db/seed/demo-attendance.ts)", () => {
  it("holds a past seminar with attendance and three answers, once however often the seed runs; its attendee gets a certificate", async () => {
    await seedDemoPeople(getDb().db);
    await seedDemoAttendance(getDb().db);
    await seedDemoAttendance(getDb().db);
    const found = await db.select().from(seminars).where(eq(seminars.title, "KAI-EWOS: Meldewesen kompakt (Rückblick)"));
    expect(found).toHaveLength(1);
    const seminarId = found[0].id;
    expect((await db.select().from(seminarParticipants).where(eq(seminarParticipants.seminarId, seminarId))).length).toBe(5);
    expect((await db.select().from(seminarFeedback).where(eq(seminarFeedback.seminarId, seminarId))).length).toBe(3);
    const [jemgum] = await db.select().from(seminarParticipants).where(and(eq(seminarParticipants.seminarId, seminarId), eq(seminarParticipants.email, "it.jemgum@kai.example")));
    const res = await download(certificate.loader, `/schulungen/${seminarId}/bescheinigung.pdf`, await sessionCookieFor(jemgum.userId!), { id: String(seminarId) });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Jens Jemgumer, Jemgum,");
    expect(res.text).toContain("im Umfang von 13,5 Stunden teilgenommen.");
  });
});
