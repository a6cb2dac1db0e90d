/**
 * The support overview (Auswertung, issue 7 item 14): open tickets per centre and per procedure,
 * tickets opened and closed per week, SLA compliance per centre and month, the oldest open
 * tickets. Every count is an SQL aggregate; only the tickets solved in the SLA window (and their
 * pause intervals) come into JavaScript, because the SLA clock is business time with holidays and
 * pauses, which the pure `ticketSla` computes exactly (see `slaCompliance`).
 *
 * Scope: admins see all centres; centre managers the centres they manage. A ticket counts for
 * the centre that handles it (`tickets.centre_id`), not its home centre, so that each ticket
 * counts once.
 */
import { and, asc, count, eq, gte, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { tickets, ticketStatusChanges } from "#db/schema/tickets";
import { db, getDatabaseHandle } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { OPEN_TICKET_STATUSES, type TicketStatus } from "./lifecycle";
import type { TicketPriority } from "./priorities";
import { loadBusinessHours, loadSlaTargets } from "./routing-input.server";
import { SLA_PAUSE_STATUSES, ticketSla, type StatusInterval } from "./sla";
import { DASHBOARD_MONTHS, DASHBOARD_OLDEST, DASHBOARD_WEEKS } from "./dashboard-summary";

const ZONE = "Europe/Berlin";

/** Which centres a person's overview covers: null = all (admins); undefined = no overview (404). */
export type DashboardScope = { centreIds: string[] | null };

export function dashboardScope(user: Pick<CurrentUser, "roles">): DashboardScope | undefined {
  if (hasRole(user.roles, "admin")) return { centreIds: null };
  const managed = centresOf(user.roles, "centre_manager");
  return managed.length ? { centreIds: managed } : undefined;
}

export type CentreCount = { centreId: string; centre: string; open: number };
export type ProcedureCount = { procedureId: number | null; procedure: string; open: number };
export type WeekCount = { week: string; label: string; opened: number; closed: number };
export type SlaCell = { solved: number; met: number; share: number | null };
export type SlaCentre = { centreId: string; centre: string; months: SlaCell[]; total: SlaCell };
export type OldTicket = {
  number: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  centre: string;
  procedure: string | null;
  municipality: string;
  createdAt: string;
  ageDays: number;
};
export type Month = { key: string; label: string };

export type SupportDashboard = {
  generatedAt: string;
  centres: { id: string; name: string }[];
  openByCentre: CentreCount[];
  openByProcedure: ProcedureCount[];
  weeks: WeekCount[];
  months: Month[];
  sla: SlaCentre[];
  oldest: OldTicket[];
};

const openStatus = () => inArray(tickets.status, [...OPEN_TICKET_STATUSES]);
const inScope = (scope: DashboardScope): SQL | undefined => (scope.centreIds ? inArray(tickets.centreId, scope.centreIds) : undefined);

/** "Zentrum West": centres are named by their region. */
export function centreLabel(name: string) {
  return `Zentrum ${name}`;
}

/** The Monday 00:00 (Berlin) of the week `DASHBOARD_WEEKS − 1` weeks before `now`'s week, and each week's key. */
export function dashboardWeeks(now: Date): { start: Date; weeks: Month[] } {
  const current = DateTime.fromJSDate(now, { zone: ZONE }).startOf("week");
  const first = current.minus({ weeks: DASHBOARD_WEEKS - 1 });
  const weeks = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => {
    const w = first.plus({ weeks: i });
    return { key: w.toISODate()!, label: `KW ${w.weekNumber} (${w.toFormat("dd.MM.")})` };
  });
  return { start: first.toJSDate(), weeks };
}

/** The first day (Berlin) of the month `DASHBOARD_MONTHS − 1` months before `now`'s month, and each month. */
export function dashboardMonths(now: Date): { start: Date; months: Month[] } {
  const current = DateTime.fromJSDate(now, { zone: ZONE }).startOf("month");
  const first = current.minus({ months: DASHBOARD_MONTHS - 1 });
  const months = Array.from({ length: DASHBOARD_MONTHS }, (_, i) => {
    const m = first.plus({ months: i }).setLocale("de");
    return { key: m.toFormat("yyyy-MM"), label: m.toFormat("LLLL yyyy") };
  });
  return { start: first.toJSDate(), months };
}

