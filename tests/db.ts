import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openPglite, openPostgres, type DatabaseHandle, type OpenOptions } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { seedKaiData } from "#db/seed/kai-data";
import { installDatabase } from "~/db.server";
import { withDatabase } from "./global-setup";

/**
 * Gives the calling test file its own database: a fresh in-memory PGlite, or — with
 * TEST_DATABASE_URL — a fresh PostgreSQL database copied from the run's migrated template.
 * Returns a getter for the handle.
 */
export function useTestDatabase(opts: Pick<OpenOptions, "logger"> = {}): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined;
  let dropName: string | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase(opts);
    handle = created.handle;
    dropName = created.name;
    installDatabase(handle);
  });
  afterAll(async () => {
    installDatabase(undefined);
    await handle?.close();
    if (dropName) await dropTestDatabase(dropName);
  });
  return () => {
    if (!handle) throw new Error("test database not ready");
    return handle;
  };
}

export async function createTestDatabase(opts: OpenOptions = {}): Promise<{ handle: DatabaseHandle; name?: string; url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openPglite("memory://", opts);
    await applyMigrations(handle);
    await seedKaiData(handle.db);
    return { handle };
  }
  const name = `kai_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  } finally {
    await admin.end();
  }
  const dbUrl = withDatabase(url, name);
  return { handle: openPostgres(dbUrl, { max: opts.max ?? 10, logger: opts.logger }), name, url: dbUrl };
}

export async function dropTestDatabase(name: string) {
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
