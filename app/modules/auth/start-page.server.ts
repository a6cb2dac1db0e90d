import { asc, eq, inArray } from "drizzle-orm";
import { adviserCompetences } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { db } from "~/db.server";
import { yearlyLevyCents } from "~/modules/members/levy";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import type { CurrentUser } from "./guards.server";
import { centresOf, describeGrant, hasRole } from "./roles";

/** The procedures the signed-in adviser is competent for; the where clause carries the owner. */
export function listOwnCompetences(args: { userId: string }) {
  return db
    .select({ code: procedures.code, name: procedures.name })
    .from(adviserCompetences)
    .innerJoin(procedures, eq(procedures.id, adviserCompetences.procedureId))
    .where(eq(adviserCompetences.userId, args.userId))
    .orderBy(asc(procedures.sortOrder), asc(procedures.id));
}

/**
 * What the start page shows a person: only their own roles and the facts those roles concern
 * (their centre's members, their municipality). Nothing about other people.
 */
export async function loadStartPage(args: { user: CurrentUser }) {
  const { user } = args;
  const [centreRows, municipalityRows] = await Promise.all([listCentres(), listMunicipalityNames()]);
  const names = {
    centres: new Map(centreRows.map((c) => [c.id, c.name])),
    municipalities: new Map(municipalityRows.map((m) => [m.id, m.name])),
  };
  const roles = [...new Set(user.roles.map((g) => describeGrant(g, names)))];

  const centreIds = centresOf(user.roles, "centre_manager", "adviser");
  const centreMembers = centreIds.length
    ? await db
        .select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId, inhabitants: municipalities.inhabitants })
        .from(municipalities)
        .where(inArray(municipalities.centreId, centreIds))
        .orderBy(asc(municipalities.name))
    : [];
  const ownCentres = centreRows
    .filter((c) => centreIds.includes(c.id))
    .map((c) => {
      const members = centreMembers.filter((m) => m.centreId === c.id).map(({ id, name, inhabitants }) => ({ id, name, inhabitants }));
      return { id: c.id, name: c.name, city: c.city, members, inhabitants: members.reduce((s, m) => s + m.inhabitants, 0) };
    });

  const competences = hasRole(user.roles, "adviser") ? await listOwnCompetences({ userId: user.id }) : [];

  const municipalityIds = [
    ...new Set(user.roles.filter((g) => g.role === "municipal_it" && g.municipalityId).map((g) => g.municipalityId!)),
  ];
  const municipalityFacts = municipalityIds.length
    ? (
        await db
          .select({
            id: municipalities.id,
            name: municipalities.name,
            kind: municipalities.kind,
            district: municipalities.district,
            inhabitants: municipalities.inhabitants,
            memberSince: municipalities.memberSince,
            centreName: centres.name,
            centreCity: centres.city,
          })
          .from(municipalities)
          .innerJoin(centres, eq(centres.id, municipalities.centreId))
          .where(inArray(municipalities.id, municipalityIds))
          .orderBy(asc(municipalities.name))
      ).map((m) => ({ ...m, yearlyLevyCents: yearlyLevyCents(m.inhabitants) }))
    : [];

  return {
    name: user.name,
    roles,
    isAdmin: hasRole(user.roles, "admin"),
    centres: ownCentres,
    competences,
    municipalities: municipalityFacts,
  };
}
