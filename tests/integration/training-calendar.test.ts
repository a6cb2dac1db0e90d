import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { calendarEvents } from "#db/schema/calendar";
import { procedures } from "#db/schema/procedures";
import { rooms, seminarBookings, seminarDates, seminarParticipants, seminars, type SeminarStatus, type SeminarType } from "#db/schema/training";
import { db } from "~/db.server";
import { addAttendee, cancelCalendarEvent, createCalendarEvent, updateCalendarEvent } from "~/modules/calendar/events.server";
import { createFeedToken } from "~/modules/calendar/feed-token.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { runSeminarReminders } from "~/modules/training/reminders.server";
import { loader as personalFeedLoader } from "~/routes/kalender.$feed";
import { loader as calendarLoader } from "~/routes/schulungen._index";
import { loader as feedLoader } from "~/routes/schulungen.feed.$feed";
import { addDays, berlinOffset, daysInMonth, firstDayFrom, germanDate, germanMonth, isWorkingDay, monthAhead, weekday } from "../dates";
import { useTestDatabase } from "../db";
import { createUser, getMunicipalityByName } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { parseMail, useSmtpSink } from "../smtp-sink";

const getDb = useTestDatabase();
const smtp = useSmtpSink();

/**
 * The file's days. The calendar's seminars are in next month, on the same days of the month each
 * time (the month view is about them); the feeds' later ones in the month after; the month after
 * that stays empty. The reminder tests come later still, more than the reminder job's 14 days of
 * look-ahead after everything else, so its runs meet only their own seminars.
 */
const month = monthAhead(1);
const nextMonth = monthAhead(2);
const emptyMonth = monthAhead(3);
const on = (m: string, day: number) => `${m}-${String(day).padStart(2, "0")}`;
/** A Berlin wall-clock time as ISO with its UTC offset, e.g. "2027-01-12T09:00:00+01:00". */
const at = (date: string, time: string) => `${date}T${time}:00${berlinOffset(date, time)}`;
const slot = (date: string, from: string, to: string): [string, string] => [at(date, from), at(date, to)];
/** A Thursday whose week, Tuesday to Thursday, has no public holiday in the state: reminded on the Tuesday. */
const plainThursday = (from: string, state: "NI" | "NW") =>
  firstDayFrom(from, (day) => weekday(day) === 4 && [0, -1, -2].every((d) => isWorkingDay(addDays(day, d), state)));
/** Centre Mitte and Nord keep the holidays of Niedersachsen, West those of Nordrhein-Westfalen. */
const reminderDay = plainThursday(on(monthAhead(4), 1), "NI");
const inhouseDay = plainThursday(addDays(reminderDay, 21), "NW");

interface SeminarSpec {
  title: string;
  centreId?: "nord" | "mitte" | "west" | "sued";
  type?: SeminarType;
  status?: SeminarStatus;
  procedureId?: number | null;
  restrictedTo?: number | null;
  /** Berlin wall-clock ISO pairs. */
  dates: [string, string][];
  capacity?: number;
  confirmedSeats?: number;
  roomId?: number | null;
  inhouse?: { municipalityId: number; address: string };
}

