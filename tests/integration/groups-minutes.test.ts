import { execFileSync } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { actionItems, agendaItems, decisions, meetingAttendance, meetingGuests, meetings } from "#db/schema/groups";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { readMeeting } from "~/modules/groups/meeting-page.server";
import { minutesView } from "~/modules/groups/minutes.server";
import { currentUserOf } from "../ticket-fixtures";
import * as register from "~/routes/facharbeitskreise.$gruppe.beschluesse";
import * as minutesPage from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.protokoll._index";
import * as minutesPdf from "~/routes/facharbeitskreise.$gruppe_.sitzungen.$id_.protokoll[.pdf]";
import { berlinDay } from "../dates";
import { useTestDatabase } from "../db";
import { renderRoute } from "../render";
import { statementRecorder } from "../statements";
import { createUser } from "../factories";
import { createActionItemFixture, createGroupPeople, createMeetingFixture } from "../group-fixtures";
import { call, makeRequest, sessionCookieFor } from "../http";

/**
 * Minutes of a working-group meeting (issue 9, items 5, 6 and 8): attendance, guests, notes,
 * decisions, action items, release with numbering and email, approval at the next meeting, the PDF,
 * the decisions register. Only chairs write; a draft is 404 for everyone else (ACCEPTANCE C14).
 */
const recorder = statementRecorder();
const getDb = useTestDatabase({ logger: recorder.logger });

function pdfText(pdf: Buffer): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
}

let ctx: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const d = getDb().db;
  const people = await createGroupPeople(d, "FINAS", "gm");
  // The chair of another group.
  const ewosChair = await createUser(d, { email: "gm.ewos.vorsitz@kai.example", name: "Erika EWOS-Vorsitz", municipality: "Buxtehude", roles: [{ role: "wg_chair", group: "EWOS" }] });
  const march = await createMeetingFixture(d, {
    group: "FINAS",
    title: "FINAS-Sitzung im Frühjahr",
    date: "2026-03-12",
    items: [{ title: "Jahresabschluss" }, { title: "Änderungswünsche zum Haushaltsmodul" }],
  });
  const may = await createMeetingFixture(d, {
    group: "FINAS",
    title: "FINAS-Sitzung im Mai",
    date: "2026-05-20",
    items: [{ title: "Genehmigung des Protokolls der letzten Sitzung", kind: "protokoll_genehmigung" }, { title: "Offene Aufgaben", kind: "offene_aufgaben" }, { title: "Kassenmodul" }],
  });
  // The two meetings above lie in the past for good; this one is always ahead.
  const future = await createMeetingFixture(d, { group: "FINAS", title: "Nächste FINAS-Sitzung", date: berlinDay(30) });
  const cookies = {
    chair: await sessionCookieFor(people.chair.id),
    member: await sessionCookieFor(people.member.id),
    outsider: await sessionCookieFor(people.outsider.id),
    ewosChair: await sessionCookieFor(ewosChair.id),
  };
  return { ...people, ewosChair, march, may, future, cookies };
}

beforeAll(async () => {
  ctx = await setup();
});

type Who = keyof typeof ctx.cookies;
const minutesUrl = (meetingId: number, slug = "finas") => `/facharbeitskreise/${slug}/sitzungen/${meetingId}/protokoll`;
const view = (who: Who, meetingId = ctx.march.meeting.id, slug = "finas") =>
  call(minutesPage.loader, makeRequest(minutesUrl(meetingId, slug), { cookie: ctx.cookies[who] }), { gruppe: slug, id: String(meetingId) });
const post = (who: Who, form: Record<string, string | string[]>, meetingId = ctx.march.meeting.id, slug = "finas") =>
  call(minutesPage.action, makeRequest(minutesUrl(meetingId, slug), { cookie: ctx.cookies[who], form }), { gruppe: slug, id: String(meetingId) });

async function meetingRow(id: number) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

/** The current year in Berlin, for the examples in hints. */
const thisYear = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", year: "numeric" }).format(new Date());

