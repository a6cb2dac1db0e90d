import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { userRoles, type WorkingGroup } from "#db/schema/auth";
import { groupJoinRequests, meetings, workingGroups } from "#db/schema/groups";
import { db } from "~/db.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { addRole, removeRole } from "~/modules/auth/people.server";
import { roleGrantSchema } from "~/modules/auth/validation";
import { createCalendarEvent } from "~/modules/calendar/events.server";
import { appointChair } from "~/modules/groups/membership.server";
import { CHAIR_CANNOT_LEAVE_MESSAGE } from "~/modules/groups/membership-validation";
import { getGroupPage, PAST_MEETINGS_SHOWN } from "~/modules/groups/queries.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { loadStartPanels } from "~/modules/start/panels.server";
import * as descriptionRoute from "~/routes/facharbeitskreise.$gruppe.beschreibung";
import * as groupRoute from "~/routes/facharbeitskreise.$gruppe._index";
import * as overviewRoute from "~/routes/facharbeitskreise._index";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { createGroupPeople, createMeetingFixture } from "../group-fixtures";
import { call, makeRequest, sessionCookieFor } from "../http";
import { queuedInvites, queuedMessages } from "../invites";
import { renderRoute } from "../render";
import { parseMail, useSmtpSink } from "../smtp-sink";
import { statementRecorder } from "../statements";
import { berlinDay } from "../dates";

// Issue 9, item 1: the three groups, their members, join requests, chairs and the group page.
// Denials are 404 (ACCEPTANCE C14) and change nothing; every email is read from the outbox or the
// SMTP sink (E23); calendar messages come from the one engine (F29, F31).
const recorder = statementRecorder();
useTestDatabase({ logger: recorder.logger });
const smtp = useSmtpSink();

type Person = { id: string; email: string; name: string; cookie: string };
const p: Record<string, Person> = {};

async function person(key: string, spec: Parameters<typeof createUser>[1]) {
  const user = await createUser(db, spec);
  p[key] = { id: user.id, email: user.email, name: user.name, cookie: await sessionCookieFor(user.id) };
  return p[key];
}

async function register(key: string, user: { id: string; email: string; name: string }) {
  p[key] = { id: user.id, email: user.email, name: user.name, cookie: await sessionCookieFor(user.id) };
}

async function actor(key: string) {
  return (await getCurrentUser(makeRequest("/", { cookie: p[key].cookie }), undefined))!;
}

const slugOf = (g: WorkingGroup) => g.toLowerCase();

function page(who: string, group: WorkingGroup = "FINAS", query = "") {
  return call(groupRoute.loader, makeRequest(`/facharbeitskreise/${slugOf(group)}${query}`, { cookie: p[who].cookie }), { gruppe: slugOf(group) });
}

/** The group page as `who` sees it without JavaScript, soft hyphens taken out. */
async function rendered(who: string, query = "", group: WorkingGroup = "FINAS") {
  const res = await page(who, group, query);
  expect(res.status).toBe(200);
  return (await renderRoute(groupRoute.default, `/facharbeitskreise/${slugOf(group)}${query}`, res.data)).replace(/\u00AD/g, "");
}

function post(who: string, form: Record<string, string>, group: WorkingGroup = "FINAS") {
  return call(groupRoute.action, makeRequest(`/facharbeitskreise/${slugOf(group)}`, { cookie: p[who].cookie, form }), { gruppe: slugOf(group) });
}

async function grantsOf(userId: string, group: WorkingGroup) {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.workingGroup, group)));
  return rows.map((r) => r.role).sort();
}

async function openRequestOf(userId: string, group: WorkingGroup) {
  const [row] = await db
    .select()
    .from(groupJoinRequests)
    .where(and(eq(groupJoinRequests.userId, userId), eq(groupJoinRequests.groupId, group), eq(groupJoinRequests.status, "offen")));
  return row;
}

async function auditOf(action: string) {
  return db.select().from(auditEvents).where(eq(auditEvents.action, action));
}

/** A meeting with its calendar event (nobody invited yet: the tests watch only the invites membership sends). */
async function meetingWithEvent(group: WorkingGroup, days: number, title: string, status: "geplant" | "abgesagt" = "geplant") {
  const { meeting } = await createMeetingFixture(db, { group, date: berlinDay(days), title });
  const event = await db.transaction((tx) =>
    createCalendarEvent({ event: { kind: "meeting", title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, location: "KAI-Gruppe, Buxtehude" }, attendees: [] }, tx),
  );
  await db.update(meetings).set({ eventId: event.id, status }).where(eq(meetings.id, meeting.id));
  return { ...meeting, eventId: event.id };
}

let upcoming: Awaited<ReturnType<typeof meetingWithEvent>>;

