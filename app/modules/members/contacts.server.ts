import { and, asc, eq, inArray } from "drizzle-orm";
import { adviserCompetences, userRoles, users } from "#db/schema/auth";
import { centres, municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { db } from "~/db.server";

/**
 * The contacts of a municipality: its centre with the centre's address, and the active people
 * who manage or advise for that centre. The query starts from the person's own municipalities,
 * so nobody sees another centre's people (ACCEPTANCE C14/C15).
 */
export async function listContactsForMunicipalities(args: { municipalityIds: number[] }) {
  if (!args.municipalityIds.length) return [];
  const centreRows = await db
    .selectDistinct({
      id: centres.id,
      name: centres.name,
      city: centres.city,
      street: centres.street,
      postalCode: centres.postalCode,
      phone: centres.phone,
      email: centres.email,
      sortOrder: centres.sortOrder,
    })
    .from(municipalities)
    .innerJoin(centres, eq(centres.id, municipalities.centreId))
    .where(inArray(municipalities.id, args.municipalityIds))
    .orderBy(asc(centres.sortOrder));
  if (!centreRows.length) return [];

  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, role: userRoles.role, centreId: userRoles.centreId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        inArray(userRoles.role, ["centre_manager", "adviser"]),
        inArray(
          userRoles.centreId,
          centreRows.map((c) => c.id),
        ),
        eq(users.active, true),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));

  const adviserIds = [...new Set(people.filter((p) => p.role === "adviser").map((p) => p.id))];
  const competences = adviserIds.length
    ? await db
        .select({ userId: adviserCompetences.userId, code: procedures.code, name: procedures.name })
        .from(adviserCompetences)
        .innerJoin(procedures, eq(procedures.id, adviserCompetences.procedureId))
        .where(inArray(adviserCompetences.userId, adviserIds))
        .orderBy(asc(procedures.sortOrder), asc(procedures.id))
    : [];

  const person = (p: (typeof people)[number]) => ({ name: p.name, email: p.email, phone: p.phone });
  return centreRows.map(({ sortOrder: _, ...centre }) => ({
    ...centre,
    managers: people.filter((p) => p.centreId === centre.id && p.role === "centre_manager").map(person),
    advisers: people
      .filter((p) => p.centreId === centre.id && p.role === "adviser")
      .map((p) => ({ ...person(p), procedures: competences.filter((c) => c.userId === p.id).map(({ code, name }) => ({ code, name })) })),
  }));
}