describe("minutes: who may see and write them (issue 9, item 9; ACCEPTANCE C14)", () => {
  it("shows minutes not yet released only to the group's chairs; members, outsiders and other groups' chairs get 404", async () => {
    expect((await view("chair")).status).toBe(200);
    for (const who of ["member", "outsider", "ewosChair"] as const) expect((await view(who)).status, who).toBe(404);
    // The meeting must belong to the group in the URL.
    expect((await view("chair", ctx.march.meeting.id, "ewos")).status).toBe(404);
    expect((await view("chair", ctx.march.meeting.id, "unbekannt")).status).toBe(404);
  });

  it("refuses every write intent by members and outsiders with 404, and changes nothing", async () => {
    const item = String(ctx.march.items[0].id);
    const intents: Record<string, string>[] = [
      { intent: "attendance", [`status-${ctx.member.id}`]: "anwesend" },
      { intent: "add-guest", name: "Gerda Gast" },
      { intent: "save-notes", agendaItemId: item, notes: "heimlich" },
      { intent: "add-decision", agendaItemId: item, text: "heimlich" },
      { intent: "add-action-item", agendaItemId: item, title: "heimlich", ownerId: ctx.member.id, dueOn: "2026-04-01" },
      { intent: "release" },
      { intent: "approve", agendaItemId: item },
    ];
    for (const who of ["member", "outsider", "ewosChair"] as const) {
      for (const form of intents) expect((await post(who, form)).status, `${who} ${form.intent}`).toBe(404);
    }
    // The chair too, through another group's URL.
    expect((await post("chair", { intent: "add-guest", name: "Gerda Gast" }, ctx.march.meeting.id, "ewos")).status).toBe(404);
    // Who may write is settled before the body is read: a body that is no form changes nothing either.
    const notAForm = new Request(makeRequest(minutesUrl(ctx.march.meeting.id), { method: "POST", cookie: ctx.cookies.outsider, headers: { "Content-Type": "application/json" } }), { body: "{}" });
    expect((await call(minutesPage.action, notAForm, { gruppe: "finas", id: String(ctx.march.meeting.id) })).status).toBe(404);
    expect(await db.select().from(meetingGuests)).toHaveLength(0);
    expect(await db.select().from(decisions)).toHaveLength(0);
    expect((await meetingRow(ctx.march.meeting.id)).minutesStatus).toBeNull();
  });

  it("opens the minutes from the meeting's start on: before it, a German message", async () => {
    const early = await post("chair", { intent: "add-guest", name: "Gerda Gast" }, ctx.future.meeting.id);
    expect(early.status).toBe(409);
    expect(early.data.formErrors).toEqual(["Das Protokoll lässt sich erst ab Beginn der Sitzung schreiben."]);
    expect((await view("chair", ctx.future.meeting.id)).data.notStartedYet).toBe(true);
  });
});