beforeAll(async () => {
  const finas = await createGroupPeople(db, "FINAS");
  await register("chair", finas.chair);
  await register("member", finas.member);
  await register("second", finas.second);
  await register("outsider", finas.outsider);
  await person("chair2", { email: "vorsitz2.finas@kai.example", name: "Volker Vorsitz FINAS", municipality: "Jemgum", roles: [{ role: "wg_chair", group: "FINAS" }, { role: "wg_member", group: "FINAS" }] });
  const ewos = await createGroupPeople(db, "EWOS");
  await register("ewosChair", ewos.chair);
  await person("admin", { email: "admin.fak@kai.example", name: "Anna Admin", roles: [{ role: "admin" }] });
  await person("adminWithTown", { email: "admin2.fak@kai.example", name: "Arne Admin", municipality: "Wedel", roles: [{ role: "admin" }] });
  await person("noTown", { email: "ohne.kommune.fak@kai.example", name: "Kai Kommunenlos" });
  await person("applicant", { email: "bewerbung.fak@kai.example", name: "Berta Bewerberin", municipality: "Telgte" });
  await person("declined", { email: "abgelehnt.fak@kai.example", name: "Detlef Dankeschön", municipality: "Zeven" });
  await person("candidate", { email: "kandidat.fak@kai.example", name: "Karla Kandidat", municipality: "Weyhe" });
  await person("candidate2", { email: "kandidat2.fak@kai.example", name: "Konrad Kandidat", municipality: "Nieheim" });
  upcoming = await meetingWithEvent("FINAS", 30, "FINAS-Sitzung im Frühjahr");
  await meetingWithEvent("FINAS", 60, "Abgesagte FINAS-Sitzung", "abgesagt");
  await meetingWithEvent("FINAS", -30, "Vergangene FINAS-Sitzung");
});

describe("the overview and the group page (item 1)", () => {
  it("is for signed-in people only: anonymous visitors are sent to sign in and come back", async () => {
    const res = await call(overviewRoute.loader, makeRequest("/facharbeitskreise"));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/anmelden?redirectTo=%2Ffacharbeitskreise");
    const group = await call(groupRoute.loader, makeRequest("/facharbeitskreise/finas"), { gruppe: "finas" });
    expect(group.location).toBe("/anmelden?redirectTo=%2Ffacharbeitskreise%2Ffinas");
  });

  it("lists the three groups with members, municipalities, the next meeting and my standing", async () => {
    const res = await call(overviewRoute.loader, makeRequest("/facharbeitskreise", { cookie: p.member.cookie }));
    expect(res.status).toBe(200);
    const { groups, totalMunicipalities } = res.data;
    expect(totalMunicipalities).toBe(37);
    expect(groups.map((g: { id: string }) => g.id)).toEqual(["EWOS", "FINAS", "PERSOS"]);
    const finas = groups[1];
    expect(finas).toMatchObject({ name: "Finanzwesen", link: "/facharbeitskreise/finas", members: 4, municipalities: 4, member: true, chair: false, openRequestSince: null });
    // The cancelled and the past meeting are not "next".
    expect(finas.next.title).toBe("FINAS-Sitzung im Frühjahr");
    expect(groups[2]).toMatchObject({ members: 0, municipalities: 0, member: false, next: null });
  });

  it("shows members by centre and municipality, '4 von 37' and the list of all 37 municipalities", async () => {
    const res = await page("outsider");
    expect(res.status).toBe(200);
    const d = res.data;
    expect(d.group).toMatchObject({ id: "FINAS", name: "Finanzwesen", description: null });
    expect(d.group.descriptionHtml).toContain("Kämmerei");
    expect(d.participatingCount).toBe(4);
    expect(d.totalMunicipalities).toBe(37);
    expect(d.memberCount).toBe(4);
    expect(d.centres.map((c: { name: string }) => c.name)).toEqual(["Nord", "Mitte", "West", "Süd"]);
    expect(d.centres.flatMap((c: { municipalities: unknown[] }) => c.municipalities)).toHaveLength(37);
    const taking = d.centres.map((c: { name: string; municipalities: { name: string; members: string }[] }) => [c.name, c.municipalities.filter((m) => m.members).map((m) => [m.name, m.members])]);
    expect(taking).toEqual([
      ["Nord", [["Buxtehude", "Vera Vorsitz FINAS (Vorsitz)"]]],
      ["Mitte", [["Verden (Aller)", "Moritz Mitglied FINAS"]]],
      ["West", [["Jemgum", "Volker Vorsitz FINAS (Vorsitz)"], ["Rheine", "Mara Mitglied FINAS"]]],
      ["Süd", []],
    ]);
    expect(d.chairs.map((c: { name: string; municipality: string }) => `${c.name}, ${c.municipality}`).sort()).toEqual(["Vera Vorsitz FINAS, Buxtehude", "Volker Vorsitz FINAS, Jemgum"]);
    expect(d.meetings.upcoming.map((m: { title: string; status: string; link: string }) => [m.title, m.status])).toEqual([
      ["FINAS-Sitzung im Frühjahr", "geplant"],
      ["Abgesagte FINAS-Sitzung", "abgesagt"],
    ]);
    expect(d.meetings.upcoming[0].link).toBe(`/facharbeitskreise/finas/sitzungen/${upcoming.id}`);
    expect(d.meetings.past.map((m: { title: string }) => m.title)).toEqual(["Vergangene FINAS-Sitzung"]);
    expect(d.links).toEqual({ newMeeting: "/facharbeitskreise/finas/sitzungen/neu", decisions: "/facharbeitskreise/finas/beschluesse" });
    // Neither the chairs' requests nor the admins' people list reach others (C15).
    expect(d.viewer).toMatchObject({ chair: false, member: false, admin: false, mayAskToJoin: true, hasMunicipality: true });
    expect(d.openRequests).toEqual([]);
    expect(d.chairCandidates).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/@kai\.example/);
  });

  it("answers 404 for a group that does not exist", async () => {
    const res = await call(groupRoute.loader, makeRequest("/facharbeitskreise/xyz", { cookie: p.member.cookie }), { gruppe: "xyz" });
    expect(res.status).toBe(404);
  });

  it("needs a fixed number of statements, however many meetings the group has", async () => {
    const user = await actor("chair");
    const before = await recorder.record(() => getGroupPage(user, "FINAS"));
    for (let i = 0; i < 30; i++) await createMeetingFixture(db, { group: "FINAS", date: berlinDay(-100 - i), title: `Alte Sitzung ${i}`, minutesStatus: "freigegeben" });
    const after = await recorder.record(() => getGroupPage(user, "FINAS"));
    expect(after.statements.length).toBe(before.statements.length);
    // One statement: the group with its members, municipalities, meetings and requests.
    expect(after.statements.length).toBe(1);
    expect(after.result.meetings.past).toHaveLength(PAST_MEETINGS_SHOWN);
    // The latest first, and nothing of another group.
    const starts = after.result.meetings.past.map((m) => m.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(after.result.meetings.morePast).toBe(true);
  });
});

