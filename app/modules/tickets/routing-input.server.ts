import { and, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { adviserCompetences, userRoles, users } from "#db/schema/auth";
import { centres } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { adviserAbsences, centreClosingDays, productContacts, routingOverrides, slaTargets, tickets } from "#db/schema/tickets";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { centreBusinessHours, type BusinessHoursConfig, type CentreId } from "./business-hours";
import { OPEN_TICKET_STATUSES } from "./lifecycle";
import type { TicketPriority } from "./priorities";
import type { Absence, CentreOverride, RoutingAdviser, RoutingConfig, RoutingInput } from "./routing";
import { DEFAULT_SLA_TARGETS, type SlaTargets } from "./sla";

/**
 * Everything the routing function needs except the ticket, read fresh (loads change with every
 * ticket). Absences are only those that have not ended before today.
 */
export async function loadRoutingContext(today: string, tx: Executor = db): Promise<Omit<RoutingInput, "ticket">> {
  const [centreRows, adviserRows, competenceRows, absenceRows, loadRows, managerRows, overrideRows, contactRows] = await Promise.all([
    tx.select({ id: centres.id, name: centres.name, sortOrder: centres.sortOrder }).from(centres),
    tx
      .select({
        id: users.id,
        name: users.name,
        centreId: userRoles.centreId,
        // Per adviser, the latest assignment: one index lookup each (tickets_assignee_assigned_idx),
        // not a pass over every ticket ever assigned.
        lastAssignedAt: sql<string | null>`(select max(t.assigned_at) from ${tickets} t where t.assignee_id = ${users.id})`,
      })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "adviser"), eq(users.active, true))),
    tx.select().from(adviserCompetences),
    tx
      .select({ userId: adviserAbsences.userId, from: adviserAbsences.startsOn, to: adviserAbsences.endsOn })
      .from(adviserAbsences)
      .where(gte(adviserAbsences.endsOn, today)),
    tx
      .select({ assigneeId: tickets.assigneeId, priority: tickets.priority, count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(isNotNull(tickets.assigneeId), inArray(tickets.status, [...OPEN_TICKET_STATUSES])))
      .groupBy(tickets.assigneeId, tickets.priority),
    tx
      .select({ userId: userRoles.userId, centreId: userRoles.centreId })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "centre_manager"), eq(users.active, true))),
    tx.select().from(routingOverrides),
    tx
      .select({ procedureId: productContacts.procedureId, userId: productContacts.userId, name: users.name })
      .from(productContacts)
      .innerJoin(users, eq(users.id, productContacts.userId))
      .where(eq(users.active, true)),
  ]);

  const absences = new Map<string, Absence[]>();
  for (const a of absenceRows) absences.set(a.userId, [...(absences.get(a.userId) ?? []), { from: a.from, to: a.to }]);
  const competences = new Map<string, number[]>();
  for (const c of competenceRows) competences.set(c.userId, [...(competences.get(c.userId) ?? []), c.procedureId]);
  const loads = new Map<string, Partial<Record<TicketPriority, number>>>();
  for (const l of loadRows) loads.set(l.assigneeId!, { ...loads.get(l.assigneeId!), [l.priority]: l.count });

  const advisers = new Map<string, RoutingAdviser>();
  for (const row of adviserRows) {
    const existing = advisers.get(row.id);
    if (existing) {
      advisers.set(row.id, { ...existing, centreIds: [...existing.centreIds, row.centreId!] });
      continue;
    }
    advisers.set(row.id, {
      id: row.id,
      name: row.name,
      centreIds: [row.centreId!],
      procedureIds: competences.get(row.id) ?? [],
      absences: absences.get(row.id) ?? [],
      openTickets: loads.get(row.id) ?? {},
      lastAssignedAt: row.lastAssignedAt ? new Date(row.lastAssignedAt) : null,
    });
  }

  const env = getEnv();
  const config: RoutingConfig = {
    overrides: overrideRows.map(
      (o): CentreOverride => ({
        centreId: o.centreId,
        procedureId: o.procedureId,
        moduleId: o.moduleId,
        target: o.targetAdviserId ? { kind: "adviser", adviserId: o.targetAdviserId } : { kind: "centre", centreId: o.targetCentreId! },
      }),
    ),
    partner: { name: env.PARTNER_NAME, supportAddress: env.PARTNER_SUPPORT_ADDRESS ?? "", procedureCodes: ["PERSOS"] },
    productContacts: contactRows.map((c) => ({ ...c, absences: absences.get(c.userId) ?? [] })),
  };

  return {
    centres: centreRows,
    advisers: [...advisers.values()],
    centreManagers: managerRows.map((m) => ({ userId: m.userId, centreId: m.centreId! })),
    config,
    today,
  };
}

/** The procedure as the routing function sees it. */
export async function loadRoutingProcedure(procedureId: number | null, tx: Executor = db) {
  if (procedureId == null) return null;
  const [row] = await tx
    .select({ id: procedures.id, code: procedures.code, name: procedures.name, kind: procedures.kind })
    .from(procedures)
    .where(eq(procedures.id, procedureId));
  return row ? { ...row, kind: row.kind as "core" | "framework" } : null;
}

/** SLA targets per priority (minutes in the table, ms here); the defaults fill any gap. */
export async function loadSlaTargets(tx: Executor = db): Promise<SlaTargets> {
  const rows = await tx.select().from(slaTargets);
  const targets: Record<string, { response: number; resolution: number }> = { ...DEFAULT_SLA_TARGETS };
  for (const r of rows) targets[r.priority] = { response: r.responseMinutes * 60_000, resolution: r.resolutionMinutes * 60_000 };
  return targets as SlaTargets;
}

/** Business hours per centre: Mon–Fri 08:00–16:00, the state's holidays and the centre's closing days. */
export async function loadBusinessHours(tx: Executor = db): Promise<Map<string, BusinessHoursConfig>> {
  const [centreRows, closing] = await Promise.all([tx.select({ id: centres.id }).from(centres), tx.select().from(centreClosingDays)]);
  const result = new Map<string, BusinessHoursConfig>();
  for (const c of centreRows) {
    const days = closing.filter((d) => d.centreId === c.id).map((d) => d.day);
    result.set(c.id, centreBusinessHours(c.id as CentreId, { closingDays: days }));
  }
  return result;
}