describe("writing the minutes (issue 9, items 5 and 6)", () => {
  it("lists all members with their municipality and saves their attendance together; the first write starts the draft", async () => {
    const page = await view("chair");
    expect(page.data.members.map((m: { name: string; municipality: string }) => [m.name, m.municipality])).toEqual([
      ["Mara Mitglied FINAS", "Rheine"],
      ["Moritz Mitglied FINAS", "Verden (Aller)"],
      ["Vera Vorsitz FINAS", "Buxtehude"],
    ]);
    const saved = await post("chair", {
      intent: "attendance",
      [`status-${ctx.chair.id}`]: "anwesend",
      [`status-${ctx.member.id}`]: "anwesend",
      [`status-${ctx.second.id}`]: "entschuldigt",
      // Not a member: ignored.
      [`status-${ctx.outsider.id}`]: "anwesend",
    });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`${minutesUrl(ctx.march.meeting.id)}?erledigt=anwesenheit#anwesenheit`);
    const rows = await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, ctx.march.meeting.id));
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.status]))).toEqual({ [ctx.chair.id]: "anwesend", [ctx.member.id]: "anwesend", [ctx.second.id]: "entschuldigt" });
    expect(rows.every((r) => r.municipalityId !== null)).toBe(true);
    expect((await meetingRow(ctx.march.meeting.id)).minutesStatus).toBe("entwurf");
    // Saved again without one member: that member is absent.
    await post("chair", { intent: "attendance", [`status-${ctx.chair.id}`]: "anwesend", [`status-${ctx.member.id}`]: "anwesend" });
    const again = await db.select().from(meetingAttendance).where(and(eq(meetingAttendance.meetingId, ctx.march.meeting.id), eq(meetingAttendance.userId, ctx.second.id)));
    expect(again[0].status).toBe("abwesend");
    await post("chair", { intent: "attendance", [`status-${ctx.chair.id}`]: "anwesend", [`status-${ctx.member.id}`]: "anwesend", [`status-${ctx.second.id}`]: "entschuldigt" });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "groups.attendance_saved"));
    expect(audit).toHaveLength(3);
    expect(audit[2].after).toEqual({ present: 2, excused: 1, absent: 0 });
  });

  it("adds and removes guests with name and organisation", async () => {
    expect((await post("chair", { intent: "add-guest", name: "Jürgen Weiß", organisation: "Rechenzentrum Süd-Ost" })).status).toBe(302);
    expect((await post("chair", { intent: "add-guest", name: "Gustav Geht", organisation: "" })).status).toBe(302);
    const invalid = await post("chair", { intent: "add-guest", name: "  " });
    expect(invalid.status).toBe(400);
    expect(invalid.data.fieldErrors.name).toEqual(["Bitte den Namen des Gasts angeben."]);
    const guests = await db.select().from(meetingGuests).where(eq(meetingGuests.meetingId, ctx.march.meeting.id));
    expect(guests.map((g) => g.name)).toEqual(["Jürgen Weiß", "Gustav Geht"]);
    expect((await post("chair", { intent: "remove-guest", guestId: String(guests[1].id) })).status).toBe(302);
    // A guest of another meeting: 404.
    expect((await post("chair", { intent: "remove-guest", guestId: String(guests[1].id) })).status).toBe(404);
    expect((await db.select().from(meetingGuests)).map((g) => g.name)).toEqual(["Jürgen Weiß"]);
  });

  it("answers an unknown intent with 400 and a missing or malformed id with 404, and changes nothing", async () => {
    const unknown = await post("chair", { intent: "delete-everything" });
    expect(unknown.status).toBe(400);
    expect(unknown.data.formErrors).toEqual(["Diese Aktion gibt es nicht."]);
    // Names of Object.prototype are no intents either.
    expect((await post("chair", { intent: "constructor" })).status).toBe(400);
    for (const agendaItemId of [undefined, "", "abc", "0", "-3", "1.5", "1e0", "0x1", " 1", "99999999999"]) {
      const form: Record<string, string> = { intent: "add-decision", text: "Ohne Tagesordnungspunkt" };
      if (agendaItemId !== undefined) form.agendaItemId = agendaItemId;
      expect((await post("chair", form)).status, `agendaItemId ${agendaItemId}`).toBe(404);
    }
    expect((await post("chair", { intent: "remove-guest", guestId: "x" })).status).toBe(404);
    expect(await db.select().from(decisions).where(eq(decisions.meetingId, ctx.march.meeting.id))).toEqual([]);
  });

  it("keeps notes per item as markdown, rendered safely (ACCEPTANCE D17)", async () => {
    const [item1, item2] = ctx.march.items;
    const notes = "Die **Änderungswünsche** wurden beraten.\n\n- Mahnwesen\n- Kassenabschluss\n\n<script>alert(1)</script>";
    expect((await post("chair", { intent: "save-notes", agendaItemId: String(item2.id), notes })).status).toBe(302);
    expect((await post("chair", { intent: "save-notes", agendaItemId: String(item1.id), notes: "Der Jahresabschluss 2025 liegt vor." })).status).toBe(302);
    const page = await view("chair");
    const shown = page.data.items.find((i: { id: number }) => i.id === item2.id);
    expect(shown.notes).toBe(notes);
    expect(shown.notesHtml).toContain("<strong>Änderungswünsche</strong>");
    expect(shown.notesHtml).not.toContain("<script>");
    expect(shown.notesHtml).toContain("&lt;script&gt;");
    // An item of another meeting: 404.
    expect((await post("chair", { intent: "save-notes", agendaItemId: String(ctx.may.items[2].id), notes: "x" })).status).toBe(404);
  });

  it("adds, edits and removes decisions with optional votes", async () => {
    const [item1, item2] = ctx.march.items;
    // The second item's decision first: numbering follows the agenda, not the order of writing.
    expect((await post("chair", { intent: "add-decision", agendaItemId: String(item2.id), text: "Das Mahnwesen wird überarbeitet.", votesYes: "5", votesNo: "1", votesAbstain: "2" })).status).toBe(302);
    expect((await post("chair", { intent: "add-decision", agendaItemId: String(item1.id), text: "Der Jahresabschluss wird angenommen.", votesYes: "", votesNo: "", votesAbstain: "" })).status).toBe(302);
    expect((await post("chair", { intent: "add-decision", agendaItemId: String(item1.id), text: "Wird gleich entfernt." })).status).toBe(302);
    const bad = await post("chair", { intent: "add-decision", agendaItemId: String(item1.id), text: "", votesYes: "-1" });
    expect(bad.status).toBe(400);
    expect(bad.data.fieldErrors.text).toEqual(["Bitte den Beschluss angeben."]);
    expect(bad.data.fieldErrors.votesYes).toEqual(["Bitte eine Zahl ab 0 angeben."]);
    const rows = await db.select().from(decisions).where(eq(decisions.meetingId, ctx.march.meeting.id)).orderBy(decisions.id);
    expect(rows.map((r) => [r.text, r.votesYes, r.votesNo, r.votesAbstain, r.number])).toEqual([
      ["Das Mahnwesen wird überarbeitet.", 5, 1, 2, null],
      ["Der Jahresabschluss wird angenommen.", null, null, null, null],
      ["Wird gleich entfernt.", null, null, null, null],
    ]);
    // Each write returns to what it changed: the item, the decision, or the page's top after a removal.
    const updated = await post("chair", { intent: "update-decision", decisionId: String(rows[0].id), text: "Das Mahnwesen wird überarbeitet (Vorlage bis Juni).", votesYes: "6", votesNo: "0", votesAbstain: "2" });
    expect(updated.location).toBe(`${minutesUrl(ctx.march.meeting.id)}?erledigt=beschluss#beschluss-${rows[0].id}`);
    // A failed edit keeps what was typed, at that decision's form.
    const badEdit = await post("chair", { intent: "update-decision", decisionId: String(rows[0].id), text: "Neu formuliert", votesNo: "x" });
    expect(badEdit.status).toBe(400);
    expect(badEdit.data).toMatchObject({ intent: "update-decision", target: String(rows[0].id), values: { text: "Neu formuliert", votesNo: "x" }, fieldErrors: { votesNo: ["Bitte eine ganze Zahl angeben."] } });
    const page = await view("chair");
    const shown = await renderRoute(minutesPage.default, minutesUrl(ctx.march.meeting.id), JSON.parse(JSON.stringify(page.data)), badEdit.data);
    const at = shown.indexOf(`id="decision-${rows[0].id}-text"`);
    const editForm = shown.slice(shown.lastIndexOf("<details", at), shown.indexOf("</form>", at));
    expect(editForm).toMatch(/^<details[^>]*open=""/);
    expect(editForm).toContain(">Neu formuliert</textarea>");
    expect(editForm).toMatch(/name="votesNo"[^>]*value="x"/);
    const removed = await post("chair", { intent: "remove-decision", decisionId: String(rows[2].id) });
    expect(removed.location).toBe(`${minutesUrl(ctx.march.meeting.id)}?erledigt=beschluss-entfernt`);
    const after = await db.select().from(decisions).where(eq(decisions.meetingId, ctx.march.meeting.id)).orderBy(decisions.id);
    expect(after.map((r) => [r.text, r.votesYes])).toEqual([
      ["Das Mahnwesen wird überarbeitet (Vorlage bis Juni).", 6],
      ["Der Jahresabschluss wird angenommen.", null],
    ]);
  });

  it("adds, edits and removes action items; the owner must be a member of the group", async () => {
    const [, item2] = ctx.march.items;
    const add = (form: Record<string, string>) => post("chair", { intent: "add-action-item", agendaItemId: String(item2.id), ...form });
    expect((await add({ title: "Entwurf Mahnwesen vorlegen", ownerId: ctx.member.id, dueOn: "2026-06-15" })).status).toBe(302);
    expect((await add({ title: "Wird entfernt", ownerId: ctx.second.id, dueOn: "2026-06-15" })).status).toBe(302);
    const outsider = await add({ title: "Außenstehende", ownerId: ctx.outsider.id, dueOn: "2026-06-15" });
    expect(outsider.status).toBe(400);
    expect(outsider.data.fieldErrors.ownerId).toEqual(["Eine Aufgabe kann nur ein Mitglied des Facharbeitskreises übernehmen."]);
    const badDate = await add({ title: "x", ownerId: ctx.member.id, dueOn: "2026-02-30" });
    expect(badDate.status).toBe(400);
    const rows = await db.select().from(actionItems).where(eq(actionItems.meetingId, ctx.march.meeting.id)).orderBy(actionItems.id);
    expect(rows.map((r) => [r.title, r.ownerId, r.dueOn, r.status])).toEqual([
      ["Entwurf Mahnwesen vorlegen", ctx.member.id, "2026-06-15", "offen"],
      ["Wird entfernt", ctx.second.id, "2026-06-15", "offen"],
    ]);
    expect((await post("chair", { intent: "update-action-item", actionItemId: String(rows[0].id), title: "Entwurf Mahnwesen vorlegen", ownerId: ctx.member.id, dueOn: "2026-06-30" })).status).toBe(302);
    expect((await post("chair", { intent: "remove-action-item", actionItemId: String(rows[1].id) })).status).toBe(302);
    const after = await db.select().from(actionItems).where(eq(actionItems.meetingId, ctx.march.meeting.id));
    expect(after.map((r) => [r.title, r.dueOn])).toEqual([["Entwurf Mahnwesen vorlegen", "2026-06-30"]]);
    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, String(ctx.march.meeting.id)))).map((a) => a.action);
    for (const a of ["groups.guest_added", "groups.guest_removed", "groups.notes_saved", "groups.decision_added", "groups.decision_updated", "groups.decision_removed", "groups.action_item_added", "groups.action_item_updated", "groups.action_item_removed"]) {
      expect(actions, a).toContain(a);
    }
  });
});

