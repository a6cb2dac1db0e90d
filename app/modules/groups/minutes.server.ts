import { and, asc, desc, eq, gt, inArray, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { userRoles, users, type WorkingGroup } from "#db/schema/auth";
import {
  actionItems,
  agendaItems,
  decisions,
  meetingAttendance,
  meetingGuests,
  meetings,
  type AttendanceStatus,
  type Meeting,
  type OpenTaskAtRelease,
} from "#db/schema/groups";
import { centres, municipalities } from "#db/schema/members";
import { rooms } from "#db/schema/training";
import { GroupsMinutesReleasedEmail } from "#emails/groups-minutes";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { berlinToday, formatDate, formatRange } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { createPdf } from "~/modules/pdf/document.server";
import { markdownToParagraphs } from "~/modules/text/markdown.server";
import { formatDecisionNumber, formatVotes } from "./decision-number";
import { groupSlug, loadMeeting, lockGroupRow } from "./group-access.server";
import { openActionItemsOf } from "./action-items.server";
import { ACTION_ITEM_STATUS_LABELS, ATTENDANCE_LABELS, ATTENDANCE_ORDER } from "./minutes-labels";
import { APPROVAL_ITEM, groupMembers } from "./meetings.server";
import { actionItemPath, minutesPath } from "./paths";

/**
 * The minutes of a meeting (issue 9, items 5 and 6): attendance, guests, and per agenda item the
 * discussion notes, decisions and action items. Only the group's chairs write them, from the
 * meeting's start on, while they are a draft (`minutes_status` 'entwurf', set by the first write);
 * every write takes the meeting row FOR UPDATE (loadMeeting … lock) in its own transaction and is
 * audited. Releasing numbers the decisions and emails the members; after that the minutes are
 * read-only. A later meeting approves them. Draft minutes are the chairs' alone: everyone else
 * gets 404 (ACCEPTANCE C14); released minutes are open to every signed-in person.
 */

type Actor = Pick<CurrentUser, "id" | "roles">;
type WriteArgs = { user: Actor; meetingId: number; ip?: string | null; now?: Date };

const TIME_ZONE = "Europe/Berlin";
const byName = new Intl.Collator("de-DE");

export { itemAnchor, meetingPath, minutesPath } from "./paths";

/** The Berlin year of the meeting: the decisions' numbering year. */
export function meetingYear(meeting: Pick<Meeting, "startsAt">): number {
  return DateTime.fromJSDate(meeting.startsAt, { zone: TIME_ZONE }).year;
}


/** Loads the meeting for a chair's write: locked, not cancelled, begun, minutes still a draft; marks the draft begun. */
async function openDraft({ user, meetingId, now = new Date() }: WriteArgs, tx: Executor) {
  const loaded = await loadMeeting(user, meetingId, { chair: true, lock: true }, tx);
  const { meeting } = loaded;
  if (meeting.status === "abgesagt") throw new PublicError("Die Sitzung ist abgesagt; ein Protokoll gibt es dafür nicht.", 409);
  if (meeting.minutesStatus === "freigegeben") throw new PublicError("Das Protokoll ist freigegeben und lässt sich nicht mehr ändern.", 409);
  if (meeting.startsAt > now) throw new PublicError("Das Protokoll lässt sich erst ab Beginn der Sitzung schreiben.", 409);
  if (meeting.minutesStatus === null) {
    await tx.update(meetings).set({ minutesStatus: "entwurf", updatedAt: now }).where(eq(meetings.id, meeting.id));
  }
  return loaded;
}

/** An open action item as the "Offene Aufgaben" item shows it, and as released minutes keep it. */
const openTaskOf = (a: OpenTaskAtRelease): OpenTaskAtRelease => ({ id: a.id, title: a.title, owner: a.owner, dueOn: a.dueOn, status: a.status });

/** The row of the meeting's group FOR UPDATE (release and approval take it before any meeting's row). */
async function lockGroupOf({ user, meetingId }: WriteArgs, tx: Executor) {
  const { meeting } = await loadMeeting(user, meetingId, { chair: true }, tx);
  await lockGroupRow(meeting.groupId, tx);
}

async function agendaItemOf(meetingId: number, agendaItemId: number, tx: Executor) {
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) notFound();
  return item;
}

// --- Attendance and guests (item 5) ---------------------------------------------------------------

