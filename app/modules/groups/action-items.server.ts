import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { createElement } from "react";
import type { Executor } from "#db/client";
import { users, type WorkingGroup } from "#db/schema/auth";
import { actionItems, actionItemUpdates, meetings, workingGroups, type Meeting } from "#db/schema/groups";
import { municipalities } from "#db/schema/members";
import { tickets } from "#db/schema/tickets";
import { GroupsActionItemReminderEmail } from "#emails/groups-action-item";
import { db, runPrepared } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { berlinToday, formatDate } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { holidayStateOf, workingDaysBefore } from "~/modules/tickets/business-hours";
import { ticketScope } from "~/modules/tickets/access.server";
import { parseTicketNumber, ticketNumberExample } from "~/modules/tickets/ticket-number";
import { formValues, invalidFields, refused, type FormFailure } from "./form-failure";
import { isChairOf } from "./access";
import { groupSlug } from "./group-access.server";
import { isOpenActionItem, OPEN_ACTION_ITEM_STATUSES, type ActionItemChange } from "./minutes-labels";
import { statusChangeSchema } from "./minutes-validation";
import { actionItemPath, itemAnchor, meetingPath, minutesPath } from "./paths";
import { isRowId, rowIdOrNotFound } from "~/validation";

/**
 * Action items after the minutes (issue 9, item 7): the owner or a chair of the group marks an item
 * done, carried over (with a new due date) or dropped, each with a note kept in
 * `action_item_updates`; an item can point to a ticket the person may see; owners get a reminder
 * three working days before the due date (their state's holidays). An item is visible like its
 * minutes: released, to every signed-in person; a draft's items only to the chairs. Changing one is
 * for its owner and the chairs; anyone else gets 404 (ACCEPTANCE C14).
 */

type Actor = Pick<CurrentUser, "id" | "roles">;

export { actionItemPath };

/** The item with its group and minutes' state, or 404 when the person may not see it. */
async function loadActionItem(user: Actor, actionItemId: number, tx: Executor, lock = false) {
  if (!isRowId(actionItemId)) notFound();
  const query = tx
    .select({ item: actionItems, minutesStatus: meetings.minutesStatus, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(eq(actionItems.id, actionItemId));
  const [row] = lock ? await query.for("update", { of: actionItems }) : await query;
  if (!row) notFound();
  const chair = isChairOf(user, row.item.groupId);
  const released = row.minutesStatus === "freigegeben";
  if (!released && !chair) notFound();
  return { ...row, chair, released, owner: row.item.ownerId === user.id };
}

/** Only the owner and the group's chairs change an item; to anyone else it does not exist. */
async function loadForChange(user: Actor, actionItemId: number, tx: Executor) {
  const loaded = await loadActionItem(user, actionItemId, tx, true);
  if (!loaded.owner && !loaded.chair) notFound();
  return loaded;
}

export async function changeActionItemStatus(args: {
  user: Actor;
  actionItemId: number;
  status: ActionItemChange;
  note: string;
  dueOn?: string;
  ip?: string | null;
  now?: Date;
}) {
  const now = args.now ?? new Date();
  return db.transaction(async (tx) => {
    const { item, released } = await loadForChange(args.user, args.actionItemId, tx);
    if (!released) throw new PublicError("Den Stand einer Aufgabe trägt man ein, wenn das Protokoll freigegeben ist; bis dahin ändern Sie die Aufgabe im Protokoll.", 409);
    if (!isOpenActionItem(item.status)) throw new PublicError("Die Aufgabe ist bereits abgeschlossen.", 409);
    let dueOn = item.dueOn;
    if (args.status === "vertagt") {
      if (!args.dueOn) throw new PublicError("Bitte das neue Fälligkeitsdatum angeben.", 400, "dueOn");
      if (args.dueOn <= berlinToday(now)) throw new PublicError("Das neue Fälligkeitsdatum muss in der Zukunft liegen.", 400, "dueOn");
      dueOn = args.dueOn;
    }
    await tx.update(actionItems).set({ status: args.status, dueOn, updatedAt: now }).where(eq(actionItems.id, item.id));
    await tx.insert(actionItemUpdates).values({ actionItemId: item.id, status: args.status, note: args.note, dueOn: args.status === "vertagt" ? dueOn : null, byId: args.user.id, at: now });
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.action_item_status_changed",
        entityType: "action_item",
        entityId: item.id,
        before: { actionItemStatus: item.status, dueOn: item.dueOn },
        after: { actionItemStatus: args.status, dueOn, note: args.note },
        ip: args.ip,
        at: now,
      },
      tx,
    );
  });
}

