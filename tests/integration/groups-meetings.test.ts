import { execFileSync } from "node:child_process";
import { crc32 } from "node:zlib";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { actionItems, agendaDocuments, agendaItems, meetingRsvps, meetings } from "#db/schema/groups";
import { outboxEmails } from "#db/schema/mail";
import { sessions } from "#db/schema/auth";
import { roomBookings, rooms } from "#db/schema/training";
import { db } from "~/db.server";
import * as meetingPage from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id";
import * as editPage from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.bearbeiten";
import * as documentRoute from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.dokumente.$documentId";
import * as agendaPdfRoute from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.tagesordnung[.pdf]";
import * as answersRoute from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.antworten";
import * as newMeeting from "~/routes/facharbeitskreise.$gruppe_.sitzungen.neu";
import { useTestDatabase } from "../db";
import { createActionItemFixture, createGroupPeople, createMeetingFixture } from "../group-fixtures";
import { call, makeRequest, ORIGIN, sessionCookieFor } from "../http";
import { queuedInvites, queuedMessages } from "../invites";
import { renderRoute } from "../render";
import { statementRecorder } from "../statements";
import { openActionItemsOf } from "~/modules/groups/action-items.server";
import { getMeetingPage } from "~/modules/groups/meeting-page.server";
import { inviteToUpcomingMeetings, removeFromUpcomingMeetings } from "~/modules/groups/meetings.server";
import { createUser } from "../factories";
import { berlinDay, germanDate } from "../dates";

// Issue 9, items 2–4: scheduling with invites (ACCEPTANCE F28–F32), RSVP, the agenda with times,
// documents, email and PDF. Who may do what: chairs schedule, change, cancel and keep the agenda;
// members answer; everyone else gets 404 for those (C14), and a meeting under another group's
// slug is 404 for everyone.
const recorder = statementRecorder();
useTestDatabase({ logger: recorder.logger });

type Person = { id: string; email: string; name: string; cookie: string };
const finas: Record<"chair" | "member" | "second" | "outsider", Person> = {} as never;
const ewos: Record<"chair" | "member" | "second" | "outsider", Person> = {} as never;
let roomMitte: number;
let roomNord: number;
const day = berlinDay(40);

async function people(group: "FINAS" | "EWOS", into: typeof finas) {
  const made = await createGroupPeople(db, group);
  for (const key of ["chair", "member", "second", "outsider"] as const) into[key] = { ...made[key], cookie: await sessionCookieFor(made[key].id) };
}

beforeAll(async () => {
  await people("FINAS", finas);
  await people("EWOS", ewos);
  [{ id: roomMitte }] = await db.insert(rooms).values({ centreId: "mitte", name: "Sitzungsraum Aller", capacity: 20, directions: "Zweiter Stock, Aufzug links" }).returning();
  [{ id: roomNord }] = await db.insert(rooms).values({ centreId: "nord", name: "Raum Este", capacity: 30 }).returning();
});

const base = (slug: string, id: number) => `/facharbeitskreise/${slug}/sitzungen/${id}`;

function scheduleForm(overrides: Record<string, string> = {}) {
  return {
    title: "Jahresplanung Haushalt 2028",
    date: day,
    time: "10:00",
    durationMinutes: "120",
    locationKind: "zentrum",
    roomId: String(roomMitte),
    onlineUrl: "",
    "items[0].title": "Neuerungen im Release 5.2",
    "items[0].presenter": "Mara Mitglied",
    "items[0].durationMinutes": "45",
    ...overrides,
  };
}

async function schedule(slug: string, person: Person, form: Record<string, string>) {
  return call(newMeeting.action, makeRequest(`/facharbeitskreise/${slug}/sitzungen/neu`, { form, cookie: person.cookie }), { gruppe: slug });
}

async function pageAs(person: Person | null, slug: string, id: number, search = "") {
  return call(meetingPage.loader, makeRequest(`${base(slug, id)}${search}`, { cookie: person?.cookie }), { gruppe: slug, id: String(id) });
}

async function post(person: Person, slug: string, id: number, form: Record<string, string>) {
  return call(meetingPage.action, makeRequest(base(slug, id), { form, cookie: person.cookie }), { gruppe: slug, id: String(id) });
}

function multipart(path: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[], cookie: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("dokument", new File([Buffer.from(f.bytes)], f.name, { type: "application/octet-stream" }));
  return new Request(new URL(path, ORIGIN), { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN } });
}

async function itemsOf(meetingId: number) {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
}