/**
 * Saves the attendance of all members at once: each member gets the status given for them, and
 * "abwesend" when none was given. Ids of people who are not members are ignored. The municipality
 * a member represented is kept with the row.
 */
export async function saveAttendance(args: WriteArgs & { statuses: Record<string, AttendanceStatus> }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const members = await groupMembers(meeting.groupId, tx);
    if (!members.length) throw new PublicError("Der Facharbeitskreis hat keine Mitglieder, deren Anwesenheit sich erfassen ließe.", 409);
    const now = args.now ?? new Date();
    const rows = members.map((m) => ({ meetingId: meeting.id, userId: m.id, municipalityId: m.municipalityId, status: args.statuses[m.id] ?? ("abwesend" as const), recordedAt: now }));
    await tx
      .insert(meetingAttendance)
      .values(rows)
      .onConflictDoUpdate({
        target: [meetingAttendance.meetingId, meetingAttendance.userId],
        set: { status: sql`excluded.status`, municipalityId: sql`excluded.municipality_id`, recordedAt: sql`excluded.recorded_at` },
      });
    const count = (s: AttendanceStatus) => rows.filter((r) => r.status === s).length;
    const after = { present: count("anwesend"), excused: count("entschuldigt"), absent: count("abwesend") };
    await recordAudit({ actorId: args.user.id, action: "groups.attendance_saved", entityType: "meeting", entityId: meeting.id, after: { present: after.present, excused: after.excused, absent: after.absent }, ip: args.ip }, tx);
    return after;
  });
}

export async function addGuest(args: WriteArgs & { name: string; organisation: string }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const [guest] = await tx.insert(meetingGuests).values({ meetingId: meeting.id, name: args.name, organisation: args.organisation }).returning();
    await recordAudit({ actorId: args.user.id, action: "groups.guest_added", entityType: "meeting", entityId: meeting.id, after: { guest: args.name, organisation: args.organisation }, ip: args.ip }, tx);
    return guest;
  });
}

export async function removeGuest(args: WriteArgs & { guestId: number }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const [guest] = await tx
      .delete(meetingGuests)
      .where(and(eq(meetingGuests.id, args.guestId), eq(meetingGuests.meetingId, meeting.id)))
      .returning();
    if (!guest) notFound();
    await recordAudit({ actorId: args.user.id, action: "groups.guest_removed", entityType: "meeting", entityId: meeting.id, before: { guest: guest.name, organisation: guest.organisation }, ip: args.ip }, tx);
  });
}

// --- Notes, decisions, action items per agenda item (item 6) ---------------------------------------

export async function saveNotes(args: WriteArgs & { agendaItemId: number; notes: string }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const item = await agendaItemOf(meeting.id, args.agendaItemId, tx);
    if (item.notes === args.notes) return;
    await tx.update(agendaItems).set({ notes: args.notes }).where(eq(agendaItems.id, item.id));
    await recordAudit({ actorId: args.user.id, action: "groups.notes_saved", entityType: "meeting", entityId: meeting.id, before: { agendaItem: item.title, notes: item.notes }, after: { agendaItem: item.title, notes: args.notes }, ip: args.ip }, tx);
  });
}

export interface DecisionInput {
  text: string;
  votesYes?: number;
  votesNo?: number;
  votesAbstain?: number;
}

const voteValues = (input: DecisionInput) => ({ votesYes: input.votesYes ?? null, votesNo: input.votesNo ?? null, votesAbstain: input.votesAbstain ?? null });

export async function addDecision(args: WriteArgs & { agendaItemId: number; input: DecisionInput }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const item = await agendaItemOf(meeting.id, args.agendaItemId, tx);
    const [decision] = await tx
      .insert(decisions)
      .values({ groupId: meeting.groupId, meetingId: meeting.id, agendaItemId: item.id, text: args.input.text, ...voteValues(args.input) })
      .returning();
    await recordAudit({ actorId: args.user.id, action: "groups.decision_added", entityType: "meeting", entityId: meeting.id, after: { agendaItem: item.title, decision: args.input.text, votesYes: decision.votesYes, votesNo: decision.votesNo, votesAbstain: decision.votesAbstain }, ip: args.ip }, tx);
    return decision;
  });
}

async function decisionOf(meetingId: number, decisionId: number, tx: Executor) {
  const [decision] = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.id, decisionId), eq(decisions.meetingId, meetingId)));
  if (!decision) notFound();
  return decision;
}

