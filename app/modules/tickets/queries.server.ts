import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { auditEvents } from "#db/schema/audit";
import { userRoles, users } from "#db/schema/auth";
import { calendarEvents } from "#db/schema/calendar";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { cannedReplies, ticketAttachments, ticketReplies, tickets, ticketStatusChanges, ticketVisits, type Ticket } from "#db/schema/tickets";
import { referenceCache } from "~/cache.server";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf } from "~/modules/auth/roles";
import { actionItemsOfTicket } from "~/modules/groups/action-items.server";
import { notFound } from "~/errors";
import { isTicketStaff, ticketScope } from "./access.server";
import { OPEN_TICKET_STATUSES, type TicketStatus } from "./lifecycle";
import type { TicketSort, TicketView } from "./list-options";
import { loadBusinessHours, loadSlaTargets } from "./routing-input.server";
import { slaDisplay, ticketSla, type SlaLevel } from "./sla";

export const TICKET_PAGE_SIZE = 25;

/** Every column but the search vector, which only the database reads. */
const { search: _ticketSearch, ...TICKET_COLUMNS } = getTableColumns(tickets);
const { search: _replySearch, ...REPLY_COLUMNS } = getTableColumns(ticketReplies);

/** SLA settings change rarely; read them at most every 30 s (ADR 015), like the other reference data. */
export const slaSettingsCache = referenceCache(async () => ({ targets: await loadSlaTargets(), hours: await loadBusinessHours() }));

export const TICKET_SORTS: Record<TicketSort, SQL | typeof tickets.id | typeof tickets.createdAt | typeof tickets.lastActivityAt | typeof tickets.title> = { nummer: tickets.id, eingang: tickets.createdAt, aktivitaet: tickets.lastActivityAt, prioritaet: sql`array_position(array['niedrig','normal','hoch','kritisch'], ${tickets.priority})`, titel: tickets.title };

export type TicketListFilter = {
  view: TicketView;
  status?: TicketStatus;
  centreId?: string;
  procedureId?: number;
  priority?: string;
  assigneeId?: string;
  municipalityId?: number;
  q?: string;
  sort?: TicketSort;
  direction?: "asc" | "desc";
  page?: number;
};

/** One SLA state for a row: the resolution clock, or the response clock while no one has answered. */
function rowSla(
  ticket: Pick<Ticket, "id" | "createdAt" | "priority" | "firstResponseAt" | "resolvedAt" | "centreId" | "status">,
  history: { status: string; at: Date }[],
  settings: Awaited<ReturnType<typeof slaSettingsCache.get>>,
  now: Date,
): { level: SlaLevel; text: string; paused: boolean } | null {
  const hours = settings.hours.get(ticket.centreId);
  if (!hours) return null;
  const intervals = history.map((h, i) => ({ status: h.status, from: h.at, to: history[i + 1]?.at ?? null }));
  const sla = ticketSla({
    createdAt: ticket.createdAt,
    priority: ticket.priority,
    statusHistory: intervals,
    firstResponseAt: ticket.firstResponseAt,
    resolvedAt: ticket.status === "geloest" || ticket.status === "geschlossen" ? ticket.resolvedAt : null,
    now,
    businessHours: hours,
    targets: settings.targets,
  });
  const clock = !ticket.firstResponseAt && !sla.response.stopped ? sla.response : sla.resolution;
  const shown = slaDisplay(clock);
  return { ...shown, text: `${clock === sla.response ? "Reaktion" : "Lösung"}: ${shown.text}`, paused: clock.state === "paused" };
}

/**
 * The ticket list for queues and search (items 6, 15), always inside the person's scope (C14).
 * Full-text search is PostgreSQL's `german` configuration over title, description and replies;
 * municipal IT's search never looks into internal notes.
 */
