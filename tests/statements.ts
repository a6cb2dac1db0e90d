import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, DatabaseHandle } from "#db/client";
import * as schema from "#db/schema/index";
import { installDatabase } from "~/db.server";

/**
 * Runs `fn` with the app's database logging every SQL statement it sends (the same database, a
 * second drizzle instance with a logger), and returns the statements' text in order.
 */
export async function recordStatements(handle: DatabaseHandle, fn: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const client = handle.kind === "postgres" ? postgres(handle.url!, { max: 2, onnotice: () => {} }) : undefined;
  const logged = (client ? drizzlePostgres(client, { schema, logger }) : drizzlePglite(handle.pglite!, { schema, logger })) as unknown as Database;
  installDatabase({ ...handle, db: logged });
  try {
    await fn();
  } finally {
    installDatabase(handle);
    await client?.end({ timeout: 5 });
  }
  return statements;
}