function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", "-", "-"], { input: pdf }).toString("utf8");
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
/** A stored ZIP (enough for the OOXML check): local headers, central directory, end record. */
function zip(entries: [string, string][]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const common = Buffer.from([...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0x21), ...u32(crc32(data)), ...u32(data.length), ...u32(data.length), ...u16(name.length)]);
    const local = Buffer.concat([Buffer.from(u32(0x04034b50)), common, Buffer.from(u16(0)), Buffer.from(name), data]);
    centrals.push(Buffer.concat([Buffer.from(u32(0x02014b50)), Buffer.from(u16(20)), common, Buffer.from([...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset)]), Buffer.from(name)]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.from([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(directory.length), ...u32(offset), ...u16(0)]);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
const CONTENT_TYPES: [string, string] = ["[Content_Types].xml", "<Types/>"];
const PDF = new Uint8Array(Buffer.from("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"));
const DOCX = zip([CONTENT_TYPES, ["word/document.xml", "<w:document/>"]]);
const DOCM = zip([CONTENT_TYPES, ["word/document.xml", "<w:document/>"], ["word/vbaProject.bin", "\xd0\xcf\x11\xe0"]]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

let meetingId: number;

describe("scheduling (item 2)", () => {
  it("only chairs open and send the schedule form: members and outsiders get 404, signed-out people the sign-in", async () => {
    for (const p of [finas.member, finas.outsider, ewos.chair]) {
      expect((await call(newMeeting.loader, makeRequest("/facharbeitskreise/finas/sitzungen/neu", { cookie: p.cookie }), { gruppe: "finas" })).status).toBe(404);
      expect((await schedule("finas", p, scheduleForm())).status).toBe(404);
    }
    const anonymous = await call(newMeeting.loader, makeRequest("/facharbeitskreise/finas/sitzungen/neu"), { gruppe: "finas" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden\?redirectTo=/);
    expect((await call(newMeeting.loader, makeRequest("/facharbeitskreise/xyz/sitzungen/neu", { cookie: finas.chair.cookie }), { gruppe: "xyz" })).status).toBe(404);
    expect(await db.select().from(meetings)).toHaveLength(0);
    const form = await call(newMeeting.loader, makeRequest("/facharbeitskreise/finas/sitzungen/neu", { cookie: finas.chair.cookie }), { gruppe: "finas" });
    expect(form.status).toBe(200);
    expect(form.data.rooms.map((r: { label: string }) => r.label)).toContain("Sitzungsraum Aller (Zentrum Mitte, 20 Plätze)");
  });

  it("checks the form: an online meeting needs an https link, a centre meeting a room, a central one a Nord room", async () => {
    const online = await schedule("finas", finas.chair, scheduleForm({ locationKind: "online", roomId: "", onlineUrl: "" }));
    expect(online.status).toBe(400);
    expect(JSON.stringify(online.data)).toContain("Bitte den Link zur Online-Sitzung angeben");
    const http = await schedule("finas", finas.chair, scheduleForm({ locationKind: "online", roomId: "", onlineUrl: "http://video.kai.example/x" }));
    expect(JSON.stringify(http.data)).toContain("Bitte einen vollständigen Link angeben, der mit https:// beginnt.");
    const noRoom = await schedule("finas", finas.chair, scheduleForm({ roomId: "" }));
    expect(JSON.stringify(noRoom.data)).toContain("Bitte einen Raum des Zentrums wählen.");
    const central = await schedule("finas", finas.chair, scheduleForm({ locationKind: "zentral" }));
    expect(central.status).toBe(400);
    expect(JSON.stringify(central.data)).toContain("Bitte einen Raum des Zentrums Nord wählen oder keinen Raum.");
    const past = await schedule("finas", finas.chair, scheduleForm({ date: berlinDay(-1) }));
    expect(JSON.stringify(past.data)).toContain("Die Sitzung muss in der Zukunft liegen.");
    expect(await db.select().from(meetings)).toHaveLength(0);
    expect(await queuedInvites()).toHaveLength(0);
  });

  it("a chair schedules: the room is booked, every member gets a REQUEST listing only themselves, the agenda starts with „Offene Aufgaben“ (F28–F32)", async () => {
    const res = await schedule("finas", finas.chair, scheduleForm());
    expect(res.status).toBe(302);
    const [meeting] = await db.select().from(meetings);
    meetingId = meeting.id;
    expect(res.location).toBe(`${base("finas", meeting.id)}?erledigt=geplant`);
    expect(meeting).toMatchObject({ groupId: "FINAS", title: "Jahresplanung Haushalt 2028", locationKind: "zentrum", centreId: "mitte", roomId: roomMitte, status: "geplant" });
    expect(meeting.eventId).not.toBeNull();
    expect((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000).toBe(120);
    const [booking] = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, meeting.id));
    expect(booking).toMatchObject({ roomId: roomMitte, label: "Sitzung des Facharbeitskreises Finanzwesen „Jahresplanung Haushalt 2028“" });
    // No earlier meeting with minutes: no approval item; "Offene Aufgaben" always, then the typed row.
    expect((await itemsOf(meeting.id)).map((i) => [i.position, i.kind, i.title, i.presenter, i.durationMinutes])).toEqual([
      [1, "offene_aufgaben", "Offene Aufgaben", "", 15],
      [2, "eintrag", "Neuerungen im Release 5.2", "Mara Mitglied", 45],
    ]);
    const invites = await queuedInvites();
    expect(invites.map((i) => i.to).sort()).toEqual([finas.chair.email, finas.member.email, finas.second.email].sort());
    for (const invite of invites) {
      expect(invite.method).toBe("REQUEST");
      expect(invite.mimeMethod).toBe("REQUEST");
      expect(invite.sequence).toBe(0);
      expect(invite.attendees).toEqual([`mailto:${invite.to}`]);
      expect(invite.startLocal).toBe(`${day}T10:00:00`);
      expect(invite.location).toContain("Sitzungsraum Aller, KAI-Zentrum Mitte, Lindhooper Weg 7, 27283 Verden");
    }
    expect(new Set(invites.map((i) => i.uid)).size).toBe(1);
    expect(invites.some((i) => i.to === finas.outsider.email)).toBe(false);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "groups.meeting_scheduled"));
    expect(audit).toMatchObject({ actorId: finas.chair.id, entityType: "meeting", entityId: String(meeting.id) });
  });

  it("refuses a room clash with a message naming what holds the room, and keeps nothing of the attempt", async () => {
    const before = await queuedInvites();
    const res = await schedule("finas", finas.chair, scheduleForm({ title: "Zweite Sitzung", time: "11:00" }));
    expect(res.status).toBe(409);
    const text = JSON.stringify(res.data);
    expect(text).toContain("Der Raum „Sitzungsraum Aller“ ist am");
    expect(text).toContain("schon belegt: Sitzung des Facharbeitskreises Finanzwesen „Jahresplanung Haushalt 2028“");
    expect(text).toContain(`(${germanDate(day)}, 10:00–12:00 Uhr)`);
    expect(await db.select().from(meetings)).toHaveLength(1);
    expect(await queuedInvites()).toHaveLength(before.length);
  });
});