/** Links the item to a ticket by its number; only a ticket the acting person may see (else the same answer as for none). */
export async function linkTicket(args: { user: Actor; actionItemId: number; ticketNumber: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const { item } = await loadForChange(args.user, args.actionItemId, tx);
    const parsed = parseTicketNumber(args.ticketNumber.trim());
    const unknown = new PublicError("Ein Ticket mit dieser Nummer gibt es nicht, oder Sie dürfen es nicht sehen.", 400, "ticketNumber");
    if (!parsed) throw new PublicError(`Bitte eine Ticketnummer wie ${ticketNumberExample()} angeben.`, 400, "ticketNumber");
    const scope = ticketScope(args.user);
    if (!scope) throw unknown;
    const [ticket] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.number, args.ticketNumber.trim().toUpperCase()), scope));
    if (!ticket) throw unknown;
    await tx.update(actionItems).set({ ticketId: ticket.id, updatedAt: new Date() }).where(eq(actionItems.id, item.id));
    await recordAudit({ actorId: args.user.id, action: "groups.action_item_ticket_linked", entityType: "action_item", entityId: item.id, after: { ticket: ticket.number }, ip: args.ip }, tx);
    return ticket;
  });
}

export async function unlinkTicket(args: { user: Actor; actionItemId: number; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const { item } = await loadForChange(args.user, args.actionItemId, tx);
    if (item.ticketId === null) return;
    await tx.update(actionItems).set({ ticketId: null, updatedAt: new Date() }).where(eq(actionItems.id, item.id));
    await recordAudit({ actorId: args.user.id, action: "groups.action_item_ticket_unlinked", entityType: "action_item", entityId: item.id, before: { ticketId: item.ticketId }, ip: args.ip }, tx);
  });
}

/** One item's page: the item, its group and meeting, the history, the ticket (its number only if the person may see it). */
export async function actionItemView({ user, actionItemId, now = new Date() }: { user: Actor; actionItemId: number; now?: Date }, tx: Executor = db) {
  const { item, chair, released, owner, meetingTitle, meetingStartsAt } = await loadActionItem(user, actionItemId, tx);
  const scope = ticketScope(user);
  const [[extra], history] = await Promise.all([
    tx
      .select({
        group: workingGroups.name,
        owner: users.name,
        ticketNumber: tickets.number,
        ticketTitle: tickets.title,
        ticketVisible: scope ? sql<boolean>`coalesce((${scope}), false)` : sql<boolean>`false`,
      })
      .from(actionItems)
      .innerJoin(workingGroups, eq(workingGroups.id, actionItems.groupId))
      .innerJoin(users, eq(users.id, actionItems.ownerId))
      .leftJoin(tickets, eq(tickets.id, actionItems.ticketId))
      .where(eq(actionItems.id, item.id)),
    tx
      .select({ id: actionItemUpdates.id, status: actionItemUpdates.status, note: actionItemUpdates.note, dueOn: actionItemUpdates.dueOn, at: actionItemUpdates.at, by: users.name })
      .from(actionItemUpdates)
      .leftJoin(users, eq(users.id, actionItemUpdates.byId))
      .where(eq(actionItemUpdates.actionItemId, item.id))
      .orderBy(asc(actionItemUpdates.at), asc(actionItemUpdates.id)),
  ]);
  const open = isOpenActionItem(item.status);
  return {
    item: {
      id: item.id,
      title: item.title,
      status: item.status,
      dueOn: item.dueOn,
      overdue: open && item.dueOn < berlinToday(now),
      owner: extra.owner,
      groupId: item.groupId,
      group: extra.group,
      slug: groupSlug(item.groupId),
      meeting: { id: item.meetingId, title: meetingTitle, startsAt: meetingStartsAt, path: meetingPath(item.groupId, item.meetingId), minutesPath: `${minutesPath(item.groupId, item.meetingId)}#${itemAnchor(item.agendaItemId)}` },
      ticket: item.ticketId ? (extra.ticketVisible ? { number: extra.ticketNumber!, title: extra.ticketTitle! } : { number: null, title: null }) : null,
    },
    history,
    mayChange: (owner || chair) && released && open,
    mayLink: owner || chair,
  };
}