/** A seminar as the planning commands leave it: rows, dates and (once published) one engine event per date. */
async function seedSeminar(spec: SeminarSpec) {
  return db.transaction(async (tx) => {
    const status = spec.status ?? "veroeffentlicht";
    const dates = spec.dates.map(([s, e]) => ({ startsAt: new Date(s), endsAt: new Date(e) }));
    const location = spec.roomId ? { locationKind: "room" as const, roomId: spec.roomId } : spec.inhouse ? { locationKind: "inhouse" as const, hostMunicipalityId: spec.inhouse.municipalityId, address: spec.inhouse.address } : { locationKind: "online" as const, onlineUrl: "https://meet.kai.example/raum-42" };
    const [seminar] = await tx
      .insert(seminars)
      .values({
        title: spec.title,
        type: spec.type ?? "schulung",
        procedureId: spec.procedureId ?? null,
        centreId: spec.centreId ?? "nord",
        ...location,
        capacity: spec.capacity ?? 12,
        confirmedSeats: spec.confirmedSeats ?? 0,
        registrationDeadline: dates[0].startsAt,
        cancellationDeadline: dates[0].startsAt,
        status,
        restrictedToMunicipalityId: spec.restrictedTo ?? null,
        startsAt: dates[0].startsAt,
        endsAt: dates.at(-1)!.endsAt,
        publishedAt: status === "entwurf" ? null : new Date(),
        cancelledAt: status === "abgesagt" ? new Date() : null,
      })
      .returning();
    const dateRows = [];
    for (const d of dates) {
      const event =
        status === "entwurf"
          ? null
          : await createCalendarEvent({ event: { kind: spec.type === "info" ? "info_event" : "seminar", title: spec.title, location: "Zentrum", ...d }, attendees: [] }, tx);
      if (event && status === "abgesagt") await cancelCalendarEvent({ eventId: event.id }, tx);
      const [row] = await tx.insert(seminarDates).values({ seminarId: seminar.id, ...d, eventId: event?.id ?? null }).returning();
      dateRows.push(row);
    }
    return { seminar, dates: dateRows };
  });
}

async function addParticipant(seminarId: number, person: { name: string; email: string; userId?: string | null }, status: "bestaetigt" | "wartend" = "bestaetigt") {
  const [booking] = await db.insert(seminarBookings).values({ seminarId, status }).returning();
  await db.insert(seminarParticipants).values({ bookingId: booking.id, seminarId, name: person.name, email: person.email, userId: person.userId ?? null, status });
}

function parseFeed(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  return cal.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    summary: String(v.getFirstPropertyValue("summary")),
    status: String(v.getFirstPropertyValue("status")),
    url: v.getFirstPropertyValue("url") ? String(v.getFirstPropertyValue("url")) : null,
  }));
}

const get = (path: string, cookie?: string) => call(calendarLoader, makeRequest(path, { cookie }));
const feed = (name: string, headers?: Record<string, string>) => call(feedLoader, makeRequest(`/schulungen/feed/${name}`, { headers }), { feed: name });
const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

let ewos: number;
let finas: number;
let jemgum: number;
let rheine: number;
let cookies: { jemgum: string; rheine: string; trainer: string };

beforeAll(async () => {
  const procs = await db.select({ id: procedures.id, code: procedures.code }).from(procedures);
  ewos = procs.find((p) => p.code === "EWOS")!.id;
  finas = procs.find((p) => p.code === "FINAS")!.id;
  jemgum = (await getMunicipalityByName(getDb().db, "Jemgum"))!.id;
  rheine = (await getMunicipalityByName(getDb().db, "Rheine"))!.id;
  const [itJemgum, clerkRheine, trainer] = await Promise.all([
    createUser(getDb().db, { email: "it.kal-jemgum@kai.example", name: "Jana Jemgum", roles: [{ role: "municipal_it", municipality: "Jemgum" }] }),
    createUser(getDb().db, { email: "kal-rheine@kai.example", name: "Rolf Rheiner", municipality: "Rheine" }),
    createUser(getDb().db, { email: "kal-trainer@kai.example", name: "Tina Trainer", roles: [{ role: "trainer" }] }),
  ]);
  cookies = { jemgum: await sessionCookieFor(itJemgum.id), rheine: await sessionCookieFor(clerkRheine.id), trainer: await sessionCookieFor(trainer.id) };

  await seedSeminar({ title: "EWOS Grundlagen Nord", centreId: "nord", procedureId: ewos, dates: [slot(on(month, 12), "09:00", "16:00")], capacity: 12, confirmedSeats: 9 });
  await seedSeminar({
    title: "FINAS Jahresabschluss West",
    centreId: "west",
    procedureId: finas,
    dates: [slot(on(month, 19), "09:00", "16:00"), slot(on(month, 20), "09:00", "12:00")],
    capacity: 10,
    confirmedSeats: 10,
  });
  await seedSeminar({ title: "Infoveranstaltung Sysadmins Süd", centreId: "sued", type: "info", dates: [slot(on(month, 26), "14:00", "16:00")] });
  await seedSeminar({ title: "Entwurf Mitte", centreId: "mitte", status: "entwurf", dates: [slot(on(month, 13), "09:00", "12:00")] });
  await seedSeminar({ title: "Abgesagt Nord", centreId: "nord", status: "abgesagt", dates: [slot(on(month, 14), "09:00", "12:00")] });
  await seedSeminar({ title: "Inhouse Jemgum", centreId: "west", restrictedTo: jemgum, dates: [slot(on(month, 21), "09:00", "12:00")] });
});

