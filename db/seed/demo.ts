import { and, eq, isNull } from "drizzle-orm";
import { users } from "../schema/auth";
import type { Database } from "../client";
import { createUser, DEMO_PASSWORD, DEMO_PEOPLE, enrolKnownSecondFactor } from "../../tests/factories";
import { SECOND_FACTOR_ROLES } from "~/modules/auth/second-factor.server";

/** Demo accounts (their seminars and invitations come from db/seed/demo-training.ts); never run against production (the script refuses). */
export async function seedDemoPeople(db: Database) {
  const people = [];
  for (const person of DEMO_PEOPLE) people.push(await createUser(db, { ...person, password: DEMO_PASSWORD }));
  // The demo's admin and centre managers have fixed demo secrets (tests/second-factor.ts), also in
  // demo databases made before the second factor existed.
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    if (person.roles?.some((g) => SECOND_FACTOR_ROLES.includes(g.role))) await enrolKnownSecondFactor(db, people[i]);
  }
  // Demo databases made before people had phone numbers get them; a number set since stays.
  for (const person of DEMO_PEOPLE) {
    if (person.phone) await db.update(users).set({ phone: person.phone }).where(and(eq(users.email, person.email), isNull(users.phone)));
  }
}