describe("the meeting page and RSVP (items 2 and 3)", () => {
  it("is open to every signed-in person; members see their answer, chairs everyone's; anonymous goes to sign-in; another group's slug is 404", async () => {
    const chair = await pageAs(finas.chair, "finas", meetingId);
    expect(chair.status).toBe(200);
    expect(chair.data.meeting.place).toBe("Sitzungsraum Aller, KAI-Zentrum Mitte, Lindhooper Weg 7, 27283 Verden");
    expect(chair.data.meeting.roomDirections).toBe("Zweiter Stock, Aufzug links");
    expect(chair.data.viewer).toEqual({ chair: true, member: true, answer: null });
    expect(chair.data.rsvp.counts).toEqual({ zusage: 0, absage: 0, vielleicht: 0, keine: 3 });
    expect(chair.data.rsvp.lists).toMatchObject({ zusage: "", absage: "", vielleicht: "" });
    expect(chair.data.rsvp.lists.keine.split(", ")).toHaveLength(3);
    const member = await pageAs(finas.member, "finas", meetingId);
    expect(member.data.viewer).toEqual({ chair: false, member: true, answer: null });
    expect(member.data.rsvp).toBeNull();
    const outsider = await pageAs(finas.outsider, "finas", meetingId);
    expect(outsider.status).toBe(200);
    expect(outsider.data.viewer).toEqual({ chair: false, member: false, answer: null });
    expect(JSON.stringify(outsider.data)).not.toContain("@kai.example");
    const anonymous = await pageAs(null, "finas", meetingId);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/anmelden/);
    expect((await pageAs(finas.chair, "ewos", meetingId)).status).toBe(404);
    expect((await pageAs(finas.chair, "finas", 999_999)).status).toBe(404);
  });

  it("members answer zusage, absage or vielleicht and may change it; the chair's view shows it at once; outsiders get 404", async () => {
    expect((await post(finas.member, "finas", meetingId, { intent: "rsvp", answer: "zusage" })).status).toBe(302);
    expect((await post(finas.second, "finas", meetingId, { intent: "rsvp", answer: "vielleicht" })).status).toBe(302);
    let chair = await pageAs(finas.chair, "finas", meetingId);
    expect(chair.data.rsvp.counts).toEqual({ zusage: 1, absage: 0, vielleicht: 1, keine: 1 });
    expect(chair.data.rsvp.lists.zusage).toMatch(new RegExp(`^${finas.member.name}( \\(|$)`));
    expect((await post(finas.member, "finas", meetingId, { intent: "rsvp", answer: "absage" })).status).toBe(302);
    chair = await pageAs(finas.chair, "finas", meetingId);
    expect(chair.data.rsvp.counts).toEqual({ zusage: 0, absage: 1, vielleicht: 1, keine: 1 });
    expect((await pageAs(finas.member, "finas", meetingId)).data.viewer.answer).toBe("absage");
    const wrong = await post(finas.member, "finas", meetingId, { intent: "rsvp", answer: "gern" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual(["Bitte Zusage, Absage oder Vielleicht wählen."]);
    expect((await post(finas.outsider, "finas", meetingId, { intent: "rsvp", answer: "zusage" })).status).toBe(404);
    expect((await post(finas.outsider, "finas", meetingId, { intent: "rsvp", answer: "gern" })).status).toBe(404);
    expect((await post(finas.member, "finas", meetingId, { intent: "agenda_add", title: "" })).status).toBe(404);
    expect((await post(ewos.member, "finas", meetingId, { intent: "rsvp", answer: "zusage" })).status).toBe(404);
    expect((await post(finas.member, "ewos", meetingId, { intent: "rsvp", answer: "zusage" })).status).toBe(404);
    expect(await db.select().from(meetingRsvps).where(eq(meetingRsvps.meetingId, meetingId))).toHaveLength(2);
  });

  it("the open page asks for the answers again: chairs get the same summary as JSON, without extending their session; everyone else 404", async () => {
    const answersOf = (person: Person | null, slug = "finas", id = meetingId) =>
      call(answersRoute.loader, makeRequest(`${base(slug, id)}/antworten`, { cookie: person?.cookie }), { gruppe: slug, id: String(id) });
    // Idle for 27 minutes: a read that extended the session would move idleExpiresAt.
    const idleExpiresAt = new Date(Date.now() + 3 * 60 * 1000);
    await db.update(sessions).set({ idleExpiresAt, lastSeenAt: new Date(Date.now() - 27 * 60 * 1000) }).where(eq(sessions.userId, finas.chair.id));
    const before = await answersOf(finas.chair);
    expect(before.status).toBe(200);
    expect(before.headers.get("Cache-Control")).toBe("no-store");
    expect(before.data).toEqual((await pageAs(finas.chair, "finas", meetingId)).data.rsvp);
    await db.update(sessions).set({ idleExpiresAt, lastSeenAt: new Date(Date.now() - 27 * 60 * 1000) }).where(eq(sessions.userId, finas.chair.id));
    // A new answer shows in the next read.
    expect((await post(finas.second, "finas", meetingId, { intent: "rsvp", answer: "absage" })).status).toBe(302);
    const after = await answersOf(finas.chair);
    expect(after.data.counts.absage).toBe(before.data.counts.absage + 1);
    expect(after.data.lists.absage).toContain(finas.second.name);
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, finas.chair.id));
    expect(session.idleExpiresAt.getTime()).toBe(idleExpiresAt.getTime());
    // Members, outsiders, another group's chair, a wrong group in the path and the signed-out: 404.
    for (const who of [finas.member, finas.outsider, ewos.chair, null]) expect((await answersOf(who)).status).toBe(404);
    expect((await answersOf(finas.chair, "ewos")).status).toBe(404);
    expect((await answersOf(finas.chair, "finas", 2_147_483_647)).status).toBe(404);
    // Put back for the tests that follow.
    expect((await post(finas.second, "finas", meetingId, { intent: "rsvp", answer: "vielleicht" })).status).toBe(302);
  });

  it("no answer is taken once the meeting is over", async () => {
    const { meeting } = await createMeetingFixture(db, { group: "FINAS", date: berlinDay(-3) });
    const res = await post(finas.member, "finas", meeting.id, { intent: "rsvp", answer: "zusage" });
    expect(res.status).toBe(409);
    expect(res.data.errors).toEqual(["Die Sitzung ist vorbei; die Antwort lässt sich nicht mehr ändern."]);
  });
});

