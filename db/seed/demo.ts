import type { Database } from "../client";
import { createUser, DEMO_PASSWORD, DEMO_PEOPLE } from "../../tests/factories";

/** Demo accounts only: never run against production (the seed script refuses there). */
export async function seedDemoPeople(db: Database) {
  for (const person of DEMO_PEOPLE) await createUser(db, { ...person, password: DEMO_PASSWORD });
}