describe("asking to join (item 1)", () => {
  it("a person of a member municipality asks; every chair gets an email with the message", async () => {
    const res = await post("outsider", { intent: "join", message: "Ich bin in der Stadtkasse Höxter für die Vollstreckung zuständig." });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(res.location).toBe("/facharbeitskreise/finas?erledigt=angefragt#status");
    const row = await openRequestOf(p.outsider.id, "FINAS");
    expect(row).toMatchObject({ message: "Ich bin in der Stadtkasse Höxter für die Vollstreckung zuständig.", status: "offen" });

    const queued = await queuedMessages();
    expect(queued.map((m) => m.to).sort()).toEqual([p.chair.email, p.chair2.email].sort());
    expect(queued.every((m) => m.template === "group-join-requested")).toBe(true);
    // Delivered through SMTP as a mail server would get it.
    await dispatchDueEmails({ batchSize: 50 });
    const mails = await Promise.all(smtp().received.map((m) => parseMail(m.raw)));
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toBe("Beitrittsanfrage von Olaf Außenstehend FINAS: Facharbeitskreis Finanzwesen");
    expect(mails[0].text).toContain("Olaf Außenstehend FINAS (Höxter) möchte im Facharbeitskreis Finanzwesen mitarbeiten.");
    expect(mails[0].text).toContain("Stadtkasse Höxter");
    expect(mails[0].text).toContain("/facharbeitskreise/finas");

    const [audit] = await auditOf("groups.join_requested");
    expect(audit).toMatchObject({ actorId: p.outsider.id, entityType: "working_group", entityId: "FINAS" });

    // The page shows the open request; the overview too.
    const mine = await page("outsider");
    expect(mine.data.myRequest).toMatchObject({ status: "offen", reason: null });
    expect(mine.data.viewer.mayAskToJoin).toBe(false);
  });

  it("refuses a second open request of the same person, with a German message, and sends nothing", async () => {
    const res = await post("outsider", { intent: "join", message: "Noch einmal" });
    expect(res.status).toBe(409);
    expect(res.data.errors).toEqual(["Sie haben bereits um Aufnahme in diesen Facharbeitskreis gebeten. Der Vorsitz entscheidet über Ihre Anfrage."]);
    expect(await db.$count(groupJoinRequests, and(eq(groupJoinRequests.userId, p.outsider.id), eq(groupJoinRequests.groupId, "FINAS")))).toBe(1);
    expect(await queuedMessages()).toEqual([]);
  });

  it("refuses people without a municipality and those who are members already", async () => {
    const res = await post("noTown", { intent: "join", message: "" });
    expect(res.status).toBe(403);
    expect(res.data.errors).toEqual(["Um Aufnahme bitten können Beschäftigte der Mitgliedskommunen. Ihrem Konto ist keine Kommune zugeordnet."]);
    const view = await page("noTown");
    expect(view.data.viewer).toMatchObject({ mayAskToJoin: false, hasMunicipality: false });
    const member = await post("member", { intent: "join" });
    expect(member.status).toBe(409);
    expect(member.data.errors).toEqual(["Sie sind bereits Mitglied dieses Facharbeitskreises."]);
    expect(await db.$count(groupJoinRequests)).toBe(1);
    expect(await queuedMessages()).toEqual([]);
  });
});