async function renderMinutes(who: Who, meetingId = ctx.march.meeting.id) {
  const page = await view(who, meetingId);
  return renderRoute(minutesPage.default, minutesUrl(meetingId), JSON.parse(JSON.stringify(page.data)));
}

describe("the minutes page as people see it", () => {
  it("renders the chair's draft with the forms: attendance per member, guests, notes, decisions, action items, release", async () => {
    const html = await renderMinutes("chair");
    expect(html).toContain("<h1>Protokoll: ");
    for (const expected of ['name="status-', 'value="add-guest"', 'value="save-notes"', 'value="add-decision"', 'value="update-decision"', 'value="add-action-item"', 'value="update-action-item"', "Protokoll freigeben", "Moritz Mitglied FINAS (Verden (Aller))"]) {
      expect(html, expected).toContain(expected);
    }
    expect(html).not.toContain("<script>alert");
  });
});

describe("release and approval (issue 9, item 6)", () => {
  it("releases: numbers the decisions in agenda order (FINAS-2026-01, -02), emails every member a link, then the minutes are read-only", async () => {
    await db.delete(outboxEmails);
    const released = await post("chair", { intent: "release" });
    expect(released.status).toBe(302);
    expect(released.location).toBe(`${minutesUrl(ctx.march.meeting.id)}?erledigt=freigegeben`);
    const rows = await db.select().from(decisions).where(eq(decisions.meetingId, ctx.march.meeting.id));
    const byText = Object.fromEntries(rows.map((r) => [r.text.slice(0, 20), `${r.groupId}-${r.year}-${String(r.number).padStart(2, "0")}`]));
    expect(byText).toEqual({ "Der Jahresabschluss ": "FINAS-2026-01", "Das Mahnwesen wird ü": "FINAS-2026-02" });
    const meeting = await meetingRow(ctx.march.meeting.id);
    expect(meeting.minutesStatus).toBe("freigegeben");
    expect(meeting.minutesReleasedById).toBe(ctx.chair.id);

    const mails = await db.select().from(outboxEmails);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([ctx.chair.email, ctx.member.email, ctx.second.email].sort());
    for (const m of mails) {
      expect(m.template).toBe("groups-minutes-released");
      expect(m.subject).toBe("Protokoll freigegeben: FINAS-Sitzung im Frühjahr (12.03.2026)");
      expect(m.text).toContain(`/facharbeitskreise/finas/sitzungen/${ctx.march.meeting.id}/protokoll`);
      expect(m.text).toContain("FINAS-2026-01, FINAS-2026-02");
    }
    // Read-only now, for the chair too.
    const late: Record<string, string>[] = [
      { intent: "add-guest", name: "Zu spät" },
      { intent: "save-notes", agendaItemId: String(ctx.march.items[0].id), notes: "nachträglich" },
      { intent: "release" },
    ];
    for (const form of late) {
      const refused = await post("chair", form);
      expect(refused.status, form.intent).toBe(409);
      expect(refused.data.formErrors).toEqual(["Das Protokoll ist freigegeben und lässt sich nicht mehr ändern."]);
    }
    expect((await view("chair")).data.editable).toBe(false);
  });

  it("renders released minutes read-only for a member", async () => {
    const html = await renderMinutes("member");
    expect(html).toContain("Beschluss FINAS-2026-02");
    expect(html).toContain("6 dafür, 0 dagegen, 2 Enthaltungen");
    expect(html).toContain(`href="/facharbeitskreise/aufgaben/`);
    expect(html).not.toContain('name="intent"');
  });

  it("shows released minutes to every signed-in person, with numbers and votes", async () => {
    for (const who of ["member", "outsider", "ewosChair"] as const) {
      const page = await view(who);
      expect(page.status, who).toBe(200);
      expect(page.data.editable).toBe(false);
      expect(page.data.members).toEqual([]);
      const item2 = page.data.items[1];
      expect(item2.decisions[0]).toMatchObject({ number: "FINAS-2026-02", votes: "6 dafür, 0 dagegen, 2 Enthaltungen" });
      expect(item2.actionItems[0]).toMatchObject({ title: "Entwurf Mahnwesen vorlegen", owner: "Moritz Mitglied FINAS", due: "30.06.2026" });
      expect(page.data.attendance.map((a: { name: string; status: string }) => [a.name, a.status])).toEqual([
        ["Mara Mitglied FINAS", "entschuldigt"],
        ["Moritz Mitglied FINAS", "anwesend"],
        ["Vera Vorsitz FINAS", "anwesend"],
      ]);
    }
  });

  it("records the approval at the next meeting through its protokoll_genehmigung item, with that meeting's date, shown on both minutes", async () => {
    const [approvalItem, , kasse] = ctx.may.items;
    // Only through the approval item.
    const wrongItem = await post("chair", { intent: "approve", agendaItemId: String(kasse.id) }, ctx.may.meeting.id);
    expect(wrongItem.status).toBe(400);
    expect((await post("member", { intent: "approve", agendaItemId: String(approvalItem.id) }, ctx.may.meeting.id)).status).toBe(404);
    const page = await view("chair", ctx.may.meeting.id);
    // The next meeting's "Offene Aufgaben" item lists the open items of the released minutes (item 7).
    expect(page.data.items[1].openActionItems).toEqual([expect.objectContaining({ title: "Entwurf Mahnwesen vorlegen", owner: "Moritz Mitglied FINAS", due: "30.06.2026", status: "offen" })]);
    expect(page.data.items[2].openActionItems).toEqual([]);
    expect(page.data.previous).toMatchObject({ id: ctx.march.meeting.id, minutesStatus: "freigegeben", approvedOn: null });
    const approved = await post("chair", { intent: "approve", agendaItemId: String(approvalItem.id) }, ctx.may.meeting.id);
    expect(approved.status).toBe(302);
    const first = await meetingRow(ctx.march.meeting.id);
    expect(first.minutesApprovedOn).toBe("2026-05-20");
    expect(first.minutesApprovedInId).toBe(ctx.may.meeting.id);
    const again = await post("chair", { intent: "approve", agendaItemId: String(approvalItem.id) }, ctx.may.meeting.id);
    expect(again.status).toBe(409);
    expect(again.data.formErrors).toEqual(["Das Protokoll der letzten Sitzung ist bereits am 20.05.2026 genehmigt."]);
    // Shown on the approved minutes and on the approving ones.
    expect((await view("member")).data.meeting).toMatchObject({ approvedOn: "20.05.2026", approvedIn: { id: ctx.may.meeting.id, title: "FINAS-Sitzung im Mai" } });
    expect((await view("chair", ctx.may.meeting.id)).data.approvedHere).toEqual([{ id: ctx.march.meeting.id, title: "FINAS-Sitzung im Frühjahr", date: "12.03.2026" }]);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "groups.minutes_approved"));
    expect(audit.after).toEqual({ approvedOn: "2026-05-20", approvedInId: ctx.may.meeting.id });
  });

  it("gives the next meeting its approval item when the minutes are released after it was scheduled (item 4)", async () => {
    const d = getDb().db;
    const persos = await createGroupPeople(d, "PERSOS", "gm.persos");
    const cookie = await sessionCookieFor(persos.chair.id);
    // B took place, its minutes are a draft; C and D were scheduled in the meantime, so neither got the item.
    const b = await createMeetingFixture(d, { group: "PERSOS", title: "PERSOS-Sitzung B", date: berlinDay(-7), minutesStatus: "entwurf", items: [{ title: "Bericht" }] });
    const c = await createMeetingFixture(d, { group: "PERSOS", title: "PERSOS-Sitzung C", date: berlinDay(14), items: [{ title: "Offene Aufgaben", kind: "offene_aufgaben" }, { title: "Entgelttabellen" }] });
    const dMeeting = await createMeetingFixture(d, { group: "PERSOS", title: "PERSOS-Sitzung D", date: berlinDay(42), items: [{ title: "Offene Aufgaben", kind: "offene_aufgaben" }] });
    const agendaOf = async (id: number) =>
      (await db.select({ kind: agendaItems.kind, title: agendaItems.title, position: agendaItems.position }).from(agendaItems).where(eq(agendaItems.meetingId, id)).orderBy(agendaItems.position, agendaItems.id)).map(
        (i) => `${i.position} ${i.kind} ${i.title}`,
      );
    const released = await call(minutesPage.action, makeRequest(minutesUrl(b.meeting.id, "persos"), { cookie, form: { intent: "release" } }), { gruppe: "persos", id: String(b.meeting.id) });
    expect(released.status).toBe(302);
    expect(await agendaOf(c.meeting.id)).toEqual(["1 protokoll_genehmigung Genehmigung des Protokolls der letzten Sitzung", "2 offene_aufgaben Offene Aufgaben", "3 eintrag Entgelttabellen"]);
    expect(await agendaOf(dMeeting.meeting.id)).toEqual(["1 offene_aufgaben Offene Aufgaben"]);
    const added = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "groups.agenda_item_added"), eq(auditEvents.entityId, String(c.meeting.id))));
    expect(added).toHaveLength(1);
    expect(added[0].actorId).toBe(persos.chair.id);
    // C's agenda now names B's minutes as the ones it approves.
    const { agenda } = await readMeeting("PERSOS", c.meeting.id);
    expect(agenda.previous?.id).toBe(b.meeting.id);
  });

  it("continues the group's numbers of the year in the next meeting: FINAS-2026-03", async () => {
    const [, , kasse] = ctx.may.items;
    expect((await post("chair", { intent: "add-decision", agendaItemId: String(kasse.id), text: "Das Kassenmodul erhält eine Schnittstelle." }, ctx.may.meeting.id)).status).toBe(302);
    expect((await post("chair", { intent: "release" }, ctx.may.meeting.id)).status).toBe(302);
    const [row] = await db.select().from(decisions).where(eq(decisions.meetingId, ctx.may.meeting.id));
    expect([row.year, row.number]).toEqual([2026, 3]);
  });

  it("released minutes keep their 'Offene Aufgaben' as released: an item done later still shows as it was, on the page and in the PDF", async () => {
    const listed = async () => (await view("member", ctx.may.meeting.id)).data.items[1].openActionItems.map((a: { title: string; status: string }) => [a.title, a.status]);
    expect(await listed()).toEqual([["Entwurf Mahnwesen vorlegen", "offen"]]);
    const [task] = await db.select().from(actionItems).where(eq(actionItems.title, "Entwurf Mahnwesen vorlegen"));
    await db.update(actionItems).set({ status: "erledigt" }).where(eq(actionItems.id, task.id));
    try {
      expect(await listed()).toEqual([["Entwurf Mahnwesen vorlegen", "offen"]]);
      const pdf: Response = await minutesPdf.loader({
        request: makeRequest(`${minutesUrl(ctx.may.meeting.id)}.pdf`, { cookie: ctx.cookies.member }),
        params: { gruppe: "finas", id: String(ctx.may.meeting.id) },
        context: { clientIp: "127.0.0.1", correlationId: "test" },
      } as never);
      expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain("Entwurf Mahnwesen vorlegen");
    } finally {
      await db.update(actionItems).set({ status: task.status }).where(eq(actionItems.id, task.id));
    }
  });
});