describe("public seminar calendar (issue 8, item 9)", () => {
  it("lists published and cancelled seminars to everyone, signed out too; drafts and restricted seminars stay hidden (C14)", async () => {
    const res = await get("/schulungen");
    expect(res.status).toBe(200);
    expect(titles(res.data.list.rows)).toEqual(["EWOS Grundlagen Nord", "Abgesagt Nord", "FINAS Jahresabschluss West", "Infoveranstaltung Sysadmins Süd"]);
    const [ewosRow, cancelled, finasRow] = res.data.list.rows;
    expect(ewosRow).toMatchObject({ fill: "3 von 12 Plätzen frei", centre: "Nord", type: "schulung", when: `${germanDate(on(month, 12))}, 09:00–16:00 Uhr` });
    expect(cancelled).toMatchObject({ cancelled: true, fill: "abgesagt" });
    expect(finasRow).toMatchObject({ fill: "ausgebucht – Warteliste", dates: 2, when: `${germanDate(on(month, 19))} – ${germanDate(on(month, 20))}` });
    expect(JSON.stringify(res.data)).not.toContain("Entwurf Mitte");
    expect(res.data.feeds.all).toMatch(/\/schulungen\/feed\/alle\.ics$/);
  });

  it("shows a seminar restricted to a municipality only to its people and to trainers", async () => {
    expect(titles((await get("/schulungen", cookies.jemgum)).data.list.rows)).toContain("Inhouse Jemgum");
    expect(titles((await get("/schulungen", cookies.trainer)).data.list.rows)).toContain("Inhouse Jemgum");
    expect(titles((await get("/schulungen", cookies.rheine)).data.list.rows)).not.toContain("Inhouse Jemgum");
    expect(titles((await get(`/schulungen?ansicht=monat&monat=${month}`, cookies.rheine)).data.month.days.flatMap((d: { entries: { title: string }[] }) => d.entries))).not.toContain(
      "Inhouse Jemgum",
    );
  });

  it("filters by centre, procedure and type", async () => {
    expect(titles((await get("/schulungen?zentrum=nord")).data.list.rows)).toEqual(["EWOS Grundlagen Nord", "Abgesagt Nord"]);
    expect(titles((await get(`/schulungen?verfahren=${finas}`)).data.list.rows)).toEqual(["FINAS Jahresabschluss West"]);
    expect(titles((await get("/schulungen?art=info")).data.list.rows)).toEqual(["Infoveranstaltung Sysadmins Süd"]);
    expect(titles((await get(`/schulungen?zentrum=west&verfahren=${ewos}`)).data.list.rows)).toEqual([]);
  });

  it("names a bad filter and drops only that one (400)", async () => {
    const res = await get("/schulungen?zentrum=ost&art=info");
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual([{ id: "filter-zentrum", message: "Dieses Zentrum gibt es nicht." }]);
    expect(titles(res.data.list.rows)).toEqual(["Infoveranstaltung Sysadmins Süd"]);
    expect((await get(`/schulungen?ansicht=monat&monat=${month.slice(0, 4)}-13`)).data.errors).toEqual([{ id: "monat", message: `Bitte einen Monat wie ${new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" }).format(new Date())} angeben.` }]);
  });

  it("month view: every day of the month, a multi-day seminar on each of its days", async () => {
    const res = await get(`/schulungen?ansicht=monat&monat=${month}`);
    expect(res.status).toBe(200);
    const shown = res.data.month;
    expect(shown).toMatchObject({ label: germanMonth(month), previous: monthAhead(0), next: nextMonth, firstWeekday: weekday(on(month, 1)) });
    expect(shown.days).toHaveLength(daysInMonth(month));
    const onDay = (day: string) => shown.days.find((d: { date: string }) => d.date === day).entries.map((e: { title: string }) => e.title);
    expect(onDay(on(month, 19))).toEqual(["FINAS Jahresabschluss West"]);
    expect(onDay(on(month, 20))).toEqual(["FINAS Jahresabschluss West"]);
    expect(onDay(on(month, 13))).toEqual([]);
    expect(shown.days.find((d: { date: string }) => d.date === on(month, 12)).entries[0]).toMatchObject({ time: "09:00–16:00 Uhr", fill: "3 von 12 Plätzen frei" });
    const filtered = await get(`/schulungen?ansicht=monat&monat=${month}&art=info`);
    expect(filtered.data.month.days.flatMap((d: { entries: { title: string }[] }) => d.entries.map((e) => e.title))).toEqual(["Infoveranstaltung Sysadmins Süd"]);
    const empty = await get(`/schulungen?ansicht=monat&monat=${emptyMonth}`);
    expect(empty.data.month.days.every((d: { entries: unknown[] }) => d.entries.length === 0)).toBe(true);
  });

  it("month view: any four-digit year, with no link past the first or last month the format can name", async () => {
    const far = await get("/schulungen?ansicht=monat&monat=2101-05");
    expect(far.status).toBe(200);
    expect(far.data.month).toMatchObject({ label: "Mai 2101", previous: "2101-04", next: "2101-06" });
    expect(far.data.month.days).toHaveLength(31);
    const first = await get("/schulungen?ansicht=monat&monat=1000-01");
    expect(first.status).toBe(200);
    expect(first.data.month).toMatchObject({ label: "Januar 1000", previous: null, next: "1000-02" });
    expect(first.data.month.days[0]).toMatchObject({ date: "1000-01-01" });
    const last = await get("/schulungen?ansicht=monat&monat=9999-12");
    expect(last.status).toBe(200);
    expect(last.data.month).toMatchObject({ label: "Dezember 9999", previous: "9999-11", next: null });
    expect(last.data.month.days.at(-1)).toMatchObject({ date: "9999-12-31" });
    for (const bad of ["0999-12", "10000-01", "2027-1"]) {
      expect((await get(`/schulungen?ansicht=monat&monat=${bad}`)).data.errors.map((e: { id: string }) => e.id)).toEqual(["monat"]);
    }
  });
});

