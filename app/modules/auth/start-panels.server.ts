import { asc, eq } from "drizzle-orm";
import { adviserCompetences } from "#db/schema/auth";
import { procedures } from "#db/schema/procedures";
import { getArea, sectionsFor } from "~/components/areas";
import { db } from "~/db.server";
import { listCentres, listMunicipalityNames } from "~/modules/members/queries.server";
import { defineStartPanel } from "~/modules/start/panel";
import { describeGrant, hasRole } from "./roles";

/** The procedures the signed-in adviser is competent for; the where clause carries the owner. */
export function listOwnCompetences(args: { userId: string }) {
  return db
    .select({ code: procedures.code, name: procedures.name })
    .from(adviserCompetences)
    .innerJoin(procedures, eq(procedures.id, adviserCompetences.procedureId))
    .where(eq(adviserCompetences.userId, args.userId))
    .orderBy(asc(procedures.sortOrder), asc(procedures.id));
}

/** "Verwaltung" (admins, centre managers): the administration pages this person may open. */
export const administrationPanel = defineStartPanel({
  id: "verwaltung",
  title: "Verwaltung",
  order: 40,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "admin", "centre_manager"),
  async load({ user }) {
    // The same sections as the Verwaltung area's navigation (app/components/areas.ts).
    const roles = [...new Set(user.roles.map((g) => g.role))];
    const pages = sectionsFor(getArea("verwaltung"), roles).map((s) => ({ to: s.to, title: s.label, text: s.description }));
    return { pages, isAdmin: hasRole(user.roles, "admin") };
  },
});

/** "Ihre Verfahren in der Betreuung" (advisers): their own competences. */
export const competencesPanel = defineStartPanel({
  id: "verfahren",
  title: "Ihre Verfahren in der Betreuung",
  order: 60,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "adviser"),
  async load({ user }) {
    return { procedures: await listOwnCompetences({ userId: user.id }) };
  },
});

/** "Ihre Rollen": what the person may do here, in words. */
export const rolesPanel = defineStartPanel({
  id: "rollen",
  title: "Ihre Rollen",
  order: 90,
  kind: "personal",
  appliesTo: () => true,
  async load({ user }) {
    if (!user.roles.length) return { roles: [] };
    // Only the names the grants name (issue 6, item 11): an admin's grant names none.
    const municipalityIds = [...new Set(user.roles.flatMap((g) => (g.municipalityId ? [g.municipalityId] : [])))];
    const [centreRows, municipalityRows] = await Promise.all([
      user.roles.some((g) => g.centreId) ? listCentres() : [],
      municipalityIds.length ? listMunicipalityNames(municipalityIds) : [],
    ]);
    const names = {
      centres: new Map(centreRows.map((c) => [c.id, c.name])),
      municipalities: new Map(municipalityRows.map((m) => [m.id, m.name])),
    };
    return { roles: [...new Set(user.roles.map((g) => describeGrant(g, names)))] };
  },
});

/** "Mein Konto": always there, so no page is ever empty. */
export const accountPanel = defineStartPanel({
  id: "konto",
  title: "Mein Konto",
  order: 100,
  kind: "personal",
  appliesTo: () => true,
  load: async () => ({}),
});
