import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { municipalities } from "#db/schema/members";
import { inhouseRequests, seminarBookings, seminarParticipants, seminars } from "#db/schema/training";
import { db } from "~/db.server";
import type { LoadedStartPanel } from "~/modules/start/panel";
import { StartPanels } from "~/modules/start/panels";
import { isLowRegistration, LOW_REGISTRATION_DAYS_BEFORE_DEADLINE, LOW_REGISTRATION_FILL_RATIO } from "~/modules/training/overview.server";
import * as planning from "~/routes/schulungen.planung";
import * as start from "~/routes/start";
import { addDays, daysInMonth, germanDate, monthAhead } from "../dates";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { statementRecorder } from "../statements";
import { insertBooking, insertSeminar, seats } from "../training-fixtures-overview";

// Issue 8, item 10: the trainer's overview (fill level, waiting list, open in-house requests,
// low registration close to the deadline) and the start-page panels "Meine Schulungen" and
// "Meine nächsten Schulungen".
const recorder = statementRecorder();
useTestDatabase({ logger: recorder.logger });

const people: Record<string, { id: string; cookie: string; email: string; name: string }> = {};
const ids: Record<string, number> = {};
/** The in-house requests' wished periods: a whole month three months ahead, and a day in the month after. */
const wishedMonth = monthAhead(3);
const wished = { from: `${wishedMonth}-01`, to: `${wishedMonth}-${daysInMonth(wishedMonth)}`, oneDay: `${monthAhead(4)}-01` };

async function person(key: string, spec: Parameters<typeof createUser>[1]) {
  const user = await createUser(db, spec);
  people[key] = { id: user.id, cookie: await sessionCookieFor(user.id), email: user.email, name: user.name };
}

function planningFor(who: string, query = "") {
  return call(planning.loader, makeRequest(`/schulungen/planung${query}`, { cookie: people[who].cookie }));
}

async function panelsFor(who: string) {
  const res = await call<{ panels: LoadedStartPanel[] }>(start.loader, makeRequest("/start", { cookie: people[who].cookie }));
  expect(res.status).toBe(200);
  return res.data.panels;
}

function panel<T = any>(panels: LoadedStartPanel[], id: string): T {
  const found = panels.find((p) => p.id === id);
  if (!found || found.state !== "ready") throw new Error(`panel ${id} missing or failed: ${panels.map((p) => `${p.id}:${p.state}`).join(", ")}`);
  return found.data as T;
}

const render = (panels: LoadedStartPanel[]) => renderToStaticMarkup(createElement(StaticRouter, { location: "/start" }, createElement(StartPanels, { panels })));