describe("the agenda (item 4)", () => {
  it("only chairs change it: members and outsiders get 404 for every intent and nothing changes", async () => {
    const [first] = await itemsOf(meetingId);
    const intents: Record<string, string>[] = [
      { intent: "agenda_add", title: "Fremder Punkt" },
      { intent: "agenda_update", itemId: String(first.id), title: "Geändert" },
      { intent: "agenda_remove", itemId: String(first.id) },
      { intent: "agenda_move", itemId: String(first.id), direction: "down" },
      { intent: "send_agenda" },
    ];
    for (const p of [finas.member, finas.outsider, ewos.chair]) for (const form of intents) expect((await post(p, "finas", meetingId, form)).status, `${form.intent}`).toBe(404);
    expect((await itemsOf(meetingId)).map((i) => i.title)).toEqual(["Offene Aufgaben", "Neuerungen im Release 5.2"]);
  });

  it("a chair adds, edits, reorders and removes items; positions stay 1…n and the start times follow the durations", async () => {
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_add", title: "Haushaltssatzung", presenter: "Vera Vorsitz", durationMinutes: "30" })).status).toBe(302);
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_add", title: "Verschiedenes", durationMinutes: "" })).status).toBe(302);
    const bad = await post(finas.chair, "finas", meetingId, { intent: "agenda_add", title: "", durationMinutes: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toContain("Bitte den Titel des Tagesordnungspunkts angeben.");
    let items = await itemsOf(meetingId);
    const haushalt = items.find((i) => i.title === "Haushaltssatzung")!;
    const moved = await post(finas.chair, "finas", meetingId, { intent: "agenda_move", itemId: String(haushalt.id), direction: "up" });
    expect(moved.status).toBe(302);
    // Back at the item, its editor still open for the next move.
    expect(moved.location).toBe(`${base("finas", meetingId)}?erledigt=tagesordnung&bearbeiten=${haushalt.id}#top-${haushalt.id}`);
    items = await itemsOf(meetingId);
    expect(items.map((i) => [i.position, i.title])).toEqual([
      [1, "Offene Aufgaben"],
      [2, "Haushaltssatzung"],
      [3, "Neuerungen im Release 5.2"],
      [4, "Verschiedenes"],
    ]);
    const top = await post(finas.chair, "finas", meetingId, { intent: "agenda_move", itemId: String(items[0].id), direction: "up" });
    expect(top.status).toBe(409);
    expect(top.data.errors).toEqual(["Der Punkt steht schon am Anfang der Tagesordnung."]);
    const page = await pageAs(finas.member, "finas", meetingId);
    expect(page.data.agenda.items.map((i: { heading: string }) => i.heading.replace(/\u00AD/g, ""))).toEqual([
      "TOP 1, 10:00 Uhr: Offene Aufgaben",
      "TOP 2, 10:15 Uhr: Haushaltssatzung",
      "TOP 3, 10:45 Uhr: Neuerungen im Release 5.2",
      "TOP 4, 11:30 Uhr: Verschiedenes",
    ]);
    expect(page.data.agenda.warning).toBeNull();
    // Longer than the meeting (120 minutes): a warning.
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_update", itemId: String(haushalt.id), title: "Haushaltssatzung 2028", presenter: "Vera Vorsitz", durationMinutes: "90" })).status).toBe(302);
    const longer = await pageAs(finas.chair, "finas", meetingId);
    expect(longer.data.agenda.warning).toBe(
      "Die Tagesordnung dauert 2 Stunden 30 Minuten und damit 30 Minuten länger als die Sitzung (2 Stunden). Bitte Punkte kürzen oder die Sitzung verlängern.",
    );
    const verschiedenes = items.find((i) => i.title === "Verschiedenes")!;
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_remove", itemId: String(verschiedenes.id) })).status).toBe(302);
    items = await itemsOf(meetingId);
    expect(items.map((i) => [i.position, i.title])).toEqual([
      [1, "Offene Aufgaben"],
      [2, "Haushaltssatzung 2028"],
      [3, "Neuerungen im Release 5.2"],
    ]);
    // An item of another meeting is not reachable through this one.
    const other = await createMeetingFixture(db, { group: "FINAS", date: berlinDay(60) });
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_remove", itemId: String(other.items[0].id) })).status).toBe(404);
  });

  it("documents: PDF and office files are stored and downloaded as attachments; images, macros and unknown types get a German message and store nothing", async () => {
    const [, haushalt] = await itemsOf(meetingId);
    const path = base("finas", meetingId);
    const upload = (files: { name: string; bytes: Uint8Array }[], person = finas.chair) =>
      call(meetingPage.action, multipart(path, { intent: "document_upload", itemId: String(haushalt.id) }, files, person.cookie), { gruppe: "finas", id: String(meetingId) });
    const refused = [
      [{ name: "foto.png", bytes: PNG }, "Die Datei „foto.png“ ist kein PDF- oder Office-Dokument."],
      [{ name: "vorlage.docm", bytes: DOCM }, "Die Datei „vorlage.docm“ enthält Makros. Dokumente mit Makros werden nicht angenommen; bitte speichern Sie sie ohne Makros."],
      [{ name: "tool.exe", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) }, "Die Datei „tool.exe“ hat ein Format, das nicht angenommen wird."],
    ] as const;
    for (const [file, message] of refused) {
      const res = await upload([file, { name: "gut.pdf", bytes: PDF }]);
      expect(res.status).toBe(400);
      expect(res.data.errors.join(" ")).toContain(message);
    }
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(PDF);
    const tooLarge = await upload([{ name: "riesig.pdf", bytes: huge }]);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.data.errors).toEqual(["Die Datei „riesig.pdf“ ist größer als 10 MB."]);
    expect(await db.select().from(agendaDocuments)).toHaveLength(0);
    expect((await upload([{ name: "entwurf.pdf", bytes: PDF }], finas.member)).status).toBe(404);
    // A refused file from someone who may not upload is a 404 too, not a message about the file.
    expect((await upload([{ name: "foto.png", bytes: PNG }], finas.outsider)).status).toBe(404);
    expect((await upload([{ name: "Haushaltsentwurf.pdf", bytes: PDF }, { name: "Übersicht.docx", bytes: DOCX }])).status).toBe(302);
    const docs = await db.select().from(agendaDocuments);
    expect(docs.map((d) => [d.name, d.mimeType]).sort()).toEqual([
      ["Haushaltsentwurf.pdf", "application/pdf"],
      ["Übersicht.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ]);
    const pdf = docs.find((d) => d.name === "Haushaltsentwurf.pdf")!;
    const download = await call(documentRoute.loader, makeRequest(`${path}/dokumente/${pdf.id}`, { cookie: finas.outsider.cookie }), { gruppe: "finas", id: String(meetingId), documentId: pdf.id });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Haushaltsentwurf.pdf"/);
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await call(documentRoute.loader, makeRequest(`/facharbeitskreise/ewos/sitzungen/${meetingId}/dokumente/${pdf.id}`, { cookie: finas.chair.cookie }), { gruppe: "ewos", id: String(meetingId), documentId: pdf.id })).status).toBe(404);
    expect((await call(documentRoute.loader, makeRequest(`${path}/dokumente/${pdf.id}`), { gruppe: "finas", id: String(meetingId), documentId: pdf.id })).status).toBe(302);
    const page = await pageAs(finas.member, "finas", meetingId);
    expect(page.data.agenda.items[1].documents.map((d: { name: string }) => d.name).sort()).toEqual(["Haushaltsentwurf.pdf", "Übersicht.docx"]);
    const docx = docs.find((d) => d.name === "Übersicht.docx")!;
    expect((await post(finas.member, "finas", meetingId, { intent: "document_remove", documentId: docx.id })).status).toBe(404);
    expect((await post(finas.chair, "finas", meetingId, { intent: "document_remove", documentId: docx.id })).status).toBe(302);
    expect((await db.select().from(agendaDocuments)).map((d) => d.name)).toEqual(["Haushaltsentwurf.pdf"]);
  });

  it("renders the page for chair, member and outsider: one h1, the agenda with times, the forms each may use", async () => {
    const path = base("finas", meetingId);
    const html = async (p: Person) => (await renderRoute(meetingPage.default, path, (await pageAs(p, "finas", meetingId)).data)).replace(/\u00AD/g, "");
    const chair = await html(finas.chair);
    expect((chair.match(/<h1>/g) ?? []).length).toBe(1);
    expect(chair).toContain("TOP 2, 10:15 Uhr: Haushaltssatzung 2028");
    expect(chair).toContain("Punkt hinzufügen");
    expect(chair).toContain("Tagesordnung versenden");
    expect(chair).toContain(`href="${path}/protokoll"`);
    expect(chair).toContain("keine Antwort");
    // One item's editor at a time: a link per item, the forms only for the item asked for.
    const items = (await pageAs(finas.chair, "finas", meetingId)).data.agenda.items as { id: number }[];
    expect(chair).toContain(`href="${path}?bearbeiten=${items[1].id}#top-${items[1].id}"`);
    expect(chair).not.toContain("Punkt speichern");
    expect(chair).not.toMatch(/enctype="multipart\/form-data"/i);
    const editing = await pageAs(finas.chair, "finas", meetingId, `?bearbeiten=${items[1].id}`);
    expect(editing.data.editor).toMatchObject({ id: items[1].id, title: expect.any(String) });
    const editor = (await renderRoute(meetingPage.default, path, editing.data)).replace(/\u00AD/g, "");
    expect(editor.match(/Punkt speichern/g)).toHaveLength(1);
    expect(editor).toMatch(/enctype="multipart\/form-data"/i);
    expect(editor).toContain("TOP 2 bearbeiten</h4>");
    expect(editor).toContain("Bearbeiten beenden");
    // A refused form shows what was typed (without JavaScript the page comes back from the server).
    const valueOf = (page: string, id: string) => page.match(new RegExp(`<input[^>]*id="${id}"[^>]*>`))?.[0].match(/ value="([^"]*)"/)?.[1] ?? null;
    const refusedEdit = await post(finas.chair, "finas", meetingId, { intent: "agenda_update", itemId: String(items[1].id), title: "Haushalt neu gedacht", presenter: "Mara Mitglied", durationMinutes: "abc" });
    expect(refusedEdit.status).toBe(400);
    const refusedEditor = (await renderRoute(meetingPage.default, path, editing.data, refusedEdit.data)).replace(/\u00AD/g, "");
    expect([`item-${items[1].id}-title`, `item-${items[1].id}-presenter`, `item-${items[1].id}-minutes`].map((id) => valueOf(refusedEditor, id))).toEqual(["Haushalt neu gedacht", "Mara Mitglied", "abc"]);
    const refusedAdd = await post(finas.chair, "finas", meetingId, { intent: "agenda_add", title: "", presenter: "Paul Neu", durationMinutes: "700" });
    expect(refusedAdd.status).toBe(400);
    const refusedNew = await renderRoute(meetingPage.default, path, (await pageAs(finas.chair, "finas", meetingId)).data, refusedAdd.data);
    expect(["new-title", "new-presenter", "new-minutes"].map((id) => valueOf(refusedNew, id))).toEqual(["", "Paul Neu", "700"]);
    // Without a refused form, the editor shows the stored item and the new-item form is empty.
    expect(valueOf(editor, `item-${items[1].id}-title`)).not.toBe("Haushalt neu gedacht");
    expect(valueOf(chair, "new-presenter")).toBeNull();
    // Only chairs get an editor; an id that is no item of this agenda opens none.
    expect((await pageAs(finas.member, "finas", meetingId, `?bearbeiten=${items[1].id}`)).data.editor).toBeNull();
    expect((await pageAs(finas.chair, "finas", meetingId, "?bearbeiten=999999")).data.editor).toBeNull();
    const member = await html(finas.member);
    expect(member).toContain("Ihre Antwort: Absage.");
    expect(member).toContain('name="answer"');
    expect(member).not.toContain("Punkt hinzufügen");
    expect(member).toContain(`href="${path}/tagesordnung.pdf"`);
    const outsider = await html(finas.outsider);
    expect(outsider).not.toContain('name="answer"');
    expect(outsider).not.toContain("keine Antwort");
    expect(outsider.replace(/<wbr\/>/g, "")).toContain("Haushaltsentwurf.pdf");
    const form = await call(newMeeting.loader, makeRequest("/facharbeitskreise/finas/sitzungen/neu", { cookie: finas.chair.cookie }), { gruppe: "finas" });
    const formHtml = await renderRoute(newMeeting.default, "/facharbeitskreise/finas/sitzungen/neu", form.data);
    expect(formHtml).toContain('name="items[2].title"');
    expect(formHtml).toContain("Sitzung planen und einladen");
    const edit = await call(editPage.loader, makeRequest(`${path}/bearbeiten`, { cookie: finas.chair.cookie }), { gruppe: "finas", id: String(meetingId) });
    const editHtml = await renderRoute(editPage.default, `${path}/bearbeiten`, edit.data);
    expect(editHtml).toContain("Sitzung absagen");
    expect(editHtml).not.toContain('name="items[0].title"');
  });

  it("a chair sends the agenda to every member: times, presenters, documents and the link; agenda_sent_at is set", async () => {
    expect((await post(finas.chair, "finas", meetingId, { intent: "send_agenda" })).status).toBe(302);
    const mails = (await queuedMessages()).filter((m) => m.template === "groups-meeting-agenda");
    expect(mails.map((m) => m.to).sort()).toEqual([finas.chair.email, finas.member.email, finas.second.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe(`Tagesordnung: Jahresplanung Haushalt 2028 (Facharbeitskreis Finanzwesen, ${germanDate(day)}, 10:00–12:00 Uhr)`);
      expect(mail.text).toContain("TOP 1, 10:00 Uhr: Offene Aufgaben");
      expect(mail.text).toContain("TOP 2, 10:15 Uhr: Haushaltssatzung 2028");
      expect(mail.text).toContain("Vortrag: Vera Vorsitz");
      expect(mail.text).toContain("TOP 3, 11:45 Uhr: Neuerungen im Release 5.2");
      expect(mail.text).toContain("Unterlagen: Haushaltsentwurf.pdf");
      expect(mail.text).toContain(`/facharbeitskreise/finas/sitzungen/${meetingId}`);
    }
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(meeting.agendaSentAt).not.toBeNull();
  });

  it("prints the agenda as a PDF: title, date, place, items with times and presenters (read back with pdftotext)", async () => {
    const path = `${base("finas", meetingId)}/tagesordnung.pdf`;
    const res = await agendaPdfRoute.loader({ request: makeRequest(path, { cookie: finas.outsider.cookie }), params: { gruppe: "finas", id: String(meetingId) }, context: { clientIp: "127.0.0.1", correlationId: "t" } } as never);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Tagesordnung: Jahresplanung Haushalt 2028");
    expect(text).toContain(`${germanDate(day)}, 10:00–12:00 Uhr`);
    expect(text).toContain("Sitzungsraum Aller, KAI-Zentrum Mitte");
    expect(text).toMatch(/10:15 Uhr\s+Haushaltssatzung 2028\s+Vera Vorsitz/);
    expect(text).toMatch(/11:45 Uhr\s+Neuerungen im Release 5.2\s+Mara Mitglied/);
    expect(text).toContain("Unterlagen: Haushaltsentwurf.pdf");
    expect(text).toContain("Keine offenen Aufgaben.");
    await expect(agendaPdfRoute.loader({ request: makeRequest(`/facharbeitskreise/ewos/sitzungen/${meetingId}/tagesordnung.pdf`, { cookie: finas.chair.cookie }), params: { gruppe: "ewos", id: String(meetingId) }, context: {} } as never)).rejects.toMatchObject({ status: 404 });
  });
});

describe("the automatic items (item 4): approval of the last minutes and the open action items", () => {
  it("with released, unapproved minutes of the latest earlier meeting: both items; open and carried-over action items of released minutes are listed", async () => {
    const past = await createMeetingFixture(db, { group: "EWOS", title: "Frühjahrssitzung", date: berlinDay(-30), minutesStatus: "freigegeben" });
    const draft = await createMeetingFixture(db, { group: "EWOS", title: "Sondersitzung", date: berlinDay(-60), minutesStatus: "entwurf" });
    const spec = { group: "EWOS" as const, meetingId: past.meeting.id, agendaItemId: past.items[0].id, ownerId: ewos.member.id };
    await createActionItemFixture(db, { ...spec, title: "Schnittstelle zum Meldeportal prüfen", dueOn: berlinDay(10) });
    await createActionItemFixture(db, { ...spec, title: "Testfälle Umzug sammeln", dueOn: berlinDay(20), status: "vertagt" });
    await createActionItemFixture(db, { ...spec, title: "Erledigte Sache", dueOn: berlinDay(5), status: "erledigt" });
    await createActionItemFixture(db, { group: "EWOS", meetingId: draft.meeting.id, agendaItemId: draft.items[0].id, ownerId: ewos.member.id, title: "Aus dem Entwurf", dueOn: berlinDay(5) });
    const res = await schedule("ewos", ewos.chair, scheduleForm({ title: "Herbstsitzung", locationKind: "online", roomId: "", onlineUrl: "https://video.kai.example/ewos", "items[0].title": "", "items[0].presenter": "", "items[0].durationMinutes": "" }));
    expect(res.status).toBe(302);
    const [meeting] = await db.select().from(meetings).where(and(eq(meetings.groupId, "EWOS"), eq(meetings.title, "Herbstsitzung")));
    expect((await itemsOf(meeting.id)).map((i) => [i.position, i.kind, i.title])).toEqual([
      [1, "protokoll_genehmigung", "Genehmigung des Protokolls der letzten Sitzung"],
      [2, "offene_aufgaben", "Offene Aufgaben"],
    ]);
    const page = await pageAs(ewos.outsider, "ewos", meeting.id);
    expect(page.data.meeting.place).toBe("Online: https://video.kai.example/ewos");
    expect(page.data.agenda.previous).toEqual({ title: "Frühjahrssitzung", date: germanDate(berlinDay(-30)), path: `/facharbeitskreise/ewos/sitzungen/${past.meeting.id}/protokoll` });
    expect(page.data.agenda.openTasks.map((t: { line: string }) => t.line.replace(/\u00AD/g, ""))).toEqual([
      `Schnittstelle zum Meldeportal prüfen – ${ewos.member.name}, fällig am ${germanDate(berlinDay(10))}`,
      `Testfälle Umzug sammeln – ${ewos.member.name}, fällig am ${germanDate(berlinDay(20))} (vertagt)`,
    ]);
    const pdf = await agendaPdfRoute.loader({ request: makeRequest(`/x`, { cookie: ewos.member.cookie }), params: { gruppe: "ewos", id: String(meeting.id) }, context: {} } as never);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain("Schnittstelle zum Meldeportal prüfen");
    expect(text).toMatch(new RegExp(`Protokoll der Sitzung „Frühjahrssitzung“ vom\\s+${germanDate(berlinDay(-30)).replace(/\./g, "\\.")}`));
  });

  it("without: minutes already approved (or none) give only „Offene Aufgaben“", async () => {
    await db.update(meetings).set({ minutesApprovedOn: berlinDay(-1) }).where(eq(meetings.title, "Frühjahrssitzung"));
    await db.delete(meetings).where(eq(meetings.title, "Herbstsitzung"));
    const res = await schedule("ewos", ewos.chair, scheduleForm({ title: "Wintersitzung", locationKind: "zentral", roomId: String(roomNord), "items[0].title": "", "items[0].presenter": "", "items[0].durationMinutes": "" }));
    expect(res.status).toBe(302);
    const [meeting] = await db.select().from(meetings).where(eq(meetings.title, "Wintersitzung"));
    expect((await itemsOf(meeting.id)).map((i) => i.kind)).toEqual(["offene_aufgaben"]);
    expect((await pageAs(ewos.chair, "ewos", meeting.id)).data.meeting.place).toBe("KAI-Gruppe, Raum Este, Am Fleth 12, 21614 Buxtehude");
  });
});

describe("changes and cancellation (item 2, F29 and F31)", () => {
  const edit = (person: Person, form: Record<string, string>, slug = "finas") =>
    call(editPage.action, makeRequest(`${base(slug, meetingId)}/bearbeiten`, { form, cookie: person.cookie }), { gruppe: slug, id: String(meetingId) });

  it("only chairs open the edit page; others get 404", async () => {
    for (const p of [finas.member, finas.outsider, ewos.chair]) {
      expect((await call(editPage.loader, makeRequest(`${base("finas", meetingId)}/bearbeiten`, { cookie: p.cookie }), { gruppe: "finas", id: String(meetingId) })).status).toBe(404);
      expect((await edit(p, { intent: "cancel", reason: "Kein Grund nötig" })).status).toBe(404);
    }
    expect((await edit(finas.chair, { intent: "save", ...scheduleForm() }, "ewos")).status).toBe(404);
    const page = await call(editPage.loader, makeRequest(`${base("finas", meetingId)}/bearbeiten`, { cookie: finas.chair.cookie }), { gruppe: "finas", id: String(meetingId) });
    expect(page.data.values).toMatchObject({ title: "Jahresplanung Haushalt 2028", date: day, time: "10:00", durationMinutes: "120", locationKind: "zentrum", roomId: String(roomMitte) });
  });

  it("a new time goes to everyone invited with the same UID and a higher SEQUENCE; the room moves with it; going online frees it", async () => {
    const first = await queuedInvites();
    const uid = first[0].uid;
    expect((await edit(finas.chair, { intent: "save", ...scheduleForm({ time: "13:00" }) })).status).toBe(302);
    const updates = (await queuedInvites()).filter((i) => i.sequence === 1 && i.uid === uid);
    expect(updates.map((i) => i.to).sort()).toEqual([finas.chair.email, finas.member.email, finas.second.email].sort());
    for (const u of updates) {
      expect(u.method).toBe("REQUEST");
      expect(u.startLocal).toBe(`${day}T13:00:00`);
    }
    const [booking] = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, meetingId));
    expect(booking.startsAt.toISOString()).toBe((await db.select().from(meetings).where(eq(meetings.id, meetingId)))[0].startsAt.toISOString());
    expect((await edit(finas.chair, { intent: "save", ...scheduleForm({ time: "13:00", locationKind: "online", roomId: "", onlineUrl: "https://video.kai.example/finas" }) })).status).toBe(302);
    expect(await db.select().from(roomBookings).where(eq(roomBookings.meetingId, meetingId))).toHaveLength(0);
    const online = (await queuedInvites()).filter((i) => i.sequence === 2);
    expect(online).toHaveLength(3);
    expect(online[0].location).toBe("https://video.kai.example/finas");
  });

  it("cancelling needs a reason; then CANCEL with STATUS:CANCELLED to all, an email with the reason to every member; no more changes or answers", async () => {
    const empty = await edit(finas.chair, { intent: "cancel", reason: "" });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual(["Bitte den Grund der Absage angeben."]);
    expect((await edit(finas.chair, { intent: "cancel", reason: "Die Vorsitzende ist erkrankt; ein neuer Termin folgt." })).status).toBe(302);
    const cancels = (await queuedInvites()).filter((i) => i.method === "CANCEL");
    expect(cancels.map((i) => i.to).sort()).toEqual([finas.chair.email, finas.member.email, finas.second.email].sort());
    for (const c of cancels) {
      expect(c.mimeMethod).toBe("CANCEL");
      expect(c.status).toBe("CANCELLED");
      expect(c.sequence).toBe(3);
    }
    const mails = (await queuedMessages()).filter((m) => m.template === "groups-meeting-cancelled");
    expect(mails.map((m) => m.to).sort()).toEqual([finas.chair.email, finas.member.email, finas.second.email].sort());
    for (const m of mails) {
      expect(m.subject).toBe("Abgesagt: Sitzung „Jahresplanung Haushalt 2028“ (Facharbeitskreis Finanzwesen)");
      expect(m.text).toContain("Die Vorsitzende ist erkrankt; ein neuer Termin folgt.");
    }
    const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(meeting).toMatchObject({ status: "abgesagt", cancelReason: "Die Vorsitzende ist erkrankt; ein neuer Termin folgt." });
    const again = await edit(finas.chair, { intent: "save", ...scheduleForm() });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.data)).toContain("Eine abgesagte Sitzung kann nicht mehr geändert werden.");
    expect((await post(finas.member, "finas", meetingId, { intent: "rsvp", answer: "zusage" })).status).toBe(409);
    expect((await post(finas.chair, "finas", meetingId, { intent: "agenda_add", title: "Nachtrag" })).status).toBe(409);
    const outbox = await db.select().from(outboxEmails);
    expect(outbox.every((r) => r.toAddress !== finas.outsider.email)).toBe(true);
  });
});

