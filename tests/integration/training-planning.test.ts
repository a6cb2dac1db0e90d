import ICAL from "ical.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { calendarEvents } from "#db/schema/calendar";
import { procedureModules, procedures } from "#db/schema/procedures";
import { inhouseRequests, roomBookings, rooms, seminarBookings, seminarDates, seminarParticipants, seminars, seminarTrainers } from "#db/schema/training";
import { db } from "~/db.server";
import { addAttendee } from "~/modules/calendar/events.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { registerForSeminar } from "~/modules/training/registrations.server";
import { loadSeminar } from "~/modules/training/seminar-access.server";
import * as editPage from "~/routes/schulungen.$id_.bearbeiten";
import * as newPage from "~/routes/schulungen.neu";
import * as roomsPage from "~/routes/schulungen.raeume";
import { addDays, berlinDay, clockChangeAhead, germanDate } from "../dates";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest } from "../http";
import { parseMail, useSmtpSink } from "../smtp-sink";
import { useTestDatabase } from "../db";
import { currentUserOf } from "../ticket-fixtures";

const getDb = useTestDatabase();
const smtp = useSmtpSink();

type Person = Awaited<ReturnType<typeof currentUserOf>>;
let trainer: Person;
let otherTrainer: Person;
let clerk: Person;
let admin: Person;
let roomId: number;
let smallRoomId: number;

/**
 * The days of this file's tests. The series test straddles the next switch to summer time (a
 * Sunday), its first date 16 days before; every other booking of Schulungsraum 1 is on a Tuesday
 * after it, each test in its own week, so that no test meets another's booking by chance.
 */
const summerTime = clockChangeAhead("summer", 21);
const tuesday = (week: number) => addDays(summerTime, 2 + 7 * week);
const days = {
  seriesFirst: addDays(summerTime, -16), // Friday
  seriesWeekly: addDays(summerTime, -12), // Tuesday, then the next two
  clash: tuesday(1),
  moved: tuesday(2),
  cancelled: tuesday(3),
  registration: tuesday(4),
  inhouse: tuesday(5),
  deactivatedRoom: tuesday(6),
  /** The form's default, never saved. */
  form: tuesday(7),
};

beforeAll(async () => {
  const d = getDb().db;
  const t = await createUser(d, { email: "plan.trainerin@kai.example", name: "Tanja Trainerin", roles: [{ role: "trainer" }] });
  const t2 = await createUser(d, { email: "plan.trainer2@kai.example", name: "Theo Trainer", roles: [{ role: "trainer" }] });
  const c = await createUser(d, { email: "plan.it@kai.example", name: "Iris IT", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] });
  const a = await createUser(d, { email: "plan.admin@kai.example", name: "Adam Admin", roles: [{ role: "admin" }] });
  [trainer, otherTrainer, clerk, admin] = await Promise.all([currentUserOf(t.id), currentUserOf(t2.id), currentUserOf(c.id), currentUserOf(a.id)]);
  const [big] = await db.insert(rooms).values({ centreId: "nord", name: "Schulungsraum 1", capacity: 16, directions: "1. OG, links" }).returning();
  const [small] = await db.insert(rooms).values({ centreId: "west", name: "Besprechung klein", capacity: 6 }).returning();
  roomId = big.id;
  smallRoomId = small.id;
});

/** The new-seminar form as a browser sends it; "" removes a field. */
function seminarForm(over: Record<string, string | string[]> = {}) {
  const base: Record<string, string | string[]> = {
    title: "OK.EWO Grundlagen",
    type: "schulung",
    audience: "clerks",
    description: "Einführung in **OK.EWO**.",
    "dates[0].date": days.form,
    "dates[0].start": "09:00",
    "dates[0].end": "16:00",
    "dates[1].date": "",
    "dates[1].start": "",
    "dates[1].end": "",
    locationKind: "room",
    roomId: String(roomId),
    capacity: "12",
  };
  return Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== ""));
}

async function createVia(person: Person, form: Record<string, string | string[]>, query = "") {
  return call(newPage.action, makeRequest(`/schulungen/neu${query}`, { cookie: person.cookie, form }));
}