/** "Meine Aufgaben": the person's items of released minutes, open ones first by due date, then those closed in the last 30 days. */
export async function myActionItems({ userId, now = new Date(), closedDays = 30, limit }: { userId: string; now?: Date; closedDays?: number; limit?: number }, tx: Executor = db) {
  const since = new Date(now.getTime() - closedDays * 86_400_000);
  const query = tx
    .select({
      id: actionItems.id,
      title: actionItems.title,
      status: actionItems.status,
      dueOn: actionItems.dueOn,
      groupId: actionItems.groupId,
      group: workingGroups.name,
      meetingId: actionItems.meetingId,
      meetingTitle: meetings.title,
      updatedAt: actionItems.updatedAt,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(workingGroups, eq(workingGroups.id, actionItems.groupId))
    .where(
      and(
        eq(actionItems.ownerId, userId),
        eq(meetings.minutesStatus, "freigegeben"),
        or(inArray(actionItems.status, [...OPEN_ACTION_ITEM_STATUSES]), gte(actionItems.updatedAt, since)),
      ),
    )
    .orderBy(sql`${actionItems.status} in ('offen','vertagt') desc`, asc(actionItems.dueOn), asc(actionItems.id));
  const rows = limit ? await query.limit(limit) : await query;
  const today = berlinToday(now);
  return rows.map((r) => ({ ...r, open: isOpenActionItem(r.status), overdue: isOpenActionItem(r.status) && r.dueOn < today }));
}

/**
 * The group's open action items of released minutes, soonest due first: what the "Offene Aufgaben"
 * item of a meeting lists (issue 9, item 7), from the meetings before `before` when given. One statement.
 */
// readMeeting (meeting-page.server.ts) reads the same items for the agenda inside its one statement.
export async function openActionItemsOf(groupId: WorkingGroup, opts: { before?: Pick<Meeting, "id" | "startsAt"> } = {}, tx: Executor = db) {
  const { before } = opts;
  const statement = (d: Executor, name: string) =>
    d
      .select({ id: actionItems.id, title: actionItems.title, status: actionItems.status, dueOn: actionItems.dueOn, owner: users.name, meetingId: actionItems.meetingId, meetingTitle: meetings.title })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .innerJoin(users, eq(users.id, actionItems.ownerId))
      .where(
        and(
          eq(actionItems.groupId, sql.placeholder("groupId")),
          eq(meetings.minutesStatus, "freigegeben"),
          inArray(actionItems.status, [...OPEN_ACTION_ITEM_STATUSES]),
          before ? and(ne(meetings.id, sql.placeholder("meetingId")), lt(meetings.startsAt, sql.placeholder("startsAt"))) : undefined,
        ),
      )
      .orderBy(asc(actionItems.dueOn), asc(actionItems.id))
      .prepare(name);
  return before
    ? runPrepared("open-action-items-before", (d) => statement(d, "open_action_items_before"), { groupId, meetingId: before.id, startsAt: before.startsAt.toISOString() }, tx)
    : runPrepared("open-action-items", (d) => statement(d, "open_action_items"), { groupId }, tx);
}

/** The action items linked to a ticket, for its page: those the person may see (released minutes, or drafts of groups they chair). */
export async function actionItemsOfTicket(user: Actor, ticketId: number, tx: Executor = db) {
  const chaired = [...new Set(user.roles.filter((g) => g.role === "wg_chair" && g.workingGroup).map((g) => g.workingGroup!))] as WorkingGroup[];
  const rows = await tx
    .select({ id: actionItems.id, title: actionItems.title, status: actionItems.status, dueOn: actionItems.dueOn, group: workingGroups.name })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(workingGroups, eq(workingGroups.id, actionItems.groupId))
    .where(and(eq(actionItems.ticketId, ticketId), chaired.length ? or(eq(meetings.minutesStatus, "freigegeben"), inArray(actionItems.groupId, chaired)) : eq(meetings.minutesStatus, "freigegeben")))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id));
  return rows.map((r) => ({ ...r, path: actionItemPath(r.id) }));
}

// --- Reminders (pg-boss job) -----------------------------------------------------------------------

export const ACTION_ITEM_REMINDER_WORKING_DAYS = 3;
/** Three working days never span more than this (Easter, Christmas and a weekend). */
const LOOKAHEAD_DAYS = 14;