describe("deciding on a request (item 1)", () => {
  it("only the group's chairs decide: a member, another group's chair and an admin get 404 and nothing changes", async () => {
    const request = await openRequestOf(p.outsider.id, "FINAS");
    for (const who of ["member", "ewosChair", "admin"]) {
      const accept = await post(who, { intent: "accept", requestId: String(request.id) });
      expect(accept.status, who).toBe(404);
      const decline = await post(who, { intent: "decline", requestId: String(request.id), reason: "" });
      expect(decline.status, who).toBe(404);
    }
    expect((await openRequestOf(p.outsider.id, "FINAS"))?.id).toBe(request.id);
    expect(await grantsOf(p.outsider.id, "FINAS")).toEqual([]);
    // Nor do they see the open requests.
    expect((await page("member")).data.openRequests).toEqual([]);
    expect(await queuedMessages()).toEqual([]);
  });

  it("a chair sees the open request and accepts: member grant, invites to the planned meeting only, an email", async () => {
    const view = await page("chair");
    expect(view.data.openRequests.map((r: { name: string; municipality: string; message: string }) => [r.name, r.municipality, r.message])).toEqual([
      ["Olaf Außenstehend FINAS", "Höxter", "Ich bin in der Stadtkasse Höxter für die Vollstreckung zuständig."],
    ]);
    const request = await openRequestOf(p.outsider.id, "FINAS");
    const res = await post("chair", { intent: "accept", requestId: String(request.id) });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(res.location).toBe("/facharbeitskreise/finas?erledigt=angenommen#status");
    expect(await grantsOf(p.outsider.id, "FINAS")).toEqual(["wg_member"]);
    const [decided] = await db.select().from(groupJoinRequests).where(eq(groupJoinRequests.id, request.id));
    expect(decided).toMatchObject({ status: "angenommen", decidedById: p.chair.id });

    const invites = await queuedInvites();
    // The cancelled and the past meeting send nothing (F29: REQUEST to the new attendee only).
    expect(invites.map((i) => [i.to, i.method, i.mimeMethod, i.uid, i.attendees])).toEqual([[p.outsider.email, "REQUEST", "REQUEST", expect.any(String), [`mailto:${p.outsider.email}`]]]);
    expect(invites[0].subject).toMatch(/^Einladung: FINAS-Sitzung im Frühjahr/);
    const messages = await queuedMessages();
    expect(messages.map((m) => [m.to, m.template, m.subject])).toEqual([[p.outsider.email, "group-join-accepted", "Aufgenommen: Facharbeitskreis Finanzwesen"]]);
    expect(messages[0].text).toContain("Sie sind jetzt Mitglied im Facharbeitskreis Finanzwesen.");

    // The group page now lists the member under Höxter, centre Süd: 5 von 37.
    const after = await page("outsider");
    expect(after.data.viewer).toMatchObject({ member: true, mayAskToJoin: false });
    expect(after.data.participatingCount).toBe(5);
    const sued = after.data.centres.find((c: { name: string }) => c.name === "Süd");
    expect(sued.municipalities.find((m: { name: string }) => m.name === "Höxter").members).toBe("Olaf Außenstehend FINAS");
    const [audit] = await auditOf("groups.join_accepted");
    expect(audit).toMatchObject({ actorId: p.chair.id, entityId: "FINAS", after: { requestId: request.id, member: p.outsider.email, meetingsInvited: 1 } });

    // Decided once: a second answer is refused.
    const again = await post("chair2", { intent: "decline", requestId: String(request.id), reason: "Doch nicht" });
    expect(again.status).toBe(409);
    expect(again.data.errors).toEqual(["Über diese Anfrage ist bereits entschieden."]);
  });

  it("declining needs a reason, which the person gets by email and sees on the page; then they may ask again", async () => {
    expect((await post("declined", { intent: "join", message: "" })).status).toBe(302);
    const request = await openRequestOf(p.declined.id, "FINAS");
    const empty = await post("chair", { intent: "decline", requestId: String(request.id), reason: "   " });
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toEqual(["Bitte begründen Sie die Ablehnung; die anfragende Person erhält die Begründung per E-Mail."]);
    expect(empty.data.requestId).toBe(request.id);
    expect((await openRequestOf(p.declined.id, "FINAS"))?.status).toBe("offen");

    const res = await post("chair2", { intent: "decline", requestId: String(request.id), reason: "Aus Zeven arbeitet bereits die Kämmerei im Facharbeitskreis mit." });
    expect(res.status).toBe(302);
    const messages = (await queuedMessages()).filter((m) => m.to === p.declined.email);
    expect(messages.map((m) => [m.template, m.subject])).toEqual([["group-join-declined", "Beitrittsanfrage abgelehnt: Facharbeitskreis Finanzwesen"]]);
    expect(messages[0].text).toContain("Aus Zeven arbeitet bereits die Kämmerei im Facharbeitskreis mit.");
    expect(await grantsOf(p.declined.id, "FINAS")).toEqual([]);
    const view = await page("declined");
    expect(view.data.myRequest).toMatchObject({ status: "abgelehnt", reason: "Aus Zeven arbeitet bereits die Kämmerei im Facharbeitskreis mit." });
    expect(view.data.viewer.mayAskToJoin).toBe(true);
    const [audit] = await auditOf("groups.join_declined");
    expect(audit).toMatchObject({ actorId: p.chair2.id, after: { reason: "Aus Zeven arbeitet bereits die Kämmerei im Facharbeitskreis mit." } });
  });
});