async function createdId(res: { status: number; location: string | null; data: unknown }) {
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return Number(res.location!.match(/^\/schulungen\/(\d+)$/)![1]);
}

const editPath = (id: number) => `/schulungen/${id}/bearbeiten`;
const edit = (person: Person, id: number, form: Record<string, string | string[]>) => call(editPage.action, makeRequest(editPath(id), { cookie: person.cookie, form }), { id: String(id) });

/** The edit form as the page fills it in, with changes. */
async function editForm(id: number, over: Record<string, string | string[]> = {}) {
  const page = await call(editPage.loader, makeRequest(editPath(id), { cookie: trainer.cookie }), { id: String(id) });
  expect(page.status).toBe(200);
  const v = page.data.values;
  const form: Record<string, string | string[]> = { intent: "save" };
  for (const [k, val] of Object.entries(v)) if (k !== "dates" && k !== "trainerIds" && val !== null && val !== "") form[k] = String(val);
  form.trainerIds = v.trainerIds;
  (v.dates as { id: string; date: string; start: string; end: string }[]).forEach((d, i) => Object.assign(form, { [`dates[${i}].id`]: d.id, [`dates[${i}].date`]: d.date, [`dates[${i}].start`]: d.start, [`dates[${i}].end`]: d.end }));
  return Object.fromEntries(Object.entries({ ...form, ...over }).filter(([, val]) => val !== ""));
}

/** What arrived at the SMTP sink: per message the recipient, subject, text and the parsed invite. */
async function delivered() {
  await dispatchDueEmails();
  const out = [];
  for (const m of smtp().received) {
    const parsed = await parseMail(m.raw);
    const ics = parsed.attachments.find((a) => a.mimeType === "text/calendar");
    let invite = null;
    if (ics) {
      const text = typeof ics.content === "string" ? ics.content : new TextDecoder().decode(ics.content as ArrayBuffer);
      const cal = new ICAL.Component(ICAL.parse(text));
      const vevent = cal.getFirstSubcomponent("vevent")!;
      invite = {
        method: cal.getFirstPropertyValue("method"),
        uid: String(vevent.getFirstPropertyValue("uid")),
        sequence: Number(vevent.getFirstPropertyValue("sequence")),
        status: vevent.getFirstPropertyValue("status"),
        location: vevent.getFirstPropertyValue("location"),
        start: (vevent.getFirstPropertyValue("dtstart") as unknown as ICAL.Time).toString(),
      };
    }
    out.push({ to: m.envelopeTo, subject: parsed.subject ?? "", text: parsed.text ?? "", invite });
  }
  smtp().received.length = 0;
  return out;
}

async function confirmParticipant(seminarId: number, person: { email: string; name: string }, status: "bestaetigt" | "wartend" = "bestaetigt") {
  const [booking] = await db.insert(seminarBookings).values({ seminarId, status }).returning();
  await db.insert(seminarParticipants).values({ bookingId: booking.id, seminarId, name: person.name, email: person.email, status });
  if (status === "bestaetigt") {
    await db.update(seminars).set({ confirmedSeats: 1 }).where(eq(seminars.id, seminarId));
    const dates = await db.select().from(seminarDates).where(eq(seminarDates.seminarId, seminarId));
    for (const d of dates) await addAttendee({ eventId: d.eventId!, attendee: { email: person.email, name: person.name } });
  }
}