describe("public ICS feeds (issue 8, item 9)", () => {
  it("alle.ics holds the published seminars open to everyone, one VEVENT per date, cancelled ones as CANCELLED", async () => {
    const res = await feed("alle.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=300");
    const events = parseFeed(res.data);
    expect(events.map((e) => e.summary)).toEqual([
      "EWOS Grundlagen Nord",
      "Abgesagt Nord",
      "FINAS Jahresabschluss West",
      "FINAS Jahresabschluss West",
      "Infoveranstaltung Sysadmins Süd",
    ]);
    expect(events.find((e) => e.summary === "Abgesagt Nord")!.status).toBe("CANCELLED");
    expect(events.find((e) => e.summary === "EWOS Grundlagen Nord")!.status).toBe("CONFIRMED");
    expect(events[0].url).toMatch(/\/schulungen\/\d+$/);
    expect(res.data).not.toContain("Entwurf Mitte");
    expect(res.data).not.toContain("Inhouse Jemgum");
  });

  it("per centre: only that centre's seminars; an unknown feed is 404", async () => {
    expect(parseFeed((await feed("west.ics")).data).map((e) => e.summary)).toEqual(["FINAS Jahresabschluss West", "FINAS Jahresabschluss West"]);
    expect(parseFeed((await feed("mitte.ics")).data)).toEqual([]);
    expect((await feed("ost.ics")).status).toBe(404);
    expect((await feed("nord")).status).toBe(404);
  });

  it("answers 304 to a matching ETag", async () => {
    const first = await feed("sued.ics");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^".+"$/);
    const again = await feed("sued.ics", { "If-None-Match": etag });
    expect(again.status).toBe(304);
  });

  it("an update to a date's event reaches the feed at once (new ETag, new SEQUENCE), though the rendered feed is kept between changes", async () => {
    const { dates } = await seedSeminar({ title: "Wird verschoben Süd", centreId: "sued", dates: [slot(on(nextMonth, 16), "09:00", "12:00")] });
    const before = await feed("sued.ics");
    // To the next day, 09:00–12:00 Berlin time.
    const movedTo = on(nextMonth, 17);
    const moved = await db.transaction((tx) =>
      updateCalendarEvent({ eventId: dates[0].eventId!, changes: { startsAt: new Date(at(movedTo, "09:00")), endsAt: new Date(at(movedTo, "12:00")) } }, tx),
    );
    const after = await feed("sued.ics", { "If-None-Match": before.headers.get("ETag")! });
    expect(after.status).toBe(200);
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
    const event = parseFeed(after.data).find((e) => e.summary === "Wird verschoben Süd")!;
    expect(event.sequence).toBe(moved!.sequence);
    expect(event.sequence).toBe(1);
    expect(after.data).toContain(`DTSTART;TZID=Europe/Berlin:${movedTo.replace(/-/g, "")}T090000`);
  });

  it("uses the invite's UID and SEQUENCE: what a participant's invite names is the feed's event (F29)", async () => {
    const { dates } = await seedSeminar({ title: "Invite und Feed Süd", centreId: "sued", dates: [slot(on(nextMonth, 2), "09:00", "12:00")] });
    await db.transaction((tx) => addAttendee({ eventId: dates[0].eventId!, attendee: { email: "feed-teilnehmerin@kai.example", name: "Frieda Feed" } }, tx));
    await dispatchDueEmails();
    const mail = await parseMail(smtp().received.find((m) => m.envelopeTo.includes("feed-teilnehmerin@kai.example"))!.raw);
    const ics = mail.attachments.find((a) => a.mimeType === "text/calendar")!;
    const invite = new ICAL.Component(ICAL.parse(typeof ics.content === "string" ? ics.content : new TextDecoder().decode(ics.content))).getFirstSubcomponent("vevent")!;
    const inFeed = parseFeed((await feed("sued.ics")).data).find((e) => e.summary === "Invite und Feed Süd")!;
    expect(inFeed.uid).toBe(String(invite.getFirstPropertyValue("uid")));
    expect(inFeed.sequence).toBe(Number(invite.getFirstPropertyValue("sequence")));
  });

  it("the personal feed includes the seminars one is registered for (calendar_attendees by user)", async () => {
    const person = await createUser(getDb().db, { email: "kal-person@kai.example", name: "Paula Person", municipality: "Rheine" });
    const { dates } = await seedSeminar({ title: "Meine Schulung West", centreId: "west", dates: [slot(on(nextMonth, 9), "09:00", "12:00")] });
    await db.transaction((tx) => addAttendee({ eventId: dates[0].eventId!, attendee: { email: person.email, name: person.name, userId: person.id } }, tx));
    const token = await createFeedToken(person.id);
    const res = await call(personalFeedLoader, makeRequest(`/kalender/${token}.ics`), { feed: `${token}.ics` });
    expect(res.status).toBe(200);
    const events = parseFeed(res.data);
    expect(events.map((e) => e.summary)).toEqual(["Meine Schulung West"]);
    const [engineEvent] = await db.select({ uid: calendarEvents.uid }).from(calendarEvents).where(eq(calendarEvents.id, dates[0].eventId!));
    expect(events[0].uid).toBe(engineEvent.uid);
  });
});