describe("a meeting that has begun (item 2)", () => {
  it("cannot be cancelled: 409 with a German message, no CANCEL, no email, and its edit page offers no cancellation", async () => {
    const { meeting } = await createMeetingFixture(db, { group: "FINAS", title: "Vergangene FINAS-Sitzung", date: berlinDay(-2), minutesStatus: "freigegeben" });
    const url = `${base("finas", meeting.id)}/bearbeiten`;
    const before = await db.select().from(outboxEmails);
    const res = await call(editPage.action, makeRequest(url, { form: { intent: "cancel", reason: "Versehentlich geplant." }, cookie: finas.chair.cookie }), { gruppe: "finas", id: String(meeting.id) });
    expect(res.status).toBe(409);
    expect(res.data.errors).toEqual(["Die Sitzung hat bereits begonnen und lässt sich nicht mehr absagen."]);
    expect((await db.select().from(meetings).where(eq(meetings.id, meeting.id)))[0]).toMatchObject({ status: "geplant", cancelReason: null, minutesStatus: "freigegeben" });
    expect(await db.select().from(outboxEmails)).toHaveLength(before.length);
    const page = await call(editPage.loader, makeRequest(url, { cookie: finas.chair.cookie }), { gruppe: "finas", id: String(meeting.id) });
    const html = await renderRoute(editPage.default, url, page.data);
    expect(html).toContain("Die Sitzung hat bereits begonnen und lässt sich nicht mehr absagen.");
    expect(html).not.toContain("Sitzung absagen");
  });
});

