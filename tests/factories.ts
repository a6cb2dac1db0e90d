import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import type { Role, WorkingGroup } from "#db/schema/auth";
import { adviserCompetences, userRoles, users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { procedures } from "#db/schema/procedures";
import { userSecondFactors } from "#db/schema/auth";
import { hashPassword } from "~/modules/auth/passwords.server";
import { encryptSecret, SECOND_FACTOR_ROLES } from "~/modules/auth/second-factor.server";
import { knownSecondFactorSecret } from "./second-factor";

/** Factories shared by the tests and the demo seed. All people are fictional, all at kai.example. */
export interface GrantSpec {
  role: Role;
  centre?: "nord" | "mitte" | "west" | "sued";
  group?: WorkingGroup;
  municipality?: string;
}

export interface UserSpec {
  email: string;
  name: string;
  password?: string | null;
  roles?: GrantSpec[];
  /** Procedure codes the adviser is competent for, e.g. ["EWOS", "FINAS"]. */
  competences?: string[];
  municipality?: string;
  active?: boolean;
  /** Business phone (fictional, 555 range). */
  phone?: string | null;
  /**
   * Enrol a second factor with the account's known secret (tests/second-factor.ts). Default: yes
   * for admins and centre managers, who need one for Verwaltung; false leaves them unenrolled.
   */
  secondFactor?: boolean;
}

const hashCache = new Map<string, Promise<string>>();
function cachedHash(password: string) {
  let hit = hashCache.get(password);
  if (!hit) {
    hit = hashPassword(password);
    hashCache.set(password, hit);
  }
  return hit;
}

async function municipalityId(db: Database, name?: string) {
  if (!name) return null;
  const [row] = await db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name));
  if (!row) throw new Error(`Unknown municipality in factory: ${name}`);
  return row.id;
}

/** Creates a person with roles; idempotent on the email address (the seed runs twice safely). */
export async function createUser(db: Database, spec: UserSpec) {
  const email = spec.email.toLowerCase();
  const existing = await db.query.users.findFirst({ where: eq(users.email, email) });
  if (existing) return existing;
  const passwordHash = spec.password === null ? null : await cachedHash(spec.password ?? "Test-Passwort-2026");
  const homeMunicipality = await municipalityId(db, spec.municipality ?? spec.roles?.find((r) => r.municipality)?.municipality);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: spec.name, phone: spec.phone ?? null, passwordHash, active: spec.active ?? true, municipalityId: homeMunicipality })
      .returning();
    for (const grant of spec.roles ?? []) {
      await tx.insert(userRoles).values({
        userId: user.id,
        role: grant.role,
        centreId: grant.centre ?? null,
        workingGroup: grant.group ?? null,
        municipalityId: await municipalityId(tx as unknown as Database, grant.municipality),
      });
    }
    if (spec.competences?.length) {
      const procs = await tx.select({ id: procedures.id }).from(procedures).where(inArray(procedures.code, spec.competences));
      await tx.insert(adviserCompetences).values(procs.map((p) => ({ userId: user.id, procedureId: p.id })));
    }
    if (spec.secondFactor ?? spec.roles?.some((g) => SECOND_FACTOR_ROLES.includes(g.role))) await enrolKnownSecondFactor(tx as unknown as Database, user);
    return user;
  });
}

/**
 * Enrols the account's known second factor (idempotent), as if its first code had confirmed it.
 */
export async function enrolKnownSecondFactor(db: Database, user: { id: string; email: string }) {
  await db
    .insert(userSecondFactors)
    .values({ userId: user.id, secretEncrypted: encryptSecret(user.id, knownSecondFactorSecret(user.email)), confirmedAt: new Date() })
    .onConflictDoNothing();
}

export async function getUserByEmail(db: Database, email: string) {
  return db.query.users.findFirst({ where: eq(users.email, email.toLowerCase()) });
}

export async function getMunicipalityByName(db: Database, name: string) {
  const [row] = await db.select().from(municipalities).where(and(eq(municipalities.name, name)));
  return row;
}

export const DEMO_PASSWORD = "Demo-Passwort-2026";

export const DEMO_PEOPLE: (UserSpec & { label: string })[] = [
  { email: "admin@kai.example", name: "Anna Admin", label: "Administration (KAI-Gruppe)", roles: [{ role: "admin" }] },
  { email: "leitung.nord@kai.example", name: "Norbert Nordmann", label: "Geschäftsführung Zentrum Nord", phone: "04161 555-0110", roles: [{ role: "centre_manager", centre: "nord" }] },
  { email: "leitung.west@kai.example", name: "Wiebke Westermann", label: "Geschäftsführung Zentrum West", phone: "05971 555-0310", roles: [{ role: "centre_manager", centre: "west" }] },
  {
    email: "betreuung.nord@kai.example",
    name: "Bernd Berater",
    label: "Betreuung Nord (EWOS, FINAS)",
    phone: "04161 555-0120",
    roles: [{ role: "adviser", centre: "nord" }],
    competences: ["EWOS", "FINAS"],
    municipality: "Buxtehude",
  },
  {
    email: "betreuung.west@kai.example",
    name: "Wanda Wegweiser",
    label: "Betreuung West (EWOS)",
    phone: "05971 555-0320",
    roles: [{ role: "adviser", centre: "west" }],
    competences: ["EWOS"],
    municipality: "Rheine",
  },
  { email: "schulung@kai.example", name: "Sabine Schulz", label: "Schulung", roles: [{ role: "trainer" }] },
  {
    email: "fak.finanzen@kai.example",
    name: "Friedrich Finanzmann",
    label: "Vorsitz Facharbeitskreis Finanzwesen",
    // A member of a working group represents a municipality (issue 9).
    municipality: "Apensen",
    roles: [{ role: "wg_chair", group: "FINAS" }, { role: "wg_member", group: "FINAS" }],
  },
  { email: "redaktion@kai.example", name: "Rita Redakteurin", label: "Redaktion NeuigKAIten", roles: [{ role: "editor" }] },
  { email: "it.jemgum@kai.example", name: "Jens Jemgumer", label: "Kommunale IT Jemgum (West)", roles: [{ role: "municipal_it", municipality: "Jemgum" }] },
  { email: "it.rheine@kai.example", name: "Rieke Rheinländer", label: "Kommunale IT Rheine (West)", roles: [{ role: "municipal_it", municipality: "Rheine" }] },
  { email: "it.buxtehude@kai.example", name: "Bodo Buxte", label: "Kommunale IT Buxtehude (Nord)", roles: [{ role: "municipal_it", municipality: "Buxtehude" }] },
];
