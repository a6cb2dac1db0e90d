import { and, asc, desc, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { auditEvents } from "#db/schema/audit";
import { users } from "#db/schema/auth";
import { db } from "~/db.server";

export interface AuditInput {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  /** When it happened, if not now: the ticket commands pass the time they act at (demo data, jobs with a fixed clock). */
  at?: Date;
}

/** Writes one audit event; call it inside the transaction that makes the change (ACCEPTANCE I44). */
export async function recordAudit(input: AuditInput, tx: Executor = db) {
  await tx.insert(auditEvents).values({
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
    ...(input.at ? { createdAt: input.at } : {}),
  });
}

/** Only the fields that differ, for a readable before/after. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

export interface AuditFilter {
  entityType?: string;
  /** Only together with entityType: one object's history. */
  entityId?: string;
  action?: string;
  actorEmail?: string;
  /** A person's id, or "system" for entries without an actor. */
  actorId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive: the first instant no longer wanted. */
  before?: Date;
  order?: "newest" | "oldest";
  page?: number;
  /** Rows per page; the CSV export asks for one large page. */
  pageSize?: number;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The instant a Berlin calendar day (YYYY-MM-DD) begins, `addDays` later. A filter "bis 29.03."
 * means up to the start of 30.03. in Berlin, whatever the server's TZ and across DST switches.
 */
export function berlinDayStart(isoDate: string, addDays = 0): Date {
  const day = DateTime.fromISO(isoDate, { zone: "Europe/Berlin" });
  if (!day.isValid) throw new Error(`not a calendar date: ${isoDate}`);
  return day.startOf("day").plus({ days: addDays }).toJSDate();
}

/** The sort orders the filter allows, each a fixed column and direction (ACCEPTANCE D18). */
const ORDER_BY = {
  newest: desc(auditEvents.id),
  oldest: asc(auditEvents.id),
} as const;

/** Admins only: the route guards the role; filters are bound parameters, never SQL text. */
export async function listAuditEvents(filter: AuditFilter, tx: Executor = db) {
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityType && filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.actorEmail) where.push(eq(users.email, filter.actorEmail.toLowerCase()));
  if (filter.actorId === "system") where.push(isNull(auditEvents.actorId));
  else if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.from) where.push(gte(auditEvents.createdAt, filter.from));
  if (filter.before) where.push(lt(auditEvents.createdAt, filter.before));
  const page = Math.max(1, Math.trunc(filter.page ?? 1));
  const pageSize = filter.pageSize ?? AUDIT_PAGE_SIZE;
  const rows = await tx
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      actorId: auditEvents.actorId,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(ORDER_BY[filter.order ?? "newest"])
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize, page };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/** The entity types, actions and acting people that occur, for the filter's select lists. */
export async function listAuditFacets() {
  const [types, actions, actors] = await Promise.all([
    db.selectDistinct({ v: auditEvents.entityType }).from(auditEvents).orderBy(auditEvents.entityType),
    db.selectDistinct({ v: auditEvents.action }).from(auditEvents).orderBy(auditEvents.action),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(auditEvents)
      .innerJoin(users, eq(users.id, auditEvents.actorId))
      .orderBy(users.name, users.id),
  ]);
  return { entityTypes: types.map((t) => t.v), actions: actions.map((a) => a.v), actors };
}