describe("the meeting page's reads (issue 9 item 10: the bench has 50 agenda items and 200 action items)", () => {
  it("takes the same small number of statements whatever the agenda's and the history's size", async () => {
    const chair = await createGroupPeople(db, "PERSOS");
    const viewer = { id: chair.chair.id, roles: [{ role: "wg_chair" as const, centreId: null, workingGroup: "PERSOS" as const, municipalityId: null }] };
    const past = await createMeetingFixture(db, { group: "PERSOS", date: berlinDay(-20), minutesStatus: "freigegeben" });
    const items = (n: number) => [
      { title: "Genehmigung des Protokolls der letzten Sitzung", kind: "protokoll_genehmigung" as const },
      { title: "Offene Aufgaben", kind: "offene_aufgaben" as const },
      ...Array.from({ length: n - 2 }, (_, i) => ({ title: `Punkt ${i + 1}`, durationMinutes: 5 })),
    ];
    const small = await createMeetingFixture(db, { group: "PERSOS", date: berlinDay(10), items: items(5) });
    const large = await createMeetingFixture(db, { group: "PERSOS", date: berlinDay(11), items: items(50) });
    const count = async (id: number) => (await recorder.record(() => getMeetingPage(viewer, "PERSOS", id))).statements.length;
    const before = await count(small.meeting.id);
    await db.insert(actionItems).values(
      Array.from({ length: 200 }, (_, i) => ({ groupId: "PERSOS" as const, meetingId: past.meeting.id, agendaItemId: past.items[0].id, ownerId: chair.member.id, title: `Aufgabe ${i + 1}`, dueOn: berlinDay(5 + (i % 30)), status: i % 3 ? ("offen" as const) : ("erledigt" as const) })),
    );
    const { result, statements } = await recorder.record(() => getMeetingPage(viewer, "PERSOS", large.meeting.id));
    expect(statements.length).toBe(before);
    // One statement for the meeting, its agenda, the open tasks, the previous minutes and the answers.
    expect(statements.length).toBe(1);
    expect(result.agenda.items).toHaveLength(50);
    expect(result.agenda.openTasks).toHaveLength(133);
    // The agenda's open tasks are the ones the minutes list (openActionItemsOf), in the same order.
    const forMinutes = await openActionItemsOf("PERSOS", { before: large.meeting });
    expect(result.agenda.openTasks.map((t) => t.id)).toEqual(forMinutes.map((t) => t.id));
    expect(result.agenda.previous?.path).toBe(`/facharbeitskreise/persos/sitzungen/${past.meeting.id}/protokoll`);
  });
});