beforeAll(async () => {
  await person("trainer", { email: "schulung.planung@kai.example", name: "Sabine Schulz", roles: [{ role: "trainer" }] });
  await person("trainer2", { email: "schulung2.planung@kai.example", name: "Timo Trainer", roles: [{ role: "trainer" }] });
  await person("admin", { email: "admin.planung@kai.example", name: "Anna Admin", roles: [{ role: "admin" }] });
  await person("itJemgum", { email: "it.jemgum.planung@kai.example", name: "Jens Jemgumer", roles: [{ role: "municipal_it", municipality: "Jemgum" }] });
  await person("clerk", { email: "sachbearbeitung.planung@kai.example", name: "Paula Platz", municipality: "Jemgum" });
  await person("nobody", { email: "niemand.planung@kai.example", name: "Nina Niemand" });
  const t = people.trainer.id;

  // Created by the trainer: 8 of 12 seats, then a group of 3 waiting, then Jens alone.
  const full = await insertSeminar(db, { title: "KAI-EWOS Grundlagen", capacity: 12, startsInDays: 20, createdBy: t });
  ids.full = full.id;
  await insertBooking(db, { seminarId: full.id, status: "bestaetigt", seats: seats("ewos", 8) });
  await insertBooking(db, { seminarId: full.id, status: "wartend", seats: seats("gruppe", 3), bookedBy: people.itJemgum.id });
  await insertBooking(db, { seminarId: full.id, status: "wartend", seats: [{ name: people.itJemgum.name, email: people.itJemgum.email, userId: people.itJemgum.id }] });
  // Named as trainer, created by someone else; a draft.
  const draft = await insertSeminar(db, { title: "KAI-FINAS Entwurf", capacity: 10, startsInDays: 40, status: "entwurf", createdBy: people.trainer2.id, trainers: [t] });
  ids.draft = draft.id;
  // Another trainer's seminar.
  const other = await insertSeminar(db, { title: "Fremde Schulung", capacity: 10, startsInDays: 15, createdBy: people.trainer2.id });
  ids.other = other.id;
  // Low registration: deadline in 3 days, 2 of 10 taken.
  const low = await insertSeminar(db, { title: "Wenig besucht", capacity: 10, startsInDays: 5, deadlineInDays: 3, createdBy: t });
  ids.low = low.id;
  await insertBooking(db, { seminarId: low.id, status: "bestaetigt", seats: seats("wenig", 2) });
  await insertBooking(db, { seminarId: low.id, status: "bestaetigt", seats: [{ name: people.clerk.name, email: people.clerk.email, userId: people.clerk.id }] });
  // Exactly half taken, deadline soon: not "low".
  const half = await insertSeminar(db, { title: "Halb voll", capacity: 10, startsInDays: 6, deadlineInDays: 2, createdBy: t });
  await insertBooking(db, { seminarId: half.id, status: "bestaetigt", seats: seats("halb", 5) });
  // Few registrations but the deadline is far away: not "low".
  const later = await insertSeminar(db, { title: "Noch Zeit", capacity: 10, startsInDays: 30, deadlineInDays: 20, createdBy: t });
  await insertBooking(db, { seminarId: later.id, status: "bestaetigt", seats: seats("spaet", 1) });
  // Past and cancelled seminars are not upcoming.
  const past = await insertSeminar(db, { title: "Vergangen", capacity: 10, startsInDays: -10, createdBy: t });
  await insertBooking(db, { seminarId: past.id, status: "bestaetigt", seats: [{ name: people.clerk.name, email: people.clerk.email, userId: people.clerk.id }] });
  await insertSeminar(db, { title: "Abgesagt", capacity: 10, startsInDays: 10, status: "abgesagt", createdBy: t });
  // The clerk cancelled one seat: not shown.
  const cancelled = await insertSeminar(db, { title: "Storniert", capacity: 10, startsInDays: 12, createdBy: people.trainer2.id });
  const booking = await insertBooking(db, { seminarId: cancelled.id, status: "wartend", seats: [{ name: people.clerk.name, email: people.clerk.email, userId: people.clerk.id }] });
  await db.update(seminarParticipants).set({ status: "storniert" }).where(eq(seminarParticipants.bookingId, booking.id));

  const [jemgum] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, "Jemgum"));
  await db.insert(inhouseRequests).values([
    { municipalityId: jemgum.id, requestedBy: people.itJemgum.id, topic: "Offen eins", wishedFrom: wished.from, wishedTo: wished.to, participants: 10 },
    { municipalityId: jemgum.id, requestedBy: people.itJemgum.id, topic: "Offen zwei", wishedFrom: wished.oneDay, wishedTo: wished.oneDay, participants: 4 },
    { municipalityId: jemgum.id, requestedBy: people.itJemgum.id, topic: "Abgelehnt", wishedFrom: wished.oneDay, wishedTo: addDays(wished.oneDay, 29), participants: 4, status: "abgelehnt", reason: "Kein Bedarf" },
  ]);
});

describe("the trainer's overview (issue 8, item 10)", () => {
  it("is 404 for everyone but trainers and admins (C14)", async () => {
    for (const who of ["itJemgum", "clerk", "nobody"]) expect((await planningFor(who)).status, who).toBe(404);
    expect((await planningFor("trainer")).status).toBe(200);
    expect((await planningFor("admin")).status).toBe(200);
  });

  it("lists the trainer's own upcoming seminars with fill level, waiting list and status", async () => {
    const { data } = await planningFor("trainer");
    expect(data.mine).toBe(true);
    expect(data.seminars.map((s: { title: string }) => s.title)).toEqual(["Wenig besucht", "Halb voll", "KAI-EWOS Grundlagen", "Noch Zeit", "KAI-FINAS Entwurf"]);
    const full = data.seminars.find((s: { id: number }) => s.id === ids.full);
    expect(full).toMatchObject({ status: "veroeffentlicht", capacity: 12, confirmedSeats: 8, waitingPeople: 4, centre: "West" });
    expect(data.seminars.find((s: { id: number }) => s.id === ids.draft)).toMatchObject({ status: "entwurf", waitingPeople: 0 });
  });

  it("names the published seminars with few registrations close to their deadline", async () => {
    const { data } = await planningFor("trainer");
    expect(data.lowRegistration.map((s: { title: string }) => s.title)).toEqual(["Wenig besucht"]);
    expect(data.thresholds).toEqual({ days: LOW_REGISTRATION_DAYS_BEFORE_DEADLINE, percent: LOW_REGISTRATION_FILL_RATIO * 100 });
    const now = new Date();
    const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();
    expect(isLowRegistration({ status: "veroeffentlicht", registrationDeadline: inDays(1), confirmedSeats: 4, capacity: 10 }, now)).toBe(true);
    expect(isLowRegistration({ status: "entwurf", registrationDeadline: inDays(1), confirmedSeats: 0, capacity: 10 }, now)).toBe(false);
    expect(isLowRegistration({ status: "veroeffentlicht", registrationDeadline: inDays(-1), confirmedSeats: 0, capacity: 10 }, now)).toBe(false);
    expect(isLowRegistration({ status: "veroeffentlicht", registrationDeadline: inDays(LOW_REGISTRATION_DAYS_BEFORE_DEADLINE + 1), confirmedSeats: 0, capacity: 10 }, now)).toBe(false);
  });

  it("shows the open in-house requests with their count", async () => {
    const { data } = await planningFor("trainer");
    expect(data.requests.count).toBe(2);
    expect(data.requests.list.map((r: { topic: string }) => r.topic)).toEqual(["Offen eins", "Offen zwei"]);
    expect(data.requests.list[0]).toMatchObject({ municipality: "Jemgum", period: `${germanDate(wished.from)} bis ${germanDate(wished.to)}`, participants: 10 });
    expect(data.requests.list[1].period).toBe(germanDate(wished.oneDay));
  });

  it("needs two statements besides the sign-in lookup, however many seminars (no N+1)", async () => {
    const overview = await recorder.record(() => planningFor("admin"));
    const training = overview.statements.filter((st) => /from "(seminars|inhouse_requests)"/.test(st.sql));
    expect(training).toHaveLength(2);
    const start = await recorder.record(() => panelsFor("trainer"));
    expect(start.statements.filter((st) => /from "(seminars|seminar_participants)"/.test(st.sql))).toHaveLength(2);
  });

  it("admins see all seminars, or only theirs with the filter", async () => {
    const all = await planningFor("admin");
    expect(all.data.mine).toBe(false);
    expect(all.data.seminars.map((s: { title: string }) => s.title)).toEqual(expect.arrayContaining(["Fremde Schulung", "KAI-EWOS Grundlagen", "Storniert"]));
    expect(all.data.seminars.map((s: { title: string }) => s.title)).not.toContain("Vergangen");
    expect(all.data.seminars.map((s: { title: string }) => s.title)).not.toContain("Abgesagt");
    const mine = await planningFor("admin", "?nur=meine");
    expect(mine.data.mine).toBe(true);
    expect(mine.data.seminars).toEqual([]);
    // A trainer cannot widen the view with the parameter.
    expect((await planningFor("trainer", "?nur=alle")).data.seminars.map((s: { title: string }) => s.title)).not.toContain("Fremde Schulung");
  });
});

