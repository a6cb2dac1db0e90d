import type { Database, DatabaseHandle } from "#db/client";
import { openDatabaseFromEnv } from "#db/client";

/**
 * The process-wide database. The server opens it at start (`connectDatabase`); tests install their
 * own per-file database with `useDatabase`. Code imports `db` and never cares which driver it is.
 */
let current: DatabaseHandle | undefined;
let opening: Promise<DatabaseHandle> | undefined;

export async function connectDatabase(): Promise<DatabaseHandle> {
  if (current) return current;
  opening ??= openDatabaseFromEnv().then((handle) => (current = handle));
  return opening;
}

export function installDatabase(handle: DatabaseHandle | undefined) {
  current = handle;
  opening = handle ? Promise.resolve(handle) : undefined;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!current) throw new Error("Database not connected: call connectDatabase() first");
  return current;
}

export async function disconnectDatabase() {
  const handle = current;
  current = undefined;
  opening = undefined;
  await handle?.close();
}

/** A stable reference that forwards to the connected database. */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const target = getDatabaseHandle().db as unknown as Record<PropertyKey, unknown>;
    const value = target[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});