export async function loadSupportDashboard(args: { scope: DashboardScope; now?: Date }, tx: Executor = db): Promise<SupportDashboard> {
  const now = args.now ?? new Date();
  const { scope } = args;
  const [centreRows, openByCentre, openByProcedure, weeks, slaResult, oldest] = await Promise.all([
    tx
      .select({ id: centres.id, name: centres.name })
      .from(centres)
      .where(scope.centreIds ? inArray(centres.id, scope.centreIds) : undefined)
      .orderBy(asc(centres.sortOrder)),
    tx
      .select({ centreId: tickets.centreId, open: count() })
      .from(tickets)
      .where(and(openStatus(), inScope(scope)))
      .groupBy(tickets.centreId),
    openPerProcedure(scope, tx),
    ticketsPerWeek(scope, now, tx),
    slaCompliance(scope, now, tx),
    oldestOpen(scope, now, tx),
  ]);
  const centreList = centreRows.map((c) => ({ id: c.id, name: centreLabel(c.name) }));
  const openCounts = new Map(openByCentre.map((r) => [r.centreId, r.open]));
  return {
    generatedAt: now.toISOString(),
    centres: centreList,
    openByCentre: centreList.map((c) => ({ centreId: c.id, centre: c.name, open: openCounts.get(c.id) ?? 0 })),
    openByProcedure,
    weeks,
    months: slaResult.months,
    sla: centreList.map((c) => {
      const found = slaResult.byCentre.get(c.id);
      return found ? { centreId: c.id, centre: c.name, ...found } : emptySla(c, slaResult.months.length);
    }),
    oldest,
  };
}

async function openPerProcedure(scope: DashboardScope, tx: Executor): Promise<ProcedureCount[]> {
  const counts = tx
    .select({ procedureId: tickets.procedureId, open: count().as("open") })
    .from(tickets)
    .where(and(openStatus(), inScope(scope)))
    .groupBy(tickets.procedureId)
    .as("counts");
  const rows = await tx
    .select({ procedureId: counts.procedureId, open: counts.open, name: procedures.name, code: procedures.code })
    .from(counts)
    .leftJoin(procedures, eq(procedures.id, counts.procedureId));
  return rows
    .map((r) => ({ procedureId: r.procedureId, procedure: r.procedureId == null ? "Ohne Verfahren" : (r.name ?? r.code ?? "?"), open: Number(r.open) }))
    .sort((a, b) => b.open - a.open || a.procedure.localeCompare(b.procedure, "de"));
}

async function ticketsPerWeek(scope: DashboardScope, now: Date, tx: Executor): Promise<WeekCount[]> {
  const { start, weeks } = dashboardWeeks(now);
  const weekOf = (column: typeof tickets.createdAt | typeof tickets.closedAt) =>
    sql<string>`to_char(date_trunc('week', ${column} at time zone 'Europe/Berlin'), 'YYYY-MM-DD')`;
  const openedWeek = weekOf(tickets.createdAt);
  const closedWeek = weekOf(tickets.closedAt);
  const [opened, closed] = await Promise.all([
    tx
      .select({ week: openedWeek, n: count() })
      .from(tickets)
      .where(and(gte(tickets.createdAt, start), inScope(scope)))
      .groupBy(openedWeek),
    tx
      .select({ week: closedWeek, n: count() })
      .from(tickets)
      .where(and(gte(tickets.closedAt, start), inScope(scope)))
      .groupBy(closedWeek),
  ]);
  const openedBy = new Map(opened.map((r) => [r.week, r.n]));
  const closedBy = new Map(closed.map((r) => [r.week, r.n]));
  return weeks.map((w) => ({ week: w.key, label: w.label, opened: openedBy.get(w.key) ?? 0, closed: closedBy.get(w.key) ?? 0 }));
}

/**
 * SLA compliance: of the tickets solved (gelöst, also when closed since) in each of the last
 * months, the share whose resolution clock stayed within its target. Exact: `ticketSla` over each
 * ticket's status history (pauses in Rückfrage), the centre's business hours and holidays, the
 * configured targets. A ticket counts in the month (Berlin) of its latest `resolved_at`; a ticket
 * reopened and still open is not solved and does not count; merged duplicates do not count.
 *
 * Only solved tickets come into JavaScript: about a sixth of three years' tickets at most, with
 * their pause intervals (computed in SQL with `lead()`), not their text. The condition is written
 * so that the indexes on (status, created_at) and (closed_at) find them: a ticket solved in the
 * window is gelöst now, or closed after it was solved, so within the window too.
 */
export async function slaCompliance(scope: DashboardScope, now: Date, tx: Executor = db) {
  const { start } = dashboardMonths(now);
  const owner = tx === db ? getDatabaseHandle() : tx;
  const key = `${scope.centreIds?.join(",") ?? "*"}|${start.toISOString()}`;
  const memo = slaMemo.get(owner) ?? new Map<string, { expiresAt: number; value: ReturnType<typeof computeSlaCompliance> }>();
  slaMemo.set(owner, memo);
  const hit = memo.get(key);
  if (hit && hit.expiresAt > Date.now()) return hit.value;
  const value = computeSlaCompliance(scope, now, tx);
  memo.set(key, { expiresAt: Date.now() + SLA_MEMO_MS, value });
  value.catch(() => memo.delete(key));
  return value;
}

/**
 * The SLA figures are kept in memory for SLA_MEMO_MS per scope and window: computing them reads
 * every solved ticket of six months and runs the business-time clock for each (on 100,000 tickets
 * in three years about 13,000), while the figures of solved tickets hardly change within minutes.
 * The page says how old they may be. Per database (tests install one per file).
 */