/**
 * The reminder job, run hourly: every open item of released minutes whose reminder day has come
 * (three working days before the due date, in the owner's state; no municipality → Niedersachsen)
 * and that is not yet past due gets one email to its owner per due date. Each item is claimed with
 * a conditional update on `reminded_for_due_on` in the transaction that queues its email, so two
 * runs at once (a retry, two instances) send it once; carrying an item over to a new date lets it be
 * reminded again for that date.
 */
export async function runActionItemReminders(opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const today = berlinToday(now);
  const horizon = DateTime.fromISO(today, { zone: "UTC" }).plus({ days: LOOKAHEAD_DAYS }).toISODate()!;
  const candidates = await db
    .select({ id: actionItems.id, dueOn: actionItems.dueOn, state: municipalities.state })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(users, eq(users.id, actionItems.ownerId))
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(
      and(
        inArray(actionItems.status, [...OPEN_ACTION_ITEM_STATUSES]),
        eq(meetings.minutesStatus, "freigegeben"),
        eq(users.active, true),
        gte(actionItems.dueOn, today),
        lte(actionItems.dueOn, horizon),
        or(isNull(actionItems.remindedForDueOn), ne(actionItems.remindedForDueOn, actionItems.dueOn)),
      ),
    )
    .orderBy(asc(actionItems.dueOn), asc(actionItems.id));
  const due = candidates.filter((c) => workingDaysBefore(c.dueOn, ACTION_ITEM_REMINDER_WORKING_DAYS, holidayStateOf(c.state)) <= today);
  let reminded = 0;
  for (const c of due) {
    if (await db.transaction((tx) => remindOwner(c.id, c.dueOn, tx))) reminded += 1;
  }
  return { reminded };
}

async function remindOwner(actionItemId: number, dueOn: string, tx: Executor): Promise<boolean> {
  const [claimed] = await tx
    .update(actionItems)
    .set({ remindedForDueOn: dueOn })
    .where(
      and(
        eq(actionItems.id, actionItemId),
        eq(actionItems.dueOn, dueOn),
        inArray(actionItems.status, [...OPEN_ACTION_ITEM_STATUSES]),
        or(isNull(actionItems.remindedForDueOn), ne(actionItems.remindedForDueOn, dueOn)),
      ),
    )
    .returning();
  if (!claimed) return false;
  const [row] = await tx
    .select({ name: users.name, email: users.email, group: workingGroups.name, meetingTitle: meetings.title })
    .from(actionItems)
    .innerJoin(users, eq(users.id, actionItems.ownerId))
    .innerJoin(workingGroups, eq(workingGroups.id, actionItems.groupId))
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .where(eq(actionItems.id, actionItemId));
  await sendEmail(
    {
      to: { address: row.email, name: row.name },
      template: "groups-action-item-reminder",
      subject: `Erinnerung: Aufgabe fällig am ${formatDate(dueOn)}: ${claimed.title}`,
      body: createElement(GroupsActionItemReminderEmail, {
        name: row.name,
        groupName: row.group,
        title: claimed.title,
        dueOn: formatDate(dueOn),
        meetingTitle: row.meetingTitle,
        itemUrl: `${getEnv().APP_URL}${actionItemPath(actionItemId)}`,
      }),
    },
    tx,
  );
  return true;
}

/**
 * The status form as both pages post it (list and item): validates, changes, and answers either
 * the changed item's id or what to show at the form. An item the person may not change is 404.
 */
export async function statusFromForm(user: Actor, form: FormData, ip: string | null): Promise<{ ok: true; id: number } | { ok: false; status: number; failure: FormFailure }> {
  const values = formValues(form);
  const id = rowIdOrNotFound(values.actionItemId);
  const target = String(id);
  const parsed = statusChangeSchema.safeParse(values);
  if (!parsed.success) {
    // Someone who may not change the item learns nothing from a validation error either.
    await db.transaction((tx) => loadForChange(user, id, tx));
    return { ok: false, status: 400, failure: invalidFields(parsed.error, { intent: "status", target, values }) };
  }
  try {
    await changeActionItemStatus({ user, actionItemId: id, status: parsed.data.status, note: parsed.data.note, dueOn: parsed.data.dueOn, ip });
    return { ok: true, id };
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return { ok: false, status: error.status, failure: refused(error, { intent: "status", target, values }) };
  }
}