export async function listTickets(user: CurrentUser, filter: TicketListFilter, now = new Date(), tx: Executor = db) {
  const scope = ticketScope(user);
  if (!scope) notFound();
  const staff = isTicketStaff(user);
  const conditions: SQL[] = [scope];
  const view = staff ? filter.view : "alle";
  if (view === "meine") conditions.push(eq(tickets.assigneeId, user.id), inArray(tickets.status, [...OPEN_TICKET_STATUSES]));
  if (view === "zentrum") {
    const mine = centresOf(user.roles, "adviser", "centre_manager");
    if (mine.length) conditions.push(inArray(tickets.centreId, mine));
    conditions.push(inArray(tickets.status, [...OPEN_TICKET_STATUSES]));
  }
  if (view === "offen") conditions.push(isNull(tickets.assigneeId), inArray(tickets.status, [...OPEN_TICKET_STATUSES]), isNull(tickets.handedOffAt));
  if (filter.status) conditions.push(eq(tickets.status, filter.status));
  if (filter.centreId) conditions.push(eq(tickets.centreId, filter.centreId));
  if (filter.procedureId) conditions.push(eq(tickets.procedureId, filter.procedureId));
  if (filter.priority) conditions.push(eq(tickets.priority, filter.priority as Ticket["priority"]));
  if (filter.assigneeId) conditions.push(eq(tickets.assigneeId, filter.assigneeId));
  if (filter.municipalityId) conditions.push(eq(tickets.municipalityId, filter.municipalityId));
  let rank: SQL | null = null;
  if (filter.q) {
    const query = sql`websearch_to_tsquery('german', ${filter.q})`;
    // Matches in the ticket or in its replies (for municipal IT only public ones). The replies'
    // matches are read once into an array (an InitPlan), so both sides of the OR are index
    // conditions (GIN on tickets.search, the primary key) and combine with the scope's bitmaps.
    const replyMatch = staff
      ? sql`select r.ticket_id from ${ticketReplies} r where r.search @@ ${query}`
      : sql`select r.ticket_id from ${ticketReplies} r where r.visibility = 'public' and r.search @@ ${query}`;
    conditions.push(sql`(${tickets.search} @@ ${query} or ${tickets.id} = any(array(${replyMatch})))`);
    rank = sql`ts_rank(${tickets.search}, ${query})`;
  }
  const page = Math.max(1, filter.page ?? 1);
  const direction = filter.direction === "asc" ? asc : desc;
  const order = filter.sort ? [direction(TICKET_SORTS[filter.sort]), desc(tickets.id)] : rank ? [desc(rank), desc(tickets.id)] : [desc(tickets.lastActivityAt), desc(tickets.id)];
  const assignee = alias(users, "assignee");
  const rows = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      priority: tickets.priority,
      type: tickets.type,
      centreId: tickets.centreId,
      createdAt: tickets.createdAt,
      lastActivityAt: tickets.lastActivityAt,
      firstResponseAt: tickets.firstResponseAt,
      resolvedAt: tickets.resolvedAt,
      handedOffAt: tickets.handedOffAt,
      municipality: municipalities.name,
      procedure: procedures.name,
      assignee: assignee.name,
    })
    .from(tickets)
    .innerJoin(municipalities, eq(municipalities.id, tickets.municipalityId))
    .leftJoin(procedures, eq(procedures.id, tickets.procedureId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(TICKET_PAGE_SIZE + 1)
    .offset((page - 1) * TICKET_PAGE_SIZE);
  const hasMore = rows.length > TICKET_PAGE_SIZE;
  const shown = rows.slice(0, TICKET_PAGE_SIZE);
  const open = shown.filter((r) => OPEN_TICKET_STATUSES.includes(r.status));
  const [history, settings] = await Promise.all([
    open.length
      ? tx.select({ ticketId: ticketStatusChanges.ticketId, status: ticketStatusChanges.status, at: ticketStatusChanges.at }).from(ticketStatusChanges).where(inArray(ticketStatusChanges.ticketId, open.map((r) => r.id))).orderBy(ticketStatusChanges.ticketId, ticketStatusChanges.at)
      : [],
    slaSettingsCache.get(),
  ]);
  return {
    page,
    hasMore,
    rows: shown.map((r) => ({
      ...r,
      sla: OPEN_TICKET_STATUSES.includes(r.status) && !r.handedOffAt ? rowSla(r, history.filter((h) => h.ticketId === r.id), settings, now) : null,
    })),
  };
}

/** Counts for the start panels and queue tabs: own open tickets, the centre's unassigned ones. */
export async function ticketCounts(user: CurrentUser, tx: Executor = db) {
  const scope = ticketScope(user);
  if (!scope) return { mine: 0, unassigned: 0, centreOpen: 0 };
  const mine = centresOf(user.roles, "adviser", "centre_manager");
  const openStatus = inArray(tickets.status, [...OPEN_TICKET_STATUSES]);
  const [row] = await tx
    .select({
      mine: sql<number>`count(*) filter (where ${tickets.assigneeId} = ${user.id})::int`,
      unassigned: sql<number>`count(*) filter (where ${tickets.assigneeId} is null and ${tickets.handedOffAt} is null)::int`,
      centreOpen: mine.length ? sql<number>`count(*) filter (where ${inArray(tickets.centreId, mine)})::int` : sql<number>`0`,
    })
    .from(tickets)
    .where(and(scope, openStatus));
  return row;
}

/**
 * One ticket as its page shows it, or 404 (C14). Municipal IT never receives internal notes or
 * their attachments: they are not read for them at all. A merged ticket answers with the number
 * it was merged into, for the route to redirect.
 */
export async function getTicketPage(user: CurrentUser, number: string, now = new Date(), tx: Executor = db) {
  const scope = ticketScope(user);
  if (!scope) notFound();
  const staff = isTicketStaff(user);
  const assignee = alias(users, "assignee");
  const [row] = await tx
    .select({
      ticket: TICKET_COLUMNS,
      municipality: municipalities.name,
      centre: centres.name,
      procedure: procedures.name,
      module: procedureModules.name,
      assignee: assignee.name,
    })
    .from(tickets)
    .innerJoin(municipalities, eq(municipalities.id, tickets.municipalityId))
    .innerJoin(centres, eq(centres.id, tickets.centreId))
    .leftJoin(procedures, eq(procedures.id, tickets.procedureId))
    .leftJoin(procedureModules, eq(procedureModules.id, tickets.moduleId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .where(and(eq(tickets.number, number), scope));
  if (!row) notFound();
  const t = row.ticket;
  if (t.mergedIntoId) {
    const [target] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, t.mergedIntoId));
    if (target) return { redirectTo: target.number } as const;
  }
  const visible = staff ? undefined : eq(ticketReplies.visibility, "public");
  const [replies, attachments, history, statusChanges, visits, canned, settings, actionItems] = await Promise.all([
    tx.select(REPLY_COLUMNS).from(ticketReplies).where(and(eq(ticketReplies.ticketId, t.id), visible)).orderBy(ticketReplies.createdAt, ticketReplies.id),
    tx
      .select({ id: ticketAttachments.id, replyId: ticketAttachments.replyId, name: ticketAttachments.name, mimeType: ticketAttachments.mimeType, size: ticketAttachments.size, createdAt: ticketAttachments.createdAt })
      .from(ticketAttachments)
      .where(and(eq(ticketAttachments.ticketId, t.id), staff ? undefined : eq(ticketAttachments.visibility, "public")))
      .orderBy(ticketAttachments.createdAt),
    tx
      .select({ id: auditEvents.id, action: auditEvents.action, before: auditEvents.before, after: auditEvents.after, createdAt: auditEvents.createdAt, actor: users.name })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.entityType, "ticket"), eq(auditEvents.entityId, String(t.id))))
      .orderBy(auditEvents.createdAt, auditEvents.id),
    tx.select({ status: ticketStatusChanges.status, at: ticketStatusChanges.at }).from(ticketStatusChanges).where(eq(ticketStatusChanges.ticketId, t.id)).orderBy(ticketStatusChanges.at),
    tx
      .select({ id: ticketVisits.id, address: ticketVisits.address, startsAt: calendarEvents.startsAt, endsAt: calendarEvents.endsAt, status: calendarEvents.status })
      .from(ticketVisits)
      .innerJoin(calendarEvents, eq(calendarEvents.id, ticketVisits.eventId))
      .where(eq(ticketVisits.ticketId, t.id))
      .orderBy(calendarEvents.startsAt),
    staff ? tx.select({ id: cannedReplies.id, title: cannedReplies.title, body: cannedReplies.body }).from(cannedReplies).where(eq(cannedReplies.centreId, t.centreId)).orderBy(cannedReplies.title) : [],
    slaSettingsCache.get(),
    // Working-group action items linked to this ticket (issue 9, item 7), as far as the person may see them.
    actionItemsOfTicket(user, t.id, tx),
  ]);
  const sla = OPEN_TICKET_STATUSES.includes(t.status) && !t.handedOffAt ? rowSla(t, statusChanges, settings, now) : null;
  return {
    redirectTo: null,
    staff,
    ticket: {
      id: t.id,
      number: t.number,
      title: t.title,
      description: t.description,
      status: t.status,
      priority: t.priority,
      type: t.type,
      channel: t.channel,
      municipalityId: t.municipalityId,
      centreId: t.centreId,
      municipality: row.municipality,
      centre: row.centre,
      procedure: row.procedure,
      module: row.module,
      assigneeId: t.assigneeId,
      assignee: row.assignee,
      reporterName: t.reporterName,
      reporterEmail: t.reporterEmail,
      routingSummary: t.routingSummary,
      handedOffAt: t.handedOffAt,
      handedOffTo: staff ? t.handedOffTo : null,
      createdAt: t.createdAt,
      resolvedAt: t.resolvedAt,
      escalatedAt: t.escalatedAt,
    },
    sla,
    replies,
    attachments,
    history: staff ? history : history.filter((h) => h.action !== "ticket.note_added"),
    visits,
    canned,
    actionItems,
  };
}