describe("chairs (item 1: admins appoint one or two)", () => {
  it("only admins appoint or dismiss: a chair gets 404 and nothing changes", async () => {
    const res = await post("chair", { intent: "appoint", userId: p.candidate.id });
    expect(res.status).toBe(404);
    const dismiss = await post("chair", { intent: "dismiss", userId: p.chair2.id });
    expect(dismiss.status).toBe(404);
    expect(await grantsOf(p.candidate.id, "FINAS")).toEqual([]);
    expect(await grantsOf(p.chair2.id, "FINAS")).toEqual(["wg_chair", "wg_member"]);
  });

  it("refuses a third chair with a German message", async () => {
    const res = await post("admin", { intent: "appoint", userId: p.candidate.id });
    expect(res.status).toBe(409);
    expect(res.data.errors).toEqual(["Ein Facharbeitskreis hat höchstens 2 Vorsitzende. Bitte berufen Sie zuerst einen Vorsitz ab."]);
    expect(await grantsOf(p.candidate.id, "FINAS")).toEqual([]);
  });

  it("the people admin cannot add a third chair either (the same seat check)", async () => {
    const admin = await actor("admin");
    await expect(addRole({ actor: admin, userId: p.candidate.id, grant: roleGrantSchema.parse({ role: "wg_chair", workingGroup: "FINAS" }) })).rejects.toMatchObject({
      status: 409,
      message: "Ein Facharbeitskreis hat höchstens 2 Vorsitzende. Bitte berufen Sie zuerst einen Vorsitz ab.",
    });
    expect(await grantsOf(p.candidate.id, "FINAS")).toEqual([]);
  });

  it("group roles given and taken in the people admin reach the calendar: the planned meeting's REQUEST, then its CANCEL (F29, F31)", async () => {
    const admin = await actor("admin");
    const person = await createUser(db, { email: "rollen.kalender@kai.example", name: "Rita Rollenwechsel", municipality: "Telgte" });
    const mine = async () => (await queuedInvites()).filter((i) => i.to === person.email).map((i) => [i.method, i.subject.replace(/ \(.*$/, "")]);
    await addRole({ actor: admin, userId: person.id, grant: roleGrantSchema.parse({ role: "wg_member", workingGroup: "FINAS" }) });
    expect(await mine()).toEqual([["REQUEST", expect.stringMatching(/^Einladung: FINAS-Sitzung im Frühjahr/)]]);
    const [grant] = await db.select().from(userRoles).where(and(eq(userRoles.userId, person.id), eq(userRoles.workingGroup, "FINAS")));
    await removeRole({ actor: admin, userId: person.id, roleId: grant.id });
    expect((await mine()).map(([method]) => method)).toEqual(["REQUEST", "CANCEL"]);
    expect(await grantsOf(person.id, "FINAS")).toEqual([]);
  });

  it("refuses a person without a municipality", async () => {
    const res = await post("admin", { intent: "appoint", userId: p.noTown.id }, "EWOS");
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual(["Kai Kommunenlos ist keiner Mitgliedskommune zugeordnet und kann den Vorsitz nicht übernehmen."]);
    expect(await grantsOf(p.noTown.id, "EWOS")).toEqual([]);
  });

  it("an admin appoints a second chair, who gets the member grant too and an email; dismissed, they stay a member", async () => {
    const view = await page("admin", "EWOS");
    const candidates = view.data.chairCandidates.map((c: { name: string }) => c.name);
    expect(candidates).toContain("Karla Kandidat");
    expect(candidates).not.toContain("Vera Vorsitz EWOS");
    expect(candidates).not.toContain("Kai Kommunenlos");

    const res = await post("admin", { intent: "appoint", userId: p.candidate.id }, "EWOS");
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(await grantsOf(p.candidate.id, "EWOS")).toEqual(["wg_chair", "wg_member"]);
    expect((await queuedMessages()).map((m) => [m.to, m.template, m.subject])).toEqual([[p.candidate.email, "group-chair-appointed", "Vorsitz im Facharbeitskreis Einwohnermeldewesen"]]);
    expect((await page("admin", "EWOS")).data.chairs.map((c: { name: string }) => c.name).sort()).toEqual(["Karla Kandidat", "Vera Vorsitz EWOS"]);
    // The group is full now.
    const third = await post("admin", { intent: "appoint", userId: p.candidate2.id }, "EWOS");
    expect(third.status).toBe(409);

    const dismiss = await post("admin", { intent: "dismiss", userId: p.candidate.id }, "EWOS");
    expect(dismiss.status).toBe(302);
    expect(await grantsOf(p.candidate.id, "EWOS")).toEqual(["wg_member"]);
    expect((await queuedMessages()).filter((m) => m.template === "group-chair-dismissed").map((m) => m.to)).toEqual([p.candidate.email]);
    expect(await auditOf("groups.chair_appointed")).toHaveLength(1);
    expect(await auditOf("groups.chair_dismissed")).toHaveLength(1);
  });

  it("the command itself refuses non-admins, whatever the route does", async () => {
    await expect(appointChair({ user: await actor("chair"), groupId: "PERSOS", userId: p.candidate2.id })).rejects.toMatchObject({ status: 404 });
    // An admin with a municipality may be appointed; the new chair is invited to nothing (no PERSOS meetings).
    await appointChair({ user: await actor("admin"), groupId: "PERSOS", userId: p.adminWithTown.id });
    expect(await grantsOf(p.adminWithTown.id, "PERSOS")).toEqual(["wg_chair", "wg_member"]);
  });
});

describe("leaving and removal (item 1)", () => {
  it("a member cannot remove someone else (404); a chair cannot remove another chair", async () => {
    const res = await post("member", { intent: "remove", userId: p.second.id });
    expect(res.status).toBe(404);
    const chair = await post("chair", { intent: "remove", userId: p.chair2.id });
    expect(chair.status).toBe(403);
    expect(chair.data.errors).toEqual(["Einen Vorsitz beruft die Administration ab."]);
    expect(await grantsOf(p.second.id, "FINAS")).toEqual(["wg_member"]);
    expect(await grantsOf(p.chair2.id, "FINAS")).toEqual(["wg_chair", "wg_member"]);
  });

  it("a chair cannot leave by themselves: 409 with the reason, nothing changes, and the page says so instead of a leave button", async () => {
    const before = await grantsOf(p.chair.id, "FINAS");
    expect(before).toContain("wg_chair");
    const res = await post("chair", { intent: "leave" });
    expect(res.status).toBe(409);
    expect(res.data.errors).toEqual([CHAIR_CANNOT_LEAVE_MESSAGE]);
    expect(await grantsOf(p.chair.id, "FINAS")).toEqual(before);
    expect(await queuedInvites()).toEqual([]);
    expect(await auditOf("groups.member_left")).toEqual([]);
    const text = await rendered("chair", "?austreten=1");
    expect(text).toContain(CHAIR_CANNOT_LEAVE_MESSAGE);
    expect(text).not.toContain("Aus dem Facharbeitskreis austreten");
  });

  it("leaving takes a second yes that says what happens: a dialog, or the step at ?austreten=1 without JavaScript", async () => {
    const plain = await page("member");
    const ahead = (plain.data as { plannedAhead: number }).plannedAhead;
    expect(ahead).toBeGreaterThan(0);
    const consequence = ahead === 1 ? "Der Kalendereintrag der geplanten Sitzung wird abgesagt" : `Die Kalendereinträge der ${ahead} geplanten Sitzungen werden abgesagt`;
    const page1 = await rendered("member");
    // The trigger is a link to the confirmation step; the POST sits only in the closed dialog.
    expect(page1).toContain('href="/facharbeitskreise/finas?austreten=1#mitarbeit-bereich"');
    expect(page1).toMatch(new RegExp(`<dialog[^>]*>[\\s\\S]*${consequence}[\\s\\S]*name="intent" value="leave"[\\s\\S]*</dialog>`));
    const step = await rendered("member", "?austreten=1");
    expect(step).toContain("Aus dem Facharbeitskreis austreten?");
    expect(step).toContain(consequence);
    expect(step).toMatch(/<form method="post" action="\/facharbeitskreise\/finas"[^>]*><input type="hidden" name="intent" value="leave"\/>[\s\S]*?Austreten[\s\S]*?href="\/facharbeitskreise\/finas#mitarbeit-bereich">Abbrechen</);
    // Looking changes nothing.
    expect(await grantsOf(p.member.id, "FINAS")).toEqual(["wg_member"]);
  });

  it("the leave text counts only the meetings still ahead: one already under way is neither cancelled nor counted", async () => {
    const ahead = async () => ((await page("member")).data as { plannedAhead: number }).plannedAhead;
    const before = await ahead();
    const now = Date.now();
    const [running] = await db
      .insert(meetings)
      .values({ groupId: "FINAS", title: "Sitzung, die gerade läuft", startsAt: new Date(now - 30 * 60_000), endsAt: new Date(now + 90 * 60_000), locationKind: "online", onlineUrl: "https://video.kai.example/fak" })
      .returning();
    try {
      expect(running.status).toBe("geplant");
      expect(await ahead()).toBe(before);
    } finally {
      await db.delete(meetings).where(eq(meetings.id, running.id));
    }
  });

  it("removing: the chair chooses a member, then confirms on a step that names the person; others learn nothing", async () => {
    const select = (await rendered("chair")).match(/<form method="get" action="\/facharbeitskreise\/finas#mitglied-entfernen-bereich"[\s\S]*?<\/form>/)?.[0] ?? "";
    expect(select).toMatch(/<select[^>]*name="entfernen"/);
    expect(select).toContain(`value="${p.member.id}"`);
    const chairView = await page("chair", "FINAS", `?entfernen=${p.member.id}`);
    expect(chairView.data).toMatchObject({ confirmRemoval: { id: p.member.id, name: p.member.name }, removalUnknown: false });
    const step = await rendered("chair", `?entfernen=${p.member.id}`);
    expect(step).toMatch(new RegExp(`${p.member.name} \\(.+?\\) aus dem Facharbeitskreis entfernen\\?`));
    expect(step).toContain(`<input type="hidden" name="intent" value="remove"/><input type="hidden" name="userId" value="${p.member.id}"/>`);
    expect(step).toContain('href="/facharbeitskreise/finas#mitglieder">Abbrechen</a>');
    // A chair (or anyone not in the group) is not offered, with a clear note.
    const chairTarget = await page("chair", "FINAS", `?entfernen=${p.chair2.id}`);
    expect(chairTarget.data).toMatchObject({ confirmRemoval: null, removalUnknown: true });
    expect(await rendered("chair", `?entfernen=${p.chair2.id}`)).toContain("Diese Person ist nicht (mehr) Mitglied oder hat den Vorsitz.");
    // A member sees no removal at all, whatever the address says.
    const asMember = await page("member", "FINAS", `?entfernen=${p.second.id}`);
    expect(asMember.data).toMatchObject({ confirmRemoval: null, removalUnknown: false });
    expect(await rendered("member", `?entfernen=${p.second.id}`)).not.toContain("entfernen?");
    expect(await grantsOf(p.member.id, "FINAS")).toEqual(["wg_member"]);
  });

  it("a chair removes a member: grants gone, a CANCEL for the planned meeting to that member only, an email", async () => {
    const res = await post("chair", { intent: "remove", userId: p.outsider.id });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(await grantsOf(p.outsider.id, "FINAS")).toEqual([]);
    const invites = await queuedInvites();
    expect(invites.map((i) => [i.to, i.method, i.attendees])).toEqual([[p.outsider.email, "CANCEL", [`mailto:${p.outsider.email}`]]]);
    expect((await queuedMessages()).map((m) => [m.to, m.template])).toEqual([[p.outsider.email, "group-member-removed"]]);
    const [audit] = await auditOf("groups.member_removed");
    expect(audit).toMatchObject({ actorId: p.chair.id, before: { member: p.outsider.email }, after: { meetingsCancelled: 1 } });
  });

  it("a member leaves by themselves: no email besides the CANCEL", async () => {
    // Invited first, so there is something to cancel.
    const request = await post("applicant", { intent: "join" });
    expect(request.status).toBe(302);
    const row = await openRequestOf(p.applicant.id, "FINAS");
    expect((await post("chair", { intent: "accept", requestId: String(row.id) })).status).toBe(302);
    const res = await post("applicant", { intent: "leave" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/facharbeitskreise/finas?erledigt=ausgetreten#status");
    expect(await grantsOf(p.applicant.id, "FINAS")).toEqual([]);
    const toApplicant = (await queuedInvites()).filter((i) => i.to === p.applicant.email).map((i) => i.method);
    expect(toApplicant).toEqual(["REQUEST", "CANCEL"]);
    expect((await queuedMessages()).filter((m) => m.to === p.applicant.email).map((m) => m.template)).toEqual(["group-join-accepted"]);
    expect(await auditOf("groups.member_left")).toHaveLength(1);
    // Leaving twice: told so.
    const again = await post("applicant", { intent: "leave" });
    expect(again.status).toBe(409);
  });
});

describe("the description (item 1)", () => {
  it("only chairs open and save it (others 404); markdown renders with HTML escaped (D17)", async () => {
    const path = "/facharbeitskreise/finas/beschreibung";
    for (const who of ["member", "admin"]) {
      expect((await call(descriptionRoute.loader, makeRequest(path, { cookie: p[who].cookie }), { gruppe: "finas" })).status, who).toBe(404);
      expect((await call(descriptionRoute.action, makeRequest(path, { cookie: p[who].cookie, form: { description: "x" } }), { gruppe: "finas" })).status, who).toBe(404);
    }
    const form = await call(descriptionRoute.loader, makeRequest(path, { cookie: p.chair.cookie }), { gruppe: "finas" });
    expect(form.data.group.description).toContain("Kämmerei");
    const text = "Wir treffen uns **viermal im Jahr**.\n\n<script>alert(1)</script>";
    const res = await call(descriptionRoute.action, makeRequest(path, { cookie: p.chair.cookie, form: { description: text } }), { gruppe: "finas" });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/facharbeitskreise/finas?erledigt=beschreibung#status");
    const [row] = await db.select().from(workingGroups).where(eq(workingGroups.id, "FINAS"));
    expect(row.description).toBe(text);
    const view = await page("member");
    expect(view.data.group.descriptionHtml).toContain("<strong>viermal im Jahr</strong>");
    expect(view.data.group.descriptionHtml).not.toContain("<script>");
    expect(view.data.group.descriptionHtml).toContain("&lt;script&gt;");
    const [audit] = await auditOf("groups.description_updated");
    expect(audit).toMatchObject({ actorId: p.chair.id, after: { description: text } });
    const tooLong = await call(descriptionRoute.action, makeRequest(path, { cookie: p.chair.cookie, form: { description: "x".repeat(20_001) } }), { gruppe: "finas" });
    expect(tooLong.status).toBe(400);
  });
});

describe("start panels (item 1)", () => {
  it("chairs see the open join requests of their groups; members see their groups with the next meeting", async () => {
    expect((await post("candidate2", { intent: "join", message: "" })).status).toBe(302);
    const chairPanels = await loadStartPanels({ user: await actor("chair") });
    const requests = chairPanels.find((x) => x.id === "beitrittsanfragen");
    expect(requests).toMatchObject({ state: "ready", kind: "work" });
    expect((requests as { data: { requests: { name: string; group: string; link: string }[] } }).data.requests.map((r) => [r.name, r.group, r.link])).toEqual([
      ["Konrad Kandidat", "Finanzwesen", "/facharbeitskreise/finas#beitrittsanfragen"],
    ]);
    // Another group's chair does not see it.
    const ewosPanels = await loadStartPanels({ user: await actor("ewosChair") });
    expect((ewosPanels.find((x) => x.id === "beitrittsanfragen") as { data: { requests: unknown[] } }).data.requests).toEqual([]);

    const memberPanels = await loadStartPanels({ user: await actor("member") });
    expect(memberPanels.find((x) => x.id === "beitrittsanfragen")).toBeUndefined();
    const mine = memberPanels.find((x) => x.id === "meine-facharbeitskreise") as { kind: string; data: { groups: { name: string; next: { title: string } | null }[] } };
    expect(mine.kind).toBe("work");
    expect(mine.data.groups.map((g) => [g.name, g.next?.title.replace(/\u00AD/g, "")])).toEqual([["Finanzwesen", "FINAS-Sitzung im Frühjahr"]]);
  });
});

describe("the group page as people see it (rendered without JavaScript)", () => {
  async function html(who: string, group: WorkingGroup = "FINAS") {
    const res = await page(who, group);
    expect(res.status).toBe(200);
    return (await renderRoute(groupRoute.default, `/facharbeitskreise/${slugOf(group)}`, res.data)).replace(/\u00AD/g, "");
  }

  it("chairs: the open requests with accept and decline, 'Sitzung planen', the remove buttons", async () => {
    const text = await html("chair");
    expect(text).toMatch(/<h1>Facharbeitskreis Finanzwesen<\/h1>/);
    expect(text).toContain("4 von 37 Mitgliedskommunen");
    expect(text).toContain('href="/facharbeitskreise/finas/sitzungen/neu"');
    expect(text).toContain('href="/facharbeitskreise/finas/beschluesse"');
    expect(text).toContain('href="/facharbeitskreise/finas/beschreibung"');
    expect(text).toContain("Konrad Kandidat (Nieheim)");
    expect(text).toContain('aria-label="Anfrage von Konrad Kandidat annehmen"');
    // One removal choice for the whole list; chairs are ended by the administration, not by a fellow chair.
    const removal = text.match(/<select[^>]*name="entfernen"[^>]*id="mitglied-entfernen"[\s\S]*?<\/select>|<select[^>]*id="mitglied-entfernen"[\s\S]*?<\/select>/)?.[0] ?? "";
    expect(removal).toContain("Moritz Mitglied FINAS (");
    expect(removal).not.toContain("Volker Vorsitz FINAS");
    expect(text).toContain("Entfernen …");
    expect(text).toContain("Volker Vorsitz FINAS (Vorsitz)");
    expect(text).toMatch(/<h2 id="pflichtenheft">Pflichtenheft<\/h2>[\s\S]*späteren Ausbauschritt/);
    expect(text).not.toMatch(/ style="/);
    expect(text.match(/<h1/g)).toHaveLength(1);
  });

  it("admins choose chairs; non-members see the join form and no chair tools", async () => {
    const admin = await html("admin", "EWOS");
    expect(admin).toContain("Zum Vorsitz bestimmen");
    expect(admin).toContain("Karla Kandidat (Weyhe) – Mitglied");
    expect(admin).not.toContain("Sitzung planen");
    const outsider = await html("second", "EWOS");
    expect(outsider).toContain("Um Aufnahme bitten");
    expect(outsider).not.toContain("Zum Vorsitz bestimmen");
    expect(outsider).not.toContain("Beitrittsanfragen");
    expect(outsider).not.toContain("Sitzung planen");
    const noTown = await html("noTown", "EWOS");
    expect(noTown).toContain("Ihrem Konto ist keine Kommune zugeordnet.");
    expect(noTown).not.toContain("Um Aufnahme bitten</button>");
  });

  it("the overview names the groups and my standing", async () => {
    const res = await call(overviewRoute.loader, makeRequest("/facharbeitskreise", { cookie: p.candidate2.cookie }));
    const text = await renderRoute(overviewRoute.default, "/facharbeitskreise", res.data);
    expect(text).toContain("Einwohnermeldewesen");
    expect(text).toMatch(/Ihre Anfrage vom \d\d\.\d\d\.\d{4} wartet auf Entscheidung/);
    expect(text).toContain("von 37 Mitgliedskommunen");
  });
});