export async function updateDecision(args: WriteArgs & { decisionId: number; input: DecisionInput }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const before = await decisionOf(meeting.id, args.decisionId, tx);
    await tx
      .update(decisions)
      .set({ text: args.input.text, ...voteValues(args.input) })
      .where(eq(decisions.id, before.id));
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.decision_updated",
        entityType: "meeting",
        entityId: meeting.id,
        before: { decision: before.text, votesYes: before.votesYes, votesNo: before.votesNo, votesAbstain: before.votesAbstain },
        after: { decision: args.input.text, votesYes: args.input.votesYes ?? null, votesNo: args.input.votesNo ?? null, votesAbstain: args.input.votesAbstain ?? null },
        ip: args.ip,
      },
      tx,
    );
  });
}

export async function removeDecision(args: WriteArgs & { decisionId: number }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const before = await decisionOf(meeting.id, args.decisionId, tx);
    await tx.delete(decisions).where(eq(decisions.id, before.id));
    await recordAudit({ actorId: args.user.id, action: "groups.decision_removed", entityType: "meeting", entityId: meeting.id, before: { decision: before.text }, ip: args.ip }, tx);
  });
}

export interface ActionItemInput {
  title: string;
  ownerId: string;
  dueOn: string;
}

/** The owner must be a member (or chair) of the group. */
async function memberOwner(groupId: WorkingGroup, ownerId: string, tx: Executor) {
  const [owner] = await tx
    .select({ id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.userId, ownerId), eq(userRoles.workingGroup, groupId), inArray(userRoles.role, ["wg_member", "wg_chair"]), eq(users.active, true)))
    .limit(1);
  if (!owner) throw new PublicError("Eine Aufgabe kann nur ein Mitglied des Facharbeitskreises übernehmen.", 400, "ownerId");
  return owner;
}

export async function addActionItem(args: WriteArgs & { agendaItemId: number; input: ActionItemInput }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const item = await agendaItemOf(meeting.id, args.agendaItemId, tx);
    const owner = await memberOwner(meeting.groupId, args.input.ownerId, tx);
    const [row] = await tx
      .insert(actionItems)
      .values({ groupId: meeting.groupId, meetingId: meeting.id, agendaItemId: item.id, title: args.input.title, ownerId: owner.id, dueOn: args.input.dueOn })
      .returning();
    await recordAudit({ actorId: args.user.id, action: "groups.action_item_added", entityType: "meeting", entityId: meeting.id, after: { agendaItem: item.title, actionItem: args.input.title, owner: owner.name, dueOn: args.input.dueOn }, ip: args.ip }, tx);
    return row;
  });
}

async function actionItemOfMeeting(meetingId: number, actionItemId: number, tx: Executor) {
  const [row] = await tx
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.id, actionItemId), eq(actionItems.meetingId, meetingId)));
  if (!row) notFound();
  return row;
}

export async function updateActionItem(args: WriteArgs & { actionItemId: number; input: ActionItemInput }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const before = await actionItemOfMeeting(meeting.id, args.actionItemId, tx);
    const owner = await memberOwner(meeting.groupId, args.input.ownerId, tx);
    await tx
      .update(actionItems)
      .set({ title: args.input.title, ownerId: owner.id, dueOn: args.input.dueOn, updatedAt: args.now ?? new Date() })
      .where(eq(actionItems.id, before.id));
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.action_item_updated",
        entityType: "meeting",
        entityId: meeting.id,
        before: { actionItem: before.title, ownerId: before.ownerId, dueOn: before.dueOn },
        after: { actionItem: args.input.title, ownerId: owner.id, dueOn: args.input.dueOn },
        ip: args.ip,
      },
      tx,
    );
  });
}

export async function removeActionItem(args: WriteArgs & { actionItemId: number }) {
  return db.transaction(async (tx) => {
    const { meeting } = await openDraft(args, tx);
    const before = await actionItemOfMeeting(meeting.id, args.actionItemId, tx);
    await tx.delete(actionItems).where(eq(actionItems.id, before.id));
    await recordAudit({ actorId: args.user.id, action: "groups.action_item_removed", entityType: "meeting", entityId: meeting.id, before: { actionItem: before.title, dueOn: before.dueOn }, ip: args.ip }, tx);
  });
}