/** The advisers (and managers) a ticket can be handed to: staff of the ticket's centre first, then the others. */
export async function assignableStaff(centreId: string, tx: Executor = db) {
  const rows = await tx
    .select({ id: users.id, name: users.name, centreId: userRoles.centreId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(inArray(userRoles.role, ["adviser", "centre_manager"]), eq(users.active, true)))
    .orderBy(desc(sql`${userRoles.centreId} = ${centreId}`), asc(users.name));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** One attachment's bytes, within the ticket's authorization (C14, D20); internal ones only for staff. */
export async function getTicketAttachment(user: CurrentUser, number: string, attachmentId: string, tx: Executor = db) {
  const scope = ticketScope(user);
  if (!scope || !/^[0-9a-f-]{36}$/.test(attachmentId)) notFound();
  const [row] = await tx
    .select({ name: ticketAttachments.name, mimeType: ticketAttachments.mimeType, size: ticketAttachments.size, content: ticketAttachments.content })
    .from(ticketAttachments)
    .innerJoin(tickets, eq(tickets.id, ticketAttachments.ticketId))
    .where(and(eq(ticketAttachments.id, attachmentId), eq(tickets.number, number), scope, isTicketStaff(user) ? undefined : eq(ticketAttachments.visibility, "public")));
  if (!row) notFound();
  return row;
}
