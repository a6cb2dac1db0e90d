import type { Executor } from "#db/client";
import { and, asc, eq } from "drizzle-orm";
import { userRoles, users } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { referenceCache } from "~/cache.server";
import { db } from "~/db.server";
import { isFiltered, memberMatches, type MemberFilter } from "./filter";
import { joiningFeeCents, yearlyLevyCents } from "./levy";

type Sums = { members: number; inhabitants: number; yearlyLevyCents: number; joiningFeeCents: number };
function sum(rows: { inhabitants: number; yearlyLevyCents: number; joiningFeeCents: number }[]): Sums {
  return {
    members: rows.length,
    inhabitants: rows.reduce((s, m) => s + m.inhabitants, 0),
    yearlyLevyCents: rows.reduce((s, m) => s + m.yearlyLevyCents, 0),
    joiningFeeCents: rows.reduce((s, m) => s + m.joiningFeeCents, 0),
  };
}

/**
 * Members and centres are public facts of KAI; everyone may read them, and so the centres'
 * contacts and their managers' business contacts. A centre's `members` are those that match the
 * filter; its sums (`inhabitants`, levy, `memberCount`) are always the whole centre's, `shown`
 * sums the matching members. 37 rows: the filter runs in code, with the same folding as its tests.
 */
export async function listMembersByCentre(filter: MemberFilter = {}) {
  const [centreRows, memberRows, managers] = await Promise.all([centresCache.get(), membersCache.get(), listCentreManagers()]);
  const withLevy = memberRows.map((m) => ({
    ...m,
    yearlyLevyCents: yearlyLevyCents(m.inhabitants),
    joiningFeeCents: joiningFeeCents(m.inhabitants),
  }));
  const groups = centreRows.map((c) => {
    const all = withLevy.filter((m) => m.centreId === c.id);
    const members = all.filter((m) => memberMatches(m, filter));
    const totals = sum(all);
    return {
      ...c,
      managers: managers.filter((m) => m.centreId === c.id).map(({ name, email, phone }) => ({ name, email, phone })),
      members,
      memberCount: totals.members,
      inhabitants: totals.inhabitants,
      yearlyLevyCents: totals.yearlyLevyCents,
      joiningFeeCents: totals.joiningFeeCents,
      shown: sum(members),
    };
  });
  return {
    centres: groups,
    total: sum(withLevy),
    shown: groups.reduce((s, g) => s + g.members.length, 0),
    filtered: isFiltered(filter),
    /** Founding members have no date; the column is only worth showing once one has. */
    anyMemberSince: withLevy.some((m) => m.memberSince !== null),
  };
}

/** Who runs each centre: active holders of the centre_manager role, with their business contacts. */
export function listCentreManagers() {
  return db
    .select({ centreId: userRoles.centreId, name: users.name, email: users.email, phone: users.phone })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, "centre_manager"), eq(users.active, true)))
    .orderBy(asc(users.name));
}

export async function getCentre(id: string) {
  const [row] = await db.select().from(centres).where(eq(centres.id, id));
  return row ?? null;
}

/**
 * The public reference data, cached in memory for a short time (app/cache.server.ts,
 * docs/decisions/015-reference-data-cache.md). Every command that changes it clears its cache:
 * members in commands.server.ts (updateMember, createMember), centres there too
 * (updateCentreContact), the catalogue where it will be edited.
 */
export const centresCache = referenceCache(() => db.select().from(centres).orderBy(asc(centres.sortOrder)));
export const membersCache = referenceCache(() =>
  db
    .select({
      id: municipalities.id,
      name: municipalities.name,
      kind: municipalities.kind,
      state: municipalities.state,
      district: municipalities.district,
      centreId: municipalities.centreId,
      inhabitants: municipalities.inhabitants,
      memberSince: municipalities.memberSince,
    })
    .from(municipalities)
    .orderBy(asc(municipalities.name)),
);
/** The procedure catalogue, read through `tx` (inside a transaction) or the process's database. */
export async function loadCatalogue(tx: Executor = db) {
  const rows = await tx.query.procedures.findMany({
    orderBy: [asc(procedures.sortOrder), asc(procedures.id)],
    with: { modules: { orderBy: [asc(procedureModules.sortOrder), asc(procedureModules.id)] } },
  });
  return { core: rows.filter((p) => p.kind === "core"), framework: rows.filter((p) => p.kind === "framework") };
}
export const catalogueCache = referenceCache(() => loadCatalogue());

export function listCentres() {
  return centresCache.get();
}

/** Every member's name, by name; `ids` narrows it to those members. */
export async function listMunicipalityNames(ids?: number[]) {
  const rows = await membersCache.get();
  return rows.filter((m) => !ids || ids.includes(m.id)).map(({ id, name, centreId }) => ({ id, name, centreId }));
}

export async function getMember(id: number) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row ?? null;
}

export function listProcedureCatalogue() {
  return catalogueCache.get();
}