// --- Release and approval (item 6) ------------------------------------------------------------------

/**
 * Releases the minutes: numbers the meeting's decisions in agenda order, continuing the group's
 * numbers of the meeting's Berlin year, sets 'freigegeben' and emails every member a link. The
 * group's row is taken FOR UPDATE before the highest number is read, so two releases of the same
 * group at once (two chairs, two meetings) queue up and get distinct, consecutive numbers; the
 * unique key (group, year, number) would refuse a duplicate anyway. Nothing is sent on a rollback.
 */
export async function releaseMinutes(args: WriteArgs) {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    // The group's row before the meeting's: a release may add the approval item to the next
    // meeting, whose own release would otherwise wait for this one while holding that meeting.
    await lockGroupOf(args, tx);
    const { meeting, group } = await openDraft({ ...args, now }, tx);
    const year = meetingYear(meeting);
    const [{ highest }] = await tx
      .select({ highest: max(decisions.number) })
      .from(decisions)
      .where(and(eq(decisions.groupId, meeting.groupId), eq(decisions.year, year)));
    const toNumber = await tx
      .select({ id: decisions.id, text: decisions.text })
      .from(decisions)
      .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
      .where(eq(decisions.meetingId, meeting.id))
      .orderBy(asc(agendaItems.position), asc(decisions.id));
    const numbered: string[] = [];
    let next = (highest ?? 0) + 1;
    for (const d of toNumber) {
      await tx.update(decisions).set({ year, number: next }).where(eq(decisions.id, d.id));
      numbered.push(formatDecisionNumber(meeting.groupId, year, next));
      next += 1;
    }
    await tx.update(meetings).set({ minutesStatus: "freigegeben", minutesReleasedAt: now, minutesReleasedById: args.user.id, updatedAt: now }).where(eq(meetings.id, meeting.id));
    // Released minutes keep the open action items they discussed, whatever becomes of them later.
    const openTasks = (await openActionItemsOf(meeting.groupId, { before: meeting }, tx)).map(openTaskOf);
    await tx.update(agendaItems).set({ openTasksAtRelease: openTasks }).where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.kind, "offene_aufgaben")));
    await addApprovalItemToNextMeeting(meeting, tx, { actorId: args.user.id, ip: args.ip });
    const members = await groupMembers(meeting.groupId, tx);
    const url = `${getEnv().APP_URL}${minutesPath(meeting.groupId, meeting.id)}`;
    const when = formatRange(meeting.startsAt, meeting.endsAt);
    for (const m of members) {
      await sendEmail(
        {
          to: { address: m.email, name: m.name },
          template: "groups-minutes-released",
          subject: `Protokoll freigegeben: ${meeting.title} (${formatDate(meeting.startsAt)})`,
          body: createElement(GroupsMinutesReleasedEmail, { name: m.name, groupName: group.name, meetingTitle: meeting.title, when, decisions: numbered, minutesUrl: url }),
        },
        tx,
      );
    }
    await recordAudit(
      { actorId: args.user.id, action: "groups.minutes_released", entityType: "meeting", entityId: meeting.id, after: { decisionNumbers: numbered.join(", "), recipients: members.length }, ip: args.ip, at: now },
      tx,
    );
    return { numbers: numbered, recipients: members.length };
  });
}

/**
 * Minutes released after the next meeting was scheduled (right after the meeting, say, or with
 * several meetings planned ahead): the meeting that approves them gets its "Genehmigung des
 * Protokolls der letzten Sitzung" item now, first on its agenda (item 4), unless it has one. That
 * meeting is the group's next one that is not cancelled and whose own minutes are not yet released,
 * and only if these are the minutes it would approve. Its row is taken FOR UPDATE first, as every
 * agenda change does, so the positions cannot interleave with a chair's edit.
 */
