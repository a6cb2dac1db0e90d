import { asc, eq, inArray } from "drizzle-orm";
import { centres, municipalities } from "#db/schema/members";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { centresOf, hasRole } from "~/modules/auth/roles";
import { defineStartPanel } from "~/modules/start/panel";
import { listContactsForMunicipalities } from "./contacts.server";
import { yearlyLevyCents } from "./levy";

/** The municipalities a person looks after as municipal IT. */
function ownMunicipalityIds(user: CurrentUser) {
  return [...new Set(user.roles.filter((g) => g.role === "municipal_it" && g.municipalityId).map((g) => g.municipalityId!))];
}

/** Where a member is shown; one place to change when members get their own page. */
export function memberHref(id: number) {
  return `/mitglieder#mitglied-${id}`;
}

/** "Ihre Ansprechpersonen" (municipal IT): their centre, its manager(s) and advisers. */
export const contactsPanel = defineStartPanel({
  id: "ansprechpersonen",
  title: "Ihre Ansprechpersonen",
  order: 20,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "municipal_it"),
  async load({ user }) {
    return { centres: await listContactsForMunicipalities({ municipalityIds: ownMunicipalityIds(user) }) };
  },
});

/** "Ihre Kommune" (municipal IT): the facts of their own municipality. */
export const municipalityPanel = defineStartPanel({
  id: "kommune",
  title: "Ihre Kommune",
  order: 30,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "municipal_it"),
  async load({ user }) {
    const ids = ownMunicipalityIds(user);
    const rows = ids.length
      ? await db
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
          .where(inArray(municipalities.id, ids))
          .orderBy(asc(municipalities.name))
      : [];
    return { municipalities: rows.map((m) => ({ ...m, yearlyLevyCents: yearlyLevyCents(m.inhabitants) })) };
  },
});

/** "Mitglieder meines Zentrums" (centre managers and advisers): the members of their centre(s). */
export const centreMembersPanel = defineStartPanel({
  id: "zentrum",
  title: "Mitglieder meines Zentrums",
  order: 50,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "centre_manager", "adviser"),
  async load({ user }) {
    const centreIds = centresOf(user.roles, "centre_manager", "adviser");
    if (!centreIds.length) return { centres: [] };
    const [centreRows, memberRows] = await Promise.all([
      db
        .select({ id: centres.id, name: centres.name, city: centres.city })
        .from(centres)
        .where(inArray(centres.id, centreIds))
        .orderBy(asc(centres.sortOrder)),
      db
        .select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId, inhabitants: municipalities.inhabitants })
        .from(municipalities)
        .where(inArray(municipalities.centreId, centreIds))
        .orderBy(asc(municipalities.name)),
    ]);
    return {
      centres: centreRows.map((c) => {
        const members = memberRows
          .filter((m) => m.centreId === c.id)
          .map((m) => ({ id: m.id, name: m.name, inhabitants: m.inhabitants, yearlyLevyCents: yearlyLevyCents(m.inhabitants), href: memberHref(m.id) }));
        return {
          ...c,
          members,
          inhabitants: members.reduce((s, m) => s + m.inhabitants, 0),
          yearlyLevyCents: members.reduce((s, m) => s + m.yearlyLevyCents, 0),
        };
      }),
    };
  },
});