describe("seminar reminders (issue 8, item 7; ACCEPTANCE G37)", () => {
  it("reminds every confirmed participant once, two working days before, with the room's directions; a second run sends nothing", async () => {
    const [room] = await db
      .insert(rooms)
      .values({ centreId: "mitte", name: "Schulungsraum 2", capacity: 14, directions: "Eingang B, 2. Stock; Parkplätze hinter dem Haus." })
      .returning();
    // On a Thursday: due on the Tuesday, 08:00 Berlin.
    const tuesday = addDays(reminderDay, -2);
    const { seminar } = await seedSeminar({ title: "EWOS Aufbau Mitte", centreId: "mitte", roomId: room.id, dates: [slot(reminderDay, "09:00", "16:00")] });
    await addParticipant(seminar.id, { name: "Anna Anders", email: "anna.anders@kai.example" });
    await addParticipant(seminar.id, { name: "Bernd Berg", email: "bernd.berg@kai.example" });
    await addParticipant(seminar.id, { name: "Wilma Warte", email: "wilma.warte@kai.example" }, "wartend");
    // An online seminar on the same day gets the link.
    const online = await seedSeminar({ title: "Online-Info Nord", centreId: "nord", type: "info", dates: [slot(reminderDay, "14:00", "15:00")] });
    await addParticipant(online.seminar.id, { name: "Olga Online", email: "olga.online@kai.example" });

    expect(await runSeminarReminders({ now: new Date(at(tuesday, "07:30")) })).toEqual({ reminded: 0, emails: 0 });
    const [first, second] = await Promise.all([runSeminarReminders({ now: new Date(at(tuesday, "08:07")) }), runSeminarReminders({ now: new Date(at(tuesday, "08:07")) })]);
    expect(first.reminded + second.reminded).toBe(2);
    expect(first.emails + second.emails).toBe(3);
    expect(await runSeminarReminders({ now: new Date(at(addDays(tuesday, 1), "08:07")) })).toEqual({ reminded: 0, emails: 0 });

    await dispatchDueEmails();
    const mails = await Promise.all(smtp().received.map(async (m) => ({ to: m.envelopeTo, mail: await parseMail(m.raw) })));
    const reminders = mails.filter((m) => m.mail.subject?.startsWith("Erinnerung:"));
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(["anna.anders@kai.example", "bernd.berg@kai.example", "olga.online@kai.example"]);
    const anna = reminders.find((m) => m.to[0] === "anna.anders@kai.example")!.mail;
    expect(anna.subject).toBe(`Erinnerung: EWOS Aufbau Mitte am ${germanDate(reminderDay)}, 09:00–16:00 Uhr`);
    expect(anna.text).toContain("Ort: Schulungsraum 2, Zentrum Mitte");
    expect(anna.text).toContain("Anfahrt: Eingang B, 2. Stock; Parkplätze hinter dem Haus.");
    expect(anna.text).toContain(`/schulungen/${seminar.id}`);
    const olga = reminders.find((m) => m.to[0] === "olga.online@kai.example")!.mail;
    expect(olga.text).toContain("https://meet.kai.example/raum-42");
    const [row] = await db.select({ sentAt: seminars.reminderSentAt }).from(seminars).where(eq(seminars.id, seminar.id));
    expect(row.sentAt).not.toBeNull();
  });

  it("in-house: the address at the host municipality; cancelled and draft seminars get no reminder", async () => {
    const { seminar } = await seedSeminar({
      title: "Inhouse Rheine",
      centreId: "west",
      inhouse: { municipalityId: rheine, address: "Rathaus Rheine, Sitzungssaal 3, Klosterstraße 14" },
      dates: [slot(inhouseDay, "09:00", "12:00")],
    });
    await addParticipant(seminar.id, { name: "Ida Inhouse", email: "ida.inhouse@kai.example" });
    const cancelled = await seedSeminar({ title: "Abgesagt West", centreId: "west", status: "abgesagt", dates: [slot(inhouseDay, "09:00", "12:00")] });
    await addParticipant(cancelled.seminar.id, { name: "Carl Cancel", email: "carl.cancel@kai.example" });
    expect(await runSeminarReminders({ now: new Date(at(addDays(inhouseDay, -2), "09:00")) })).toEqual({ reminded: 1, emails: 1 });
    await dispatchDueEmails();
    const mails = await Promise.all(smtp().received.map(async (m) => ({ to: m.envelopeTo, mail: await parseMail(m.raw) })));
    const ida = mails.find((m) => m.to[0] === "ida.inhouse@kai.example")!.mail;
    expect(ida.text).toContain("Ort: Inhouse bei Rheine");
    expect(ida.text).toContain("Anfahrt: Rathaus Rheine, Sitzungssaal 3, Klosterstraße 14");
    expect(mails.some((m) => m.to[0] === "carl.cancel@kai.example")).toBe(false);
  });
});