async function addApprovalItemToNextMeeting(released: Meeting, tx: Executor, audit: { actorId: string; ip?: string | null }) {
  const [next] = await tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.groupId, released.groupId),
        ne(meetings.status, "abgesagt"),
        gt(meetings.startsAt, released.startsAt),
        or(isNull(meetings.minutesStatus), eq(meetings.minutesStatus, "entwurf")),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(1)
    .for("update");
  if (!next || (await previousWithMinutes(next, tx))?.id !== released.id) return;
  const [existing] = await tx.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.meetingId, next.id), eq(agendaItems.kind, "protokoll_genehmigung")));
  if (existing) return;
  await tx.update(agendaItems).set({ position: sql`${agendaItems.position} + 1` }).where(eq(agendaItems.meetingId, next.id));
  const [item] = await tx.insert(agendaItems).values({ meetingId: next.id, position: 1, ...APPROVAL_ITEM }).returning();
  await recordAudit(
    { actorId: audit.actorId, action: "groups.agenda_item_added", entityType: "meeting", entityId: next.id, after: { agendaItemId: item.id, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes }, ip: audit.ip },
    tx,
  );
}

/** The meeting whose minutes a meeting approves: the group's latest earlier meeting that has minutes. */
async function previousWithMinutes(meeting: Meeting, tx: Executor, lock = false) {
  const query = tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.groupId, meeting.groupId), lt(meetings.startsAt, meeting.startsAt), ne(meetings.id, meeting.id), ne(meetings.status, "abgesagt"), sql`${meetings.minutesStatus} is not null`))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(1);
  const [previous] = lock ? await query.for("update") : await query;
  return previous ?? null;
}

/**
 * Records, at a later meeting and through its "Genehmigung des Protokolls" item, that the group
 * approved the previous meeting's released minutes: on the earlier meeting, with the approving
 * meeting's Berlin date and id. Part of the approving meeting's minutes, so only while they are a draft.
 */
export async function approveMinutes(args: WriteArgs & { agendaItemId: number }) {
  return db.transaction(async (tx) => {
    // Like a release: the group's row first, then this meeting's, then the earlier one's.
    await lockGroupOf(args, tx);
    const { meeting } = await openDraft(args, tx);
    const item = await agendaItemOf(meeting.id, args.agendaItemId, tx);
    if (item.kind !== "protokoll_genehmigung") throw new PublicError("Ein Protokoll wird unter dem Punkt „Genehmigung des Protokolls der letzten Sitzung“ genehmigt.", 400);
    const previous = await previousWithMinutes(meeting, tx, true);
    if (!previous) throw new PublicError("Es gibt keine frühere Sitzung mit Protokoll, das sich genehmigen ließe.", 409);
    if (previous.minutesStatus !== "freigegeben") throw new PublicError("Das Protokoll der letzten Sitzung ist noch nicht freigegeben; genehmigen lässt sich nur ein freigegebenes Protokoll.", 409);
    if (previous.minutesApprovedOn) throw new PublicError(`Das Protokoll der letzten Sitzung ist bereits am ${formatDate(previous.minutesApprovedOn)} genehmigt.`, 409);
    const approvedOn = berlinToday(meeting.startsAt);
    await tx.update(meetings).set({ minutesApprovedOn: approvedOn, minutesApprovedInId: meeting.id, updatedAt: args.now ?? new Date() }).where(eq(meetings.id, previous.id));
    await recordAudit({ actorId: args.user.id, action: "groups.minutes_approved", entityType: "meeting", entityId: previous.id, after: { approvedOn, approvedInId: meeting.id }, ip: args.ip }, tx);
    return { previousId: previous.id, approvedOn };
  });
}

// --- Reading the minutes ------------------------------------------------------------------------------

function placeText(meeting: Meeting, centre: string | null, room: string | null) {
  if (meeting.locationKind === "online") return "Online";
  if (meeting.locationKind === "zentrum") return [room, centre ? `Zentrum ${centre}` : null].filter(Boolean).join(", ");
  return "Buxtehude (zentral)";
}

/**
 * The minutes as a person may see them, or 404: drafts (and minutes not begun) only for the group's
 * chairs, released minutes for everyone signed in. A fixed number of statements, whatever the size.
 */