describe("minutes PDF (issue 9, item 6)", () => {
  async function download(who: Who, meetingId = ctx.march.meeting.id) {
    let response: Response;
    try {
      response = await minutesPdf.loader({ request: makeRequest(`${minutesUrl(meetingId)}.pdf`, { cookie: ctx.cookies[who] }), params: { gruppe: "finas", id: String(meetingId) }, context: { clientIp: "127.0.0.1", correlationId: "test" } } as never);
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get("Content-Type"), text: response.status === 200 ? pdfText(body) : "" };
  }

  it("prints group, meeting, date, place, attendance with municipalities, guests, notes, numbered decisions with votes, action items and the approval; umlauts intact", async () => {
    const res = await download("member");
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/pdf");
    const text = res.text.replace(/\s+/g, " ");
    for (const expected of [
      "Protokoll: FINAS-Sitzung im Frühjahr",
      "Finanzwesen",
      "12.03.2026, 10:00–12:00 Uhr",
      "Buxtehude (zentral)",
      "Moritz Mitglied FINAS Verden (Aller) anwesend",
      "Mara Mitglied FINAS Rheine entschuldigt",
      "Jürgen Weiß (Rechenzentrum Süd-Ost)",
      "TOP 2: Änderungswünsche zum Haushaltsmodul",
      "Die Änderungswünsche wurden beraten.",
      "• Mahnwesen",
      "<script>alert(1)</script>",
      "Beschluss FINAS-2026-01",
      "Beschluss FINAS-2026-02",
      "Abstimmung: 6 dafür, 0 dagegen, 2 Enthaltungen",
      "Entwurf Mahnwesen vorlegen",
      "30.06.2026",
      "am 20.05.2026 in der Sitzung „FINAS-Sitzung im Mai“",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The approving meeting's PDF says what it approved.
    expect((await download("outsider", ctx.may.meeting.id)).text.replace(/\s+/g, " ")).toContain("Das Protokoll der Sitzung „FINAS-Sitzung im Frühjahr“ vom 12.03.2026 wurde genehmigt.");
  });

  it("keeps a draft's PDF to the chairs (404 for members) and marks it as a draft", async () => {
    const draft = await createMeetingFixture(getDb().db, { group: "FINAS", title: "Entwurfssitzung", date: "2026-09-01", minutesStatus: "entwurf" });
    expect((await download("member", draft.meeting.id)).status).toBe(404);
    const chair = await download("chair", draft.meeting.id);
    expect(chair.status).toBe(200);
    expect(chair.text).toContain("ENTWURF");
    await db.delete(agendaItems).where(eq(agendaItems.meetingId, draft.meeting.id));
    await db.delete(meetings).where(eq(meetings.id, draft.meeting.id));
  });
});

describe("decisions register (issue 9, item 8)", () => {
  const open = (who: Who, query = "", slug = "finas") => call(register.loader, makeRequest(`/facharbeitskreise/${slug}/beschluesse${query}`, { cookie: ctx.cookies[who] }), { gruppe: slug });

  it("lists every numbered decision of the group, newest first, linked to its meeting and item, for every signed-in person", async () => {
    const page = await open("outsider");
    expect(page.status).toBe(200);
    expect(page.data.decisions.map((d: { number: string }) => d.number)).toEqual(["FINAS-2026-03", "FINAS-2026-02", "FINAS-2026-01"]);
    const [latest, , oldest] = page.data.decisions;
    expect(latest.meeting.path).toBe(`/facharbeitskreise/finas/sitzungen/${ctx.may.meeting.id}`);
    expect(latest.item.path).toBe(`/facharbeitskreise/finas/sitzungen/${ctx.may.meeting.id}/protokoll#top-${ctx.may.items[2].id}`);
    expect(oldest).toMatchObject({ date: "12.03.2026", votes: null });
    expect(page.data.years).toEqual([2026]);
    // Another group's register is its own.
    expect((await open("outsider", "", "ewos")).data.decisions).toEqual([]);
    expect((await open("outsider", "", "xyz")).status).toBe(404);
  });

  it("finds by text (case-insensitive, % taken literally) or by number, and filters by year", async () => {
    const numbers = async (query: string) => (await open("member", query)).data.decisions.map((d: { number: string }) => d.number);
    expect(await numbers("?q=mahnwesen")).toEqual(["FINAS-2026-02"]);
    expect(await numbers("?q=finas-2026-01")).toEqual(["FINAS-2026-01"]);
    expect(await numbers("?q=2026-03")).toEqual(["FINAS-2026-03"]);
    expect(await numbers("?q=100%25")).toEqual([]);
    expect(await numbers("?jahr=2026")).toHaveLength(3);
    expect(await numbers("?jahr=2025")).toEqual([]);
    expect((await open("member", "?jahr=abc")).status).toBe(400);
    const html = await renderRoute(register.default, "/facharbeitskreise/finas/beschluesse?q=mahnwesen", JSON.parse(JSON.stringify((await open("member", "?q=mahnwesen")).data)));
    expect(html).toContain("<h1>Beschlüsse: Finanzwesen</h1>");
    expect(html).toContain("FINAS-2026-02");
    // The search field's example is a number of this group in the current year.
    expect(html).toContain(`z. B. FINAS-${thisYear}-07.`);
  });
});

describe("reading the minutes stays a fixed number of statements (issue 9, item 10)", () => {
  it("reads a meeting with 40 items, 200 action items and 40 decisions in as many statements as a small one", async () => {
    const d = getDb().db;
    const big = await createMeetingFixture(d, { group: "FINAS", title: "Große Sitzung", date: "2026-10-01", minutesStatus: "entwurf", items: Array.from({ length: 40 }, (_, i) => ({ title: `Punkt ${i + 1}` })) });
    for (let i = 0; i < 200; i++) await createActionItemFixture(d, { group: "FINAS", meetingId: big.meeting.id, agendaItemId: big.items[i % 40].id, ownerId: ctx.member.id, title: `Aufgabe ${i}`, dueOn: "2026-12-01" });
    for (const item of big.items) await d.insert(decisions).values({ groupId: "FINAS", meetingId: big.meeting.id, agendaItemId: item.id, text: `Beschluss zu ${item.title}` });
    const small = await createMeetingFixture(d, { group: "FINAS", title: "Kleine Sitzung", date: "2026-10-02", minutesStatus: "entwurf" });
    const chair = (await currentUserOf(ctx.chair.id)).user;
    const count = async (meetingId: number) => (await recorder.record(() => minutesView({ user: chair, meetingId }))).statements.length;
    const [bigCount, smallCount] = [await count(big.meeting.id), await count(small.meeting.id)];
    expect(bigCount).toBe(smallCount);
    expect(bigCount).toBeLessThanOrEqual(14);
    const v = await minutesView({ user: chair, meetingId: big.meeting.id });
    expect(v.items.flatMap((i) => i.actionItems)).toHaveLength(200);
  });
});
