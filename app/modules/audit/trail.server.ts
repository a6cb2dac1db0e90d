import { inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema/auth";
import { calendarEvents } from "#db/schema/calendar";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { db } from "~/db.server";
import { formatDateTime } from "~/format";
import { berlinDayStart, listAuditEvents, type AuditFilter, type AuditRow } from "./audit.server";
import type { AuditFilterInput } from "./validation";
import { actionLabel, changedFields, entityTypeLabel, referencedIds, type AuditNames, type FieldChange } from "./labels";

/**
 * The audit trail as a person reads it: names instead of ids, links to the objects, German labels
 * and values. The names of a page are looked up in one query per kind of object (no N+1).
 */
export interface NamedLink {
  name: string;
  /** Where the object can be seen; null when there is no page for it (or it is gone). */
  href: string | null;
}

export interface ReadableAuditEvent {
  id: number;
  /** "01.12.2026, 18:05 Uhr", Europe/Berlin. */
  time: string;
  /** The instant, for `<time dateTime>`. */
  timeIso: string;
  actor: NamedLink;
  action: string;
  entity: NamedLink & {
    /** German type label, e.g. "Person". */
    type: string;
    /** Raw type and id, for the "only this object" filter link. */
    filter: { entityType: string; entityId: string } | null;
  };
  changes: FieldChange[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERIAL = /^\d{1,9}$/;

/** What is shown for an object whose row no longer exists (or never did). */
const GONE: Record<string, string> = {
  user: "Person nicht mehr vorhanden",
  municipality: "Mitglied nicht mehr vorhanden",
  calendar_event: "Termin nicht mehr vorhanden",
};

export interface EntityRef {
  entityType: string;
  entityId: string | null;
}

interface Lookup {
  people: Map<string, string>;
  members: Map<number, string>;
  events: Map<string, string>;
  names: AuditNames;
}

/** One query per kind of object the rows (and their values) refer to. */
async function lookUp(rows: { entityType: string; entityId: string | null; before?: unknown; after?: unknown }[], tx: Executor): Promise<Lookup> {
  const personIds = new Set<string>();
  const eventIds = new Set<string>();
  const refs = referencedIds(rows.flatMap((r) => [r.before, r.after]));
  for (const r of rows) {
    if (!r.entityId) continue;
    if (r.entityType === "user" && UUID.test(r.entityId)) personIds.add(r.entityId);
    if (r.entityType === "calendar_event" && UUID.test(r.entityId)) eventIds.add(r.entityId);
    if (r.entityType === "municipality" && SERIAL.test(r.entityId)) refs.municipalities.add(Number(r.entityId));
  }
  const needsCentres =
    rows.some((r) => r.entityType === "centre") || rows.some((r) => [r.before, r.after].some((side) => side && typeof side === "object" && "centreId" in side));
  const [people, members, events, procs, centreRows] = await Promise.all([
    personIds.size ? tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...personIds])) : [],
    refs.municipalities.size
      ? tx.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, [...refs.municipalities]))
      : [],
    eventIds.size ? tx.select({ id: calendarEvents.id, name: calendarEvents.title }).from(calendarEvents).where(inArray(calendarEvents.id, [...eventIds])) : [],
    refs.procedures.size ? tx.select({ id: procedures.id, name: procedures.name }).from(procedures).where(inArray(procedures.id, [...refs.procedures])) : [],
    needsCentres ? tx.select({ id: centres.id, name: centres.name }).from(centres) : [],
  ]);
  const members_ = new Map(members.map((m) => [m.id, m.name]));
  return {
    people: new Map(people.map((p) => [p.id, p.name])),
    members: members_,
    events: new Map(events.map((e) => [e.id, e.name])),
    names: {
      centres: new Map(centreRows.map((c) => [c.id, c.name])),
      municipalities: members_,
      procedures: new Map(procs.map((p) => [p.id, p.name])),
    },
  };
}

function describeEntity(ref: EntityRef, lookup: Lookup): ReadableAuditEvent["entity"] {
  const type = entityTypeLabel(ref.entityType);
  const id = ref.entityId;
  if (!id) return { type, name: type, href: null, filter: null };
  const filter = { entityType: ref.entityType, entityId: id };
  switch (ref.entityType) {
    case "user": {
      const name = lookup.people.get(id);
      return name ? { type, name, href: `/admin/personen/${id}`, filter } : { type, name: GONE.user, href: null, filter };
    }
    case "municipality": {
      const name = SERIAL.test(id) ? lookup.members.get(Number(id)) : undefined;
      return name ? { type, name, href: `/mitglieder/${id}/bearbeiten`, filter } : { type, name: `${GONE.municipality} (Nr. ${id})`, href: null, filter };
    }
    case "centre": {
      const name = lookup.names.centres.get(id);
      return name ? { type, name: `Zentrum ${name}`, href: `/admin/zentren/${id}`, filter } : { type, name: id, href: null, filter };
    }
    case "calendar_event": {
      // There is no page for a single calendar event yet: the title, without a link.
      const name = lookup.events.get(id);
      return { type, name: name ?? GONE.calendar_event, href: null, filter };
    }
    default:
      // A type without a page or a name column: its id is all there is.
      return { type, name: id, href: null, filter };
  }
}

function describeActor(row: AuditRow): NamedLink {
  if (row.actorId && row.actorName) return { name: row.actorName, href: `/admin/personen/${row.actorId}` };
  // Entries without an actor come from jobs and operator scripts; a deleted person's id is set null too.
  return { name: "System", href: null };
}

export async function listReadableAuditEvents(filter: AuditFilter, opts: { maxValueLength?: number | null } = {}, tx: Executor = db) {
  const { rows, hasMore, page } = await listAuditEvents(filter, tx);
  const lookup = await lookUp(rows, tx);
  const events: ReadableAuditEvent[] = rows.map((row) => ({
    id: row.id,
    time: formatDateTime(row.createdAt),
    timeIso: row.createdAt.toISOString(),
    actor: describeActor(row),
    action: actionLabel(row.action),
    entity: describeEntity(row, lookup),
    changes: changedFields(row.before, row.after, lookup.names, { maxLength: opts.maxValueLength === undefined ? 200 : opts.maxValueLength }),
  }));
  return { events, hasMore, page };
}

/** The object a filter narrows to, by name ("Person: Arne Aufsicht"). */
export async function describeEntityRef(ref: EntityRef, tx: Executor = db) {
  return describeEntity(ref, await lookUp([ref], tx));
}

/** The validated query (page and CSV share it) as the query's filter: Berlin days, inclusive. */
export function toAuditFilter(f: AuditFilterInput): AuditFilter {
  return {
    entityType: f.entityType,
    entityId: f.entityId,
    action: f.action,
    actorId: f.actorId,
    actorEmail: f.actor,
    from: f.from ? berlinDayStart(f.from) : undefined,
    before: f.to ? berlinDayStart(f.to, 1) : undefined,
    order: f.order,
    page: f.page,
  };
}