describe("for the membership and group-page slices", () => {
  it("a new member is invited to the upcoming meetings (REQUEST to them only, same UID); a leaving one gets a CANCEL to them only (F31)", async () => {
    const res = await schedule("finas", finas.chair, scheduleForm({ title: "Sitzung für Neue", date: berlinDay(90), locationKind: "zentral", roomId: "" }));
    expect(res.status).toBe(302);
    const newcomer = await createUser(db, { email: "neu.finas@kai.example", name: "Nele Neu", municipality: "Jemgum" });
    const before = (await queuedInvites()).length;
    const sent = await db.transaction((tx) => inviteToUpcomingMeetings({ groupId: "FINAS", person: newcomer, actorId: finas.chair.id }, tx));
    expect(sent).toBeGreaterThanOrEqual(1);
    const mine = (await queuedInvites()).slice(before);
    expect(mine.every((i) => i.to === newcomer.email && i.method === "REQUEST" && i.attendees.length === 1)).toBe(true);
    const original = (await queuedInvites()).find((i) => i.to === finas.member.email && i.subject.includes("Sitzung für Neue"))!;
    expect(mine.some((i) => i.uid === original.uid)).toBe(true);
    const removed = await db.transaction((tx) => removeFromUpcomingMeetings({ groupId: "FINAS", person: newcomer, actorId: finas.chair.id }, tx));
    expect(removed).toBe(sent);
    const cancels = (await queuedInvites()).filter((i) => i.method === "CANCEL" && i.to === newcomer.email);
    expect(cancels).toHaveLength(sent);
  });
});