export async function minutesView({ user, meetingId, now = new Date() }: { user: Actor; meetingId: number; now?: Date }, tx: Executor = db) {
  const { meeting, group, chairs } = await loadMeeting(user, meetingId, {}, tx);
  const released = meeting.minutesStatus === "freigegeben";
  if (!released && !chairs) notFound();
  const [items, decisionRows, actionRows, attendanceRows, guests, members, previous, approvedIn, approvedHere, [place]] = await Promise.all([
    tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).orderBy(asc(agendaItems.position), asc(agendaItems.id)),
    tx.select().from(decisions).where(eq(decisions.meetingId, meeting.id)).orderBy(asc(decisions.id)),
    tx
      .select({ id: actionItems.id, agendaItemId: actionItems.agendaItemId, title: actionItems.title, ownerId: actionItems.ownerId, owner: users.name, dueOn: actionItems.dueOn, status: actionItems.status })
      .from(actionItems)
      .innerJoin(users, eq(users.id, actionItems.ownerId))
      .where(eq(actionItems.meetingId, meeting.id))
      .orderBy(asc(actionItems.id)),
    tx
      .select({ userId: meetingAttendance.userId, name: users.name, municipality: municipalities.name, status: meetingAttendance.status })
      .from(meetingAttendance)
      .innerJoin(users, eq(users.id, meetingAttendance.userId))
      .leftJoin(municipalities, eq(municipalities.id, meetingAttendance.municipalityId))
      .where(eq(meetingAttendance.meetingId, meeting.id)),
    tx.select().from(meetingGuests).where(eq(meetingGuests.meetingId, meeting.id)).orderBy(asc(meetingGuests.id)),
    chairs && !released ? groupMembers(meeting.groupId, tx) : Promise.resolve([]),
    chairs && !released ? previousWithMinutes(meeting, tx) : Promise.resolve(null),
    meeting.minutesApprovedInId
      ? tx.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meeting.minutesApprovedInId))
      : Promise.resolve([]),
    tx.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, approvedOn: meetings.minutesApprovedOn }).from(meetings).where(eq(meetings.minutesApprovedInId, meeting.id)),
    meeting.roomId || meeting.centreId
      ? tx
          .select({ centre: centres.name, room: rooms.name })
          .from(meetings)
          .leftJoin(centres, eq(centres.id, meetings.centreId))
          .leftJoin(rooms, eq(rooms.id, meetings.roomId))
          .where(eq(meetings.id, meeting.id))
      : Promise.resolve([{ centre: null, room: null }]),
  ]);
  // The "Offene Aufgaben" item lists the group's open items of earlier released minutes (item 7):
  // as they stood at the release once the minutes are released, until then as they stand now.
  const openItems = items.some((i) => i.kind === "offene_aufgaben" && i.openTasksAtRelease === null) ? await openActionItemsOf(meeting.groupId, { before: meeting }, tx) : [];
  const attendance = attendanceRows.sort((a, b) => byName.compare(a.name, b.name));
  const editable = chairs && !released && meeting.status !== "abgesagt";
  return {
    group: { id: group.id, name: group.name, slug: groupSlug(group.id) },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      when: formatRange(meeting.startsAt, meeting.endsAt),
      place: placeText(meeting, place?.centre ?? null, place?.room ?? null),
      onlineUrl: meeting.onlineUrl,
      cancelled: meeting.status === "abgesagt",
      minutesStatus: meeting.minutesStatus,
      releasedAt: meeting.minutesReleasedAt,
      approvedOn: meeting.minutesApprovedOn,
      approvedIn: approvedIn[0] ?? null,
    },
    chairs,
    editable,
    /** Chairs may write from the meeting's start on. */
    started: meeting.startsAt <= now,
    items: items.map((item) => ({
      id: item.id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      presenter: item.presenter,
      notes: item.notes,
      decisions: decisionRows
        .filter((d) => d.agendaItemId === item.id)
        .map((d) => ({
          id: d.id,
          text: d.text,
          votesYes: d.votesYes,
          votesNo: d.votesNo,
          votesAbstain: d.votesAbstain,
          votes: formatVotes({ yes: d.votesYes, no: d.votesNo, abstain: d.votesAbstain }),
          number: d.year !== null && d.number !== null ? formatDecisionNumber(meeting.groupId, d.year, d.number) : null,
        })),
      actionItems: actionRows.filter((a) => a.agendaItemId === item.id),
      openActionItems:
        item.kind === "offene_aufgaben" ? (item.openTasksAtRelease ?? openItems.map(openTaskOf)).map((a) => ({ ...a, path: actionItemPath(a.id) })) : [],
    })),
    attendance,
    guests,
    members: members.map((m) => ({ id: m.id, name: m.name, municipality: m.municipality, status: attendance.find((a) => a.userId === m.id)?.status ?? null })),
    /** The earlier meeting this one may approve (chairs, draft), with its state. */
    previous: previous ? { id: previous.id, title: previous.title, startsAt: previous.startsAt, minutesStatus: previous.minutesStatus, approvedOn: previous.minutesApprovedOn, approvedInId: previous.minutesApprovedInId } : null,
    approvedHere,
  };
}

