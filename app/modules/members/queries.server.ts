import { asc, eq } from "drizzle-orm";
import { centres, municipalities } from "#db/schema/members";
import { procedureModules, procedures } from "#db/schema/procedures";
import { db } from "~/db.server";
import { joiningFeeCents, yearlyLevyCents } from "./levy";

/** Members and centres are public facts of KAI; everyone may read them. */
export async function listMembersByCentre() {
  const [centreRows, memberRows] = await Promise.all([
    db.select().from(centres).orderBy(asc(centres.sortOrder)),
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
  ]);
  const withLevy = memberRows.map((m) => ({
    ...m,
    yearlyLevyCents: yearlyLevyCents(m.inhabitants),
    joiningFeeCents: joiningFeeCents(m.inhabitants),
  }));
  const groups = centreRows.map((c) => {
    const members = withLevy.filter((m) => m.centreId === c.id);
    return {
      ...c,
      members,
      inhabitants: members.reduce((s, m) => s + m.inhabitants, 0),
      yearlyLevyCents: members.reduce((s, m) => s + m.yearlyLevyCents, 0),
      joiningFeeCents: members.reduce((s, m) => s + m.joiningFeeCents, 0),
    };
  });
  return {
    centres: groups,
    total: {
      members: withLevy.length,
      inhabitants: groups.reduce((s, g) => s + g.inhabitants, 0),
      yearlyLevyCents: groups.reduce((s, g) => s + g.yearlyLevyCents, 0),
      joiningFeeCents: groups.reduce((s, g) => s + g.joiningFeeCents, 0),
    },
  };
}

export function listCentres() {
  return db.select().from(centres).orderBy(asc(centres.sortOrder));
}

export function listMunicipalityNames() {
  return db
    .select({ id: municipalities.id, name: municipalities.name, centreId: municipalities.centreId })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

export async function getMember(id: number) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row ?? null;
}

export async function listProcedureCatalogue() {
  const rows = await db.query.procedures.findMany({
    orderBy: [asc(procedures.sortOrder), asc(procedures.id)],
    with: { modules: { orderBy: [asc(procedureModules.sortOrder), asc(procedureModules.id)] } },
  });
  return { core: rows.filter((p) => p.kind === "core"), framework: rows.filter((p) => p.kind === "framework") };
}