describe("planning seminars (issue 8, items 1, 2 and 6)", () => {
  it("C14: the planning pages are 404 for people who are not trainers or admins, the rooms page for everyone but admins", async () => {
    expect((await call(newPage.loader, makeRequest("/schulungen/neu", { cookie: clerk.cookie }))).status).toBe(404);
    expect((await createVia(clerk, seminarForm())).status).toBe(404);
    expect((await call(roomsPage.loader, makeRequest("/schulungen/raeume", { cookie: trainer.cookie }))).status).toBe(404);
    expect((await call(roomsPage.action, makeRequest("/schulungen/raeume", { cookie: trainer.cookie, form: { intent: "create", centreId: "nord", name: "X", capacity: "5" } }))).status).toBe(404);
    // Without a session: to the sign-in page.
    expect((await call(newPage.loader, makeRequest("/schulungen/neu"))).status).toBe(302);
  });

  it("the empty form and mistakes are answered in German on the fields", async () => {
    const page = await call(newPage.loader, makeRequest("/schulungen/neu", { cookie: trainer.cookie }));
    expect(page.status).toBe(200);
    expect(page.data.defaultValue.trainerIds).toEqual([trainer.user.id]);
    expect(page.data.choices.rooms.some((r: { label: string }) => r.label.endsWith(": Schulungsraum 1 (16 Plätze)"))).toBe(true);

    const empty = await createVia(trainer, { locationKind: "room" });
    expect(empty.status).toBe(400);
    const errors = JSON.stringify(empty.data.result.error);
    for (const m of ["Bitte einen Titel angeben.", "Bitte die Art wählen", "Bitte die Zielgruppe wählen.", "Bitte die Zahl der Plätze angeben."]) expect(errors).toContain(m);
    expect(errors).not.toContain("Required");
    // The checks across fields follow once the fields themselves are valid.
    const noDates = await createVia(trainer, seminarForm({ "dates[0].date": "", "dates[0].start": "", "dates[0].end": "", roomId: "" }));
    expect(noDates.data.result.error).toEqual({ "dates[0].date": ["Bitte mindestens einen Termin angeben."], roomId: ["Bitte einen Raum wählen."] });

    const skipped = await createVia(trainer, seminarForm({ "dates[0].date": summerTime, "dates[0].start": "02:30", "dates[0].end": "05:00" }));
    expect(skipped.status).toBe(400);
    expect(skipped.data.result.error["dates[0].start"]).toEqual([`Am ${germanDate(summerTime)} gibt es 02:30 Uhr nicht: In dieser Nacht wird die Uhr von 02:00 auf 03:00 Uhr vorgestellt.`]);

    const http = await createVia(trainer, seminarForm({ locationKind: "online", roomId: "", onlineUrl: "http://meet.kai.example/x", centreId: "nord" }));
    expect(http.data.result.error.onlineUrl).toEqual(["Bitte einen vollständigen Link angeben, der mit https:// beginnt."]);

    const late = await createVia(trainer, seminarForm({ registrationDeadline: days.form }));
    expect(late.data.result.error.registrationDeadline).toEqual(["Der Anmeldeschluss muss vor dem ersten Termin liegen, spätestens am Vortag."]);

    const past = await createVia(trainer, seminarForm({ "dates[0].date": berlinDay(-1) }));
    expect(JSON.stringify(past.data.result.error)).toContain("liegt in der Vergangenheit");

    const [ewos] = await db.select().from(procedures).where(eq(procedures.code, "EWOS"));
    const [foreign] = await db.select().from(procedureModules).where(inArray(procedureModules.procedureId, (await db.select({ id: procedures.id }).from(procedures)).map((p) => p.id).filter((id) => id !== ewos.id))).limit(1);
    if (foreign) {
      const wrong = await createVia(trainer, seminarForm({ procedureId: String(ewos.id), moduleId: String(foreign.id) }));
      expect(wrong.data.result.error.moduleId).toEqual(["Dieses Modul gehört nicht zum gewählten Verfahren."]);
    }
    const notTrainer = await createVia(trainer, seminarForm({ trainerIds: [clerk.user.id] }));
    expect(notTrainer.data.result.error.trainerIds).toEqual(["Bitte nur Personen mit der Rolle Schulung als Leitung wählen."]);
    expect(await db.select().from(seminars)).toHaveLength(0);
  });

  it("item 2: capacity above the room's is refused naming both numbers; a clash names the other booking", async () => {
    const big = await createVia(trainer, seminarForm({ roomId: String(smallRoomId), capacity: "12" }));
    expect(big.status).toBe(400);
    expect(big.data.result.error.capacity).toEqual(["Der Raum „Besprechung klein“ fasst 6 Personen; die Veranstaltung kann daher nicht 12 Plätze haben."]);

    const first = await createdId(await createVia(trainer, seminarForm({ title: "Raum belegt", "dates[0].date": days.clash })));
    const clash = await createVia(otherTrainer, seminarForm({ title: "Zweite", "dates[0].date": days.clash, "dates[0].start": "13:00", "dates[0].end": "17:00" }));
    expect(clash.status).toBe(409);
    const day = germanDate(days.clash);
    expect(clash.data.result.error.roomId).toEqual([
      `Der Raum „Schulungsraum 1“ ist am ${day}, 13:00–17:00 Uhr schon belegt: Schulung „Raum belegt“ (${day}, 09:00–16:00 Uhr). Bitte einen anderen Raum oder eine andere Zeit wählen.`,
    ]);
    // Back to back is no clash.
    const after = await createVia(otherTrainer, seminarForm({ title: "Danach", "dates[0].date": days.clash, "dates[0].start": "16:00", "dates[0].end": "18:00" }));
    expect(after.status).toBe(302);
    const bookings = await db.select().from(roomBookings).innerJoin(seminarDates, eq(seminarDates.id, roomBookings.seminarDateId)).where(eq(seminarDates.seminarId, first));
    expect(bookings.map((b) => b.room_bookings.label)).toEqual(["Schulung „Raum belegt“"]);
  });

  it("item 1: a draft with a multi-day series, defaults, invisible to others until published; publishing creates one event per date", async () => {
    const res = await createVia(
      trainer,
      seminarForm({ title: "Reihe über die Zeitumstellung", "dates[0].date": days.seriesFirst, seriesDate: days.seriesWeekly, seriesStart: "09:00", seriesEnd: "12:00", seriesWeeks: "3" }),
    );
    const id = await createdId(res);
    const [s] = await db.select().from(seminars).where(eq(seminars.id, id));
    expect(s).toMatchObject({ status: "entwurf", publishedAt: null, centreId: "nord", roomId, capacity: 12, createdBy: trainer.user.id, locationKind: "room" });
    // Before the switch Berlin is UTC+1 (09:00 is 08:00 UTC), after it UTC+2.
    const lastDate = addDays(days.seriesWeekly, 14);
    expect(s.startsAt!.toISOString()).toBe(`${days.seriesFirst}T08:00:00.000Z`);
    expect(s.endsAt!.toISOString()).toBe(`${lastDate}T10:00:00.000Z`); // 12:00 CEST
    // Registration closes at the end of the day 7 days before, cancelling at the end of the day 3 days before (midnight CET).
    expect(s.registrationDeadline.toISOString()).toBe(`${addDays(days.seriesFirst, -7)}T23:00:00.000Z`);
    expect(s.cancellationDeadline.toISOString()).toBe(`${addDays(days.seriesFirst, -3)}T23:00:00.000Z`);
    expect((await db.select().from(seminarTrainers).where(eq(seminarTrainers.seminarId, id))).map((t) => t.userId)).toEqual([trainer.user.id]);
    const dates = await db.select().from(seminarDates).where(eq(seminarDates.seminarId, id)).orderBy(asc(seminarDates.startsAt));
    expect(dates.map((d) => d.startsAt.toISOString())).toEqual([
      `${days.seriesFirst}T08:00:00.000Z`,
      `${days.seriesWeekly}T08:00:00.000Z`,
      `${addDays(days.seriesWeekly, 7)}T08:00:00.000Z`,
      `${lastDate}T07:00:00.000Z`,
    ]);
    expect(await db.select().from(roomBookings).where(inArray(roomBookings.seminarDateId, dates.map((d) => d.id)))).toHaveLength(4);

    // Draft: 404 for another trainer (view and edit), for municipal IT and anonymous; the creator manages it.
    await expect(loadSeminar(otherTrainer.user, id)).rejects.toMatchObject({ status: 404 });
    await expect(loadSeminar(clerk.user, id)).rejects.toMatchObject({ status: 404 });
    await expect(loadSeminar(null, id)).rejects.toMatchObject({ status: 404 });
    expect((await loadSeminar(trainer.user, id)).manages).toBe(true);
    expect((await call(editPage.loader, makeRequest(editPath(id), { cookie: otherTrainer.cookie }), { id: String(id) })).status).toBe(404);
    expect((await edit(otherTrainer, id, { intent: "publish" })).status).toBe(404);
    expect((await call(editPage.loader, makeRequest(editPath(id), { cookie: clerk.cookie }), { id: String(id) })).status).toBe(404);
    // Admins manage every seminar.
    expect((await call(editPage.loader, makeRequest(editPath(id), { cookie: admin.cookie }), { id: String(id) })).status).toBe(200);

    const published = await edit(trainer, id, { intent: "publish" });
    expect(published).toMatchObject({ status: 302, location: `${editPath(id)}?erledigt=veroeffentlicht` });
    const [after] = await db.select().from(seminars).where(eq(seminars.id, id));
    expect(after.status).toBe("veroeffentlicht");
    expect(after.publishedAt).not.toBeNull();
    const withEvents = await db.select().from(seminarDates).where(eq(seminarDates.seminarId, id)).orderBy(asc(seminarDates.startsAt));
    const events = await db.select().from(calendarEvents).where(inArray(calendarEvents.id, withEvents.map((d) => d.eventId!)));
    expect(events).toHaveLength(4);
    for (const e of events) {
      expect(e).toMatchObject({ kind: "seminar", title: "Reihe über die Zeitumstellung", sequence: 0, status: "confirmed" });
      expect(e.location).toMatch(/^Schulungsraum 1, /);
      expect(e.description).toContain(`/schulungen/${id}`);
    }
    expect((await loadSeminar(otherTrainer.user, id)).manages).toBe(false);
    expect((await edit(trainer, id, { intent: "publish" })).data.errors).toEqual(["Die Veranstaltung ist schon veröffentlicht."]);
    const actions = (await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "seminar"), eq(auditEvents.entityId, String(id)))).orderBy(asc(auditEvents.createdAt), asc(auditEvents.id))).map((a) => a.action);
    expect(actions).toEqual(["training.seminar_created", "training.seminar_published"]);
  });

  it("F30: moving a date sends the confirmed participant an update with the same UID and a higher SEQUENCE; adding and removing dates invite and cancel", async () => {
    const id = await createdId(
      await createVia(trainer, seminarForm({ title: "Verschieben", "dates[0].date": days.moved, "dates[1].date": addDays(days.moved, 1), "dates[1].start": "09:00", "dates[1].end": "12:00" })),
    );
    await edit(trainer, id, { intent: "publish" });
    const participant = { email: "teilnehmerin.plan@kai.example", name: "Paula Teilnehmerin" };
    await confirmParticipant(id, participant);
    const invites = await delivered();
    expect(invites.map((m) => m.invite?.method)).toEqual(["REQUEST", "REQUEST"]);
    const uids = invites.map((m) => m.invite!.uid);

    // Capacity cannot drop below the confirmed seats.
    await db.update(seminars).set({ confirmedSeats: 5 }).where(eq(seminars.id, id));
    const below = await edit(trainer, id, await editForm(id, { capacity: "3" }));
    expect(below.status).toBe(400);
    expect(below.data.result.error.capacity).toEqual(["Es sind schon 5 Plätze bestätigt; die Kapazität kann nicht auf 3 sinken."]);
    await db.update(seminars).set({ confirmedSeats: 1 }).where(eq(seminars.id, id));

    // Move the second day to the day after, 10:00–13:00.
    const movedTo = addDays(days.moved, 2);
    const moved = await edit(trainer, id, await editForm(id, { "dates[1].date": movedTo, "dates[1].start": "10:00", "dates[1].end": "13:00" }));
    expect(moved).toMatchObject({ status: 302 });
    const updates = await delivered();
    expect(updates).toHaveLength(1);
    expect(updates[0].to).toEqual([participant.email]);
    expect(updates[0].invite).toMatchObject({ method: "REQUEST", sequence: 1, start: `${movedTo}T10:00:00` });
    expect(uids).toContain(updates[0].invite!.uid);
    expect(updates[0].subject).toContain("Geändert");

    // A changed room: every date gets an update with the new place.
    const [room2] = await db.insert(rooms).values({ centreId: "mitte", name: "Saal Mitte", capacity: 30 }).returning();
    await edit(trainer, id, await editForm(id, { roomId: String(room2.id) }));
    const placed = await delivered();
    expect(placed).toHaveLength(2);
    for (const m of placed) expect(m.invite!.location).toMatch(/^Saal Mitte, /);
    expect((await db.select().from(seminars).where(eq(seminars.id, id)))[0].centreId).toBe("mitte");

    // Remove the first day, add the Friday: a CANCEL for the one, a new REQUEST for the other.
    const addedDay = addDays(days.moved, 3);
    const form = await editForm(id);
    const changed = { ...form, "dates[0].date": addedDay, "dates[0].start": "09:00", "dates[0].end": "16:00" } as Record<string, string | string[]>;
    delete changed["dates[0].id"];
    expect((await edit(trainer, id, changed)).status).toBe(302);
    const mails = await delivered();
    const cancel = mails.find((m) => m.invite?.method === "CANCEL")!;
    expect(cancel.invite).toMatchObject({ status: "CANCELLED", start: `${days.moved}T09:00:00` });
    const added = mails.find((m) => m.invite?.method === "REQUEST" && m.invite.sequence === 0)!;
    expect(added.invite!.start).toBe(`${addedDay}T09:00:00`);
    expect(uids).not.toContain(added.invite!.uid);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "seminar"), eq(auditEvents.entityId, String(id)), eq(auditEvents.action, "training.seminar_updated")));
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("F30 with the registration code: a person who registers after publishing gets the update of a moved date and the cancellation", async () => {
    const id = await createdId(await createVia(trainer, seminarForm({ title: "Mit Anmeldung", "dates[0].date": days.registration })));
    await edit(trainer, id, { intent: "publish" });
    await registerForSeminar({ user: clerk.user, seminarId: id });
    const invite = (await delivered()).find((m) => m.invite)!;
    expect(invite.to).toEqual([clerk.user.email]);
    expect(invite.invite).toMatchObject({ method: "REQUEST", sequence: 0 });
    expect((await edit(trainer, id, await editForm(id, { "dates[0].start": "10:00" }))).status).toBe(302);
    const [update] = (await delivered()).filter((m) => m.invite);
    expect(update.to).toEqual([clerk.user.email]);
    expect(update.invite).toMatchObject({ method: "REQUEST", uid: invite.invite!.uid, start: `${days.registration}T10:00:00` });
    expect(update.invite!.sequence).toBeGreaterThan(0);
    await edit(trainer, id, { intent: "cancel", reason: "Zu wenige Anmeldungen." });
    const mails = await delivered();
    expect(mails.find((m) => m.invite)!.invite).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: invite.invite!.uid });
    expect(mails.find((m) => !m.invite)!.text).toContain("Zu wenige Anmeldungen.");
  });

  it("F32: cancelling sends CANCEL + STATUS:CANCELLED for each date and a German email with the reason to confirmed and waiting people; rooms are freed", async () => {
    const id = await createdId(await createVia(trainer, seminarForm({ title: "Wird abgesagt", "dates[0].date": days.cancelled, "dates[1].date": addDays(days.cancelled, 1), "dates[1].start": "09:00", "dates[1].end": "12:00" })));
    await edit(trainer, id, { intent: "publish" });
    await confirmParticipant(id, { email: "bestaetigt.absage@kai.example", name: "Bea Bestätigt" });
    await confirmParticipant(id, { email: "wartend.absage@kai.example", name: "Willi Wartend" }, "wartend");
    await delivered();

    // The confirmation page without JavaScript, then a missing reason.
    const ask = await call(editPage.loader, makeRequest(`${editPath(id)}?absagen=1`, { cookie: trainer.cookie }), { id: String(id) });
    expect(ask.data.askCancel).toBe(true);
    const noReason = await edit(trainer, id, { intent: "cancel", reason: "" });
    expect(noReason).toMatchObject({ status: 400, data: { errors: ["Bitte den Grund der Absage angeben."] } });
    expect((await edit(otherTrainer, id, { intent: "cancel", reason: "Keine Lust mehr" })).status).toBe(404);

    const reason = "Die Trainerin ist erkrankt; ein Ersatztermin folgt.";
    expect(await edit(trainer, id, { intent: "cancel", reason })).toMatchObject({ status: 302, location: `${editPath(id)}?erledigt=abgesagt` });
    const mails = await delivered();
    const cancels = mails.filter((m) => m.invite);
    expect(cancels).toHaveLength(2);
    for (const c of cancels) {
      expect(c.to).toEqual(["bestaetigt.absage@kai.example"]);
      expect(c.invite).toMatchObject({ method: "CANCEL", status: "CANCELLED", sequence: 1 });
    }
    const notices = mails.filter((m) => !m.invite);
    expect(notices.map((m) => m.to[0]).sort()).toEqual(["bestaetigt.absage@kai.example", "wartend.absage@kai.example"]);
    for (const n of notices) {
      expect(n.subject).toBe("Abgesagt: Schulung „Wird abgesagt“");
      expect(n.text).toContain(reason);
      expect(n.text).toContain("leider müssen wir die Schulung „Wird abgesagt“ absagen");
    }
    expect(notices.find((n) => n.to[0].startsWith("wartend"))!.text).toContain("Warteliste");
    const [s] = await db.select().from(seminars).where(eq(seminars.id, id));
    expect(s).toMatchObject({ status: "abgesagt", cancelReason: reason });
    expect(s.cancelledAt).not.toBeNull();
    const dateIds = (await db.select().from(seminarDates).where(eq(seminarDates.seminarId, id))).map((d) => d.id);
    expect(await db.select().from(roomBookings).where(inArray(roomBookings.seminarDateId, dateIds))).toHaveLength(0);
    expect((await edit(trainer, id, { intent: "cancel", reason })).data.errors).toEqual(["Die Veranstaltung ist bereits abgesagt."]);
    expect((await edit(trainer, id, await editForm(id))).status).toBe(409);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, String(id)), eq(auditEvents.action, "training.seminar_cancelled")));
    expect(audit.after).toMatchObject({ reason, notified: 2, roomBookingsReleased: 2 });
    // The freed slot can be booked again.
    expect((await createVia(otherTrainer, seminarForm({ title: "Nachfolger", "dates[0].date": days.cancelled }))).status).toBe(302);
  });

  it("item 3: a seminar from an open in-house request is limited to the municipality, the request is planned in the same transaction", async () => {
    const jemgum = await getMunicipalityByName(getDb().db, "Jemgum");
    const [request] = await db
      .insert(inhouseRequests)
      .values({ municipalityId: jemgum.id, requestedBy: clerk.user.id, topic: "Kasse für Einsteiger", wishedFrom: addDays(days.inhouse, -1), wishedTo: addDays(days.inhouse, 10), participants: 8 })
      .returning();
    const page = await call(newPage.loader, makeRequest(`/schulungen/neu?anfrage=${request.id}`, { cookie: trainer.cookie }));
    expect(page.data.defaultValue).toMatchObject({ title: "Kasse für Einsteiger", locationKind: "inhouse", hostMunicipalityId: String(jemgum.id), capacity: "8" });
    const form = seminarForm({ title: "Kasse für Einsteiger", locationKind: "inhouse", roomId: "", hostMunicipalityId: String(jemgum.id), address: "Rathaus, Hofstraße 2, Sitzungssaal", capacity: "8", "dates[0].date": days.inhouse });
    const id = await createdId(await createVia(trainer, form, `?anfrage=${request.id}`));
    const [s] = await db.select().from(seminars).where(eq(seminars.id, id));
    expect(s).toMatchObject({ restrictedToMunicipalityId: jemgum.id, locationKind: "inhouse", hostMunicipalityId: jemgum.id, centreId: jemgum.centreId });
    const [r] = await db.select().from(inhouseRequests).where(eq(inhouseRequests.id, request.id));
    expect(r).toMatchObject({ status: "geplant", seminarId: id, decidedBy: trainer.user.id });
    // Planned once only.
    expect((await createVia(trainer, form, `?anfrage=${request.id}`)).status).toBe(404);
    expect((await call(newPage.loader, makeRequest(`/schulungen/neu?anfrage=${request.id}`, { cookie: trainer.cookie }))).status).toBe(404);
  });

  it("item 2: admins add, edit and deactivate rooms; a deactivated room cannot be booked", async () => {
    const path = "/schulungen/raeume";
    const post = (form: Record<string, string>) => call(roomsPage.action, makeRequest(path, { cookie: admin.cookie, form }));
    expect(await post({ intent: "create", centreId: "sued", name: "Raum Süd 2", capacity: "10", directions: "EG" })).toMatchObject({ status: 302, location: `${path}?erledigt=angelegt` });
    const dup = await post({ intent: "create", centreId: "sued", name: "raum süd 2", capacity: "10" });
    expect(dup.data.result.error.name).toEqual(["In diesem Zentrum gibt es schon einen Raum „raum süd 2“."]);
    const bad = await post({ intent: "create", centreId: "sued", name: "Raum", capacity: "0" });
    expect(bad.data.result.error.capacity).toEqual(["Ein Raum fasst mindestens eine Person."]);
    const [room] = await db.select().from(rooms).where(eq(rooms.name, "Raum Süd 2"));
    expect(await post({ intent: "update", roomId: String(room.id), centreId: "sued", name: "Raum Süd 2", capacity: "14", directions: "EG, rechts" })).toMatchObject({ status: 302 });
    expect((await db.select().from(rooms).where(eq(rooms.id, room.id)))[0]).toMatchObject({ capacity: 14, directions: "EG, rechts" });
    const page = await call(roomsPage.loader, makeRequest(`${path}?bearbeiten=${room.id}`, { cookie: admin.cookie }));
    expect(page.data.editing).toMatchObject({ name: "Raum Süd 2", capacity: "14" });
    expect(page.data.centres.find((c: { id: string }) => c.id === "sued").rooms.map((r: { name: string }) => r.name)).toContain("Raum Süd 2");
    expect(await post({ intent: "deactivate", roomId: String(room.id) })).toMatchObject({ status: 302, location: `${path}?erledigt=deaktiviert` });
    const refused = await createVia(trainer, seminarForm({ roomId: String(room.id), "dates[0].date": days.deactivatedRoom }));
    expect(refused.data.result.error.roomId).toEqual(["Bitte einen Raum aus der Liste wählen."]);
    const actions = (await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "room"), eq(auditEvents.entityId, String(room.id)))).orderBy(asc(auditEvents.createdAt), asc(auditEvents.id))).map((a) => a.action);
    expect(actions).toEqual(["training.room_created", "training.room_updated", "training.room_deactivated"]);
  });

  it("G33: raising the capacity of a published seminar moves the waiting list up at once, in order (ADR 018)", async () => {
    const id = await createdId(await createVia(trainer, seminarForm({ title: "Mehr Plätze", capacity: "1", "dates[0].date": berlinDay(40), locationKind: "online", roomId: "", onlineUrl: "https://meet.kai.example/mehr-plaetze", centreId: "nord" })));
    await edit(trainer, id, { intent: "publish" });
    const [first, second, third] = await Promise.all(
      ["mehr.eins", "mehr.zwei", "mehr.drei"].map(async (local, i) => currentUserOf((await createUser(getDb().db, { email: `${local}@kai.example`, name: `Person ${i + 1}`, municipality: "Buxtehude" })).id)),
    );
    for (const p of [first, second, third]) await registerForSeminar({ user: p.user, seminarId: id });
    await delivered();
    expect((await edit(trainer, id, await editForm(id, { capacity: "2" }))).status).toBe(302);
    const seats = await db.select({ email: seminarParticipants.email, status: seminarParticipants.status }).from(seminarParticipants).where(eq(seminarParticipants.seminarId, id)).orderBy(asc(seminarParticipants.id));
    expect(seats.map((s) => s.status)).toEqual(["bestaetigt", "bestaetigt", "wartend"]);
    const mails = await delivered();
    const promoted = mails.filter((m) => m.to.includes(second.user.email));
    expect(promoted.map((m) => m.invite?.method ?? m.subject).sort()).toEqual(["Nachgerückt – Teilnahme bestätigt: Mehr Plätze", "REQUEST"]);
    expect(mails.some((m) => m.to.includes(third.user.email))).toBe(false);
  });
});
