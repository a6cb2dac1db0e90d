import { asc, eq } from "drizzle-orm";
import type { Role } from "#db/schema/auth";
import { adviserCompetences } from "#db/schema/auth";
import { procedures } from "#db/schema/procedures";
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

/**
 * The pages behind "Verwaltung", each with the roles whose guard lets them in (keep in step with
 * the route's requireRole). A new page is one entry here.
 */
const ADMINISTRATION_PAGES: { to: string; title: string; text: string; roles: Role[] }[] = [
  { to: "/admin/personen", title: "Personen", text: "Personen einladen, Rollen vergeben und Konten deaktivieren.", roles: ["admin"] },
  { to: "/mitglieder", title: "Mitglieder", text: "Mitgliedskommunen bearbeiten und neue Mitglieder aufnehmen.", roles: ["admin"] },
  { to: "/mitglieder", title: "Mitglieder", text: "Alle Mitgliedskommunen nach Zentren, mit Einwohnerzahl und Umlage.", roles: ["centre_manager"] },
  { to: "/verfahren", title: "Verfahrenskatalog", text: "Kernverfahren und Rahmenverträge mit ihren Modulen.", roles: ["centre_manager"] },
  { to: "/admin/postfach", title: "Postfach", text: "Vom Portal versandte E-Mails lesen, wenn kein Mailserver angebunden ist.", roles: ["admin"] },
  { to: "/admin/audit", title: "Protokoll", text: "Nachvollziehen, wer wann was geändert hat.", roles: ["admin"] },
];

/** "Verwaltung" (admins, centre managers): the administration pages this person may open. */
export const administrationPanel = defineStartPanel({
  id: "verwaltung",
  title: "Verwaltung",
  order: 40,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "admin", "centre_manager"),
  async load({ user }) {
    const isAdmin = hasRole(user.roles, "admin");
    const seen = new Set<string>();
    const pages = ADMINISTRATION_PAGES.filter((p) => hasRole(user.roles, ...p.roles))
      // An admin who also manages a centre sees the fuller entry once.
      .filter((p) => (seen.has(p.to) ? false : (seen.add(p.to), true)))
      .map(({ to, title, text }) => ({ to, title, text }));
    return { pages, isAdmin };
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
    const [centreRows, municipalityRows] = await Promise.all([listCentres(), listMunicipalityNames()]);
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