export type MinutesView = Awaited<ReturnType<typeof minutesView>>;

/** The minutes as a PDF, for whoever may read them (the same rule as the page). */
export async function minutesPdf({ user, meetingId }: { user: Actor; meetingId: number }): Promise<{ pdf: Buffer; title: string }> {
  const v = await minutesView({ user, meetingId });
  const title = `Protokoll: ${v.meeting.title}`;
  const pdf = createPdf({ title, subtitle: `Facharbeitskreis ${v.group.name} · ${v.meeting.when}` });
  pdf.heading(title);
  if (v.meeting.minutesStatus !== "freigegeben") pdf.paragraph("ENTWURF – noch nicht freigegeben", { bold: true });
  pdf.facts([
    ["Facharbeitskreis", v.group.name],
    ["Sitzung", v.meeting.title],
    ["Datum", v.meeting.when],
    ["Ort", v.meeting.place + (v.meeting.onlineUrl ? ` (${v.meeting.onlineUrl})` : "")],
    ["Freigegeben", v.meeting.releasedAt ? formatDate(v.meeting.releasedAt) : "noch nicht"],
    ["Genehmigt", v.meeting.approvedOn ? `am ${formatDate(v.meeting.approvedOn)}${v.meeting.approvedIn ? ` in der Sitzung „${v.meeting.approvedIn.title}“` : ""}` : "noch nicht"],
  ]);
  pdf.heading("Anwesenheit", 13);
  if (v.attendance.length) {
    pdf.table({
      columns: [
        { header: "Name", width: 3 },
        { header: "Kommune", width: 3 },
        { header: "Anwesenheit", width: 2 },
      ],
      rows: ATTENDANCE_ORDER.flatMap((s) => v.attendance.filter((a) => a.status === s).map((a) => [a.name, a.municipality ?? "–", ATTENDANCE_LABELS[s]])),
    });
  } else pdf.paragraph("Die Anwesenheit ist nicht erfasst.", { muted: true });
  if (v.guests.length) {
    pdf.paragraph("Gäste", { bold: true });
    for (const g of v.guests) pdf.paragraph(`${g.name}${g.organisation ? ` (${g.organisation})` : ""}`);
  }
  for (const item of v.items) {
    pdf.heading(`TOP ${item.position}: ${item.title}`, 13);
    if (item.presenter) pdf.paragraph(`Vortrag: ${item.presenter}`, { muted: true });
    for (const paragraph of markdownToParagraphs(item.notes)) pdf.paragraph(paragraph);
    if (item.openActionItems.length) {
      pdf.paragraph("Offene Aufgaben aus früheren Sitzungen", { bold: true });
      pdf.table({
        columns: [
          { header: "Aufgabe", width: 4 },
          { header: "Wer", width: 2.2 },
          { header: "Fällig", width: 1.3 },
          { header: "Stand", width: 1.2 },
        ],
        rows: item.openActionItems.map((a) => [a.title, a.owner, formatDate(a.dueOn), ACTION_ITEM_STATUS_LABELS[a.status]]),
      });
    }
    if (item.kind === "protokoll_genehmigung") {
      for (const a of v.approvedHere) pdf.paragraph(`Das Protokoll der Sitzung „${a.title}“ vom ${formatDate(a.startsAt)} wurde genehmigt.`);
    }
    for (const d of item.decisions) {
      pdf.paragraph(`Beschluss ${d.number ?? "(Nummer folgt mit der Freigabe)"}`, { bold: true });
      pdf.paragraph(d.text);
      if (d.votes) pdf.paragraph(`Abstimmung: ${d.votes}`, { muted: true });
    }
    if (item.actionItems.length) {
      pdf.table({
        columns: [
          { header: "Aufgabe", width: 4 },
          { header: "Wer", width: 2.2 },
          { header: "Fällig", width: 1.3 },
          { header: "Stand", width: 1.2 },
        ],
        rows: item.actionItems.map((a) => [a.title, a.owner, formatDate(a.dueOn), ACTION_ITEM_STATUS_LABELS[a.status]]),
      });
    }
  }
  return { pdf: await pdf.toBuffer(), title };
}