export const SLA_MEMO_MS = 5 * 60_000;
const slaMemo = new WeakMap<object, Map<string, { expiresAt: number; value: ReturnType<typeof computeSlaCompliance> }>>();

async function computeSlaCompliance(scope: DashboardScope, now: Date, tx: Executor) {
  const { start, months } = dashboardMonths(now);
  const solvedInWindow = and(
    or(eq(tickets.status, "geloest"), and(eq(tickets.status, "geschlossen"), gte(tickets.closedAt, start))),
    gte(tickets.resolvedAt, start),
    isNull(tickets.mergedIntoId),
    inScope(scope),
  );
  const [solved, hours, targets] = await Promise.all([
    tx
      .select({ id: tickets.id, centreId: tickets.centreId, priority: tickets.priority, createdAt: tickets.createdAt, resolvedAt: tickets.resolvedAt })
      .from(tickets)
      .where(solvedInWindow),
    loadBusinessHours(tx),
    loadSlaTargets(tx),
  ]);
  // The pause intervals of exactly these tickets, by their ids (one array parameter): the status
  // history's index on ticket_id finds them, and tickets is not read a second time.
  const nextAt = sql<string | Date | null>`lead(${ticketStatusChanges.at}) over (partition by ${ticketStatusChanges.ticketId} order by ${ticketStatusChanges.at})`;
  const intervals = tx
    .select({ ticketId: ticketStatusChanges.ticketId, status: ticketStatusChanges.status, from: ticketStatusChanges.at, to: nextAt.as("to") })
    .from(ticketStatusChanges)
    .where(sql`${ticketStatusChanges.ticketId} = any(${`{${solved.map((t) => t.id).join(",")}}`}::int[])`)
    .as("intervals");
  const pauseRows = solved.length
    ? await tx
        .select()
        .from(intervals)
        .where(inArray(intervals.status, [...SLA_PAUSE_STATUSES]))
    : [];
  const pauses = new Map<number, StatusInterval[]>();
  for (const p of pauseRows) {
    const list = pauses.get(p.ticketId) ?? [];
    list.push({ status: p.status, from: new Date(p.from), to: p.to == null ? null : new Date(p.to) });
    pauses.set(p.ticketId, list);
  }
  const monthIndex = new Map(months.map((m, i) => [m.key, i]));
  const cells = new Map<string, { solved: number; met: number }[]>();
  for (const t of solved) {
    const config = hours.get(t.centreId);
    if (!config || !t.resolvedAt) continue;
    const month = monthIndex.get(DateTime.fromJSDate(t.resolvedAt, { zone: ZONE }).toFormat("yyyy-MM"));
    if (month === undefined) continue;
    const clock = ticketSla({
      createdAt: t.createdAt,
      priority: t.priority,
      statusHistory: pauses.get(t.id) ?? [],
      resolvedAt: t.resolvedAt,
      now,
      businessHours: config,
      targets,
    }).resolution;
    const row = cells.get(t.centreId) ?? months.map(() => ({ solved: 0, met: 0 }));
    row[month].solved += 1;
    if (clock.state === "met") row[month].met += 1;
    cells.set(t.centreId, row);
  }
  const byCentre = new Map<string, Omit<SlaCentre, "centre" | "centreId">>();
  for (const [centreId, row] of cells) {
    const total = row.reduce((sum, c) => ({ solved: sum.solved + c.solved, met: sum.met + c.met }), { solved: 0, met: 0 });
    byCentre.set(centreId, { months: row.map(slaCell), total: slaCell(total) });
  }
  return { months, byCentre };
}

function slaCell(c: { solved: number; met: number }): SlaCell {
  return { ...c, share: c.solved ? c.met / c.solved : null };
}

function emptySla(c: { id: string; name: string }, months: number): SlaCentre {
  return { centreId: c.id, centre: c.name, months: Array.from({ length: months }, () => slaCell({ solved: 0, met: 0 })), total: slaCell({ solved: 0, met: 0 }) };
}

async function oldestOpen(scope: DashboardScope, now: Date, tx: Executor): Promise<OldTicket[]> {
  const rows = await tx
    .select({
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      priority: tickets.priority,
      centre: centres.name,
      procedure: procedures.name,
      municipality: municipalities.name,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .innerJoin(centres, eq(centres.id, tickets.centreId))
    .innerJoin(municipalities, eq(municipalities.id, tickets.municipalityId))
    .leftJoin(procedures, eq(procedures.id, tickets.procedureId))
    .where(and(openStatus(), inScope(scope)))
    .orderBy(asc(tickets.createdAt), asc(tickets.id))
    .limit(DASHBOARD_OLDEST);
  return rows.map((r) => ({
    ...r,
    centre: centreLabel(r.centre),
    createdAt: r.createdAt.toISOString(),
    ageDays: Math.floor((now.getTime() - r.createdAt.getTime()) / 86_400_000),
  }));
}