describe("start-page panels (issue 8, item 10)", () => {
  it("'Meine Schulungen': a single person behind a group booking is second on the waiting list", async () => {
    const panels = await panelsFor("itJemgum");
    const { seminars: mine } = panel(panels, "meine-schulungen");
    expect(mine).toEqual([expect.objectContaining({ id: ids.full, title: "KAI-EWOS Grundlagen", status: "wartend", waitingPosition: 2, centre: "West" })]);
    const html = render(panels);
    expect(html).toContain("Warteliste, Platz 2");
    expect(html).toContain(`href="/schulungen/${ids.full}"`);
  });

  it("the position moves up when the group ahead is promoted", async () => {
    await db.update(seminars).set({ capacity: 20, confirmedSeats: 11 }).where(eq(seminars.id, ids.full));
    const [group] = await db.select().from(seminarBookings).where(eq(seminarBookings.bookedBy, people.itJemgum.id));
    await db.update(seminarBookings).set({ status: "bestaetigt" }).where(eq(seminarBookings.id, group.id));
    await db.update(seminarParticipants).set({ status: "bestaetigt" }).where(eq(seminarParticipants.bookingId, group.id));
    const { seminars: mine } = panel(await panelsFor("itJemgum"), "meine-schulungen");
    expect(mine[0]).toMatchObject({ status: "wartend", waitingPosition: 1 });
  });

  it("'Meine Schulungen': confirmed seats without a position; past and cancelled ones are left out", async () => {
    const panels = await panelsFor("clerk");
    const { seminars: mine } = panel(panels, "meine-schulungen");
    expect(mine).toEqual([expect.objectContaining({ id: ids.low, status: "bestaetigt", waitingPosition: null })]);
    expect(render(panels)).toContain("Platz bestätigt");
  });

  it("'Meine Schulungen' is empty with a link to the calendar", async () => {
    const panels = await panelsFor("nobody");
    expect(panel(panels, "meine-schulungen").seminars).toEqual([]);
    const html = render(panels);
    expect(html).toContain("Sie sind zu keiner anstehenden Schulung angemeldet.");
    expect(html).toContain('href="/schulungen"');
    expect(panels.map((p) => p.id)).not.toContain("naechste-schulungen");
  });

  it("'Meine nächsten Schulungen' for trainers: the next five they teach, with fill level as text", async () => {
    const panels = await panelsFor("trainer");
    const { seminars: next } = panel(panels, "naechste-schulungen");
    expect(next).toHaveLength(5);
    expect(next.map((s: { title: string }) => s.title)).toEqual(["Wenig besucht", "Halb voll", "KAI-EWOS Grundlagen", "Noch Zeit", "KAI-FINAS Entwurf"]);
    const html = render(panels);
    expect(html).toContain("Belegt: 3 von 10 Plätzen (30 %)");
    expect(html).toContain("Belegt: 11 von 20 Plätzen (55 %)");
    expect(html).toContain("Entwurf");
    expect(html).toContain('href="/schulungen/neu"');
    expect(panels.map((p) => p.id)).not.toContain("bald");
  });
});
