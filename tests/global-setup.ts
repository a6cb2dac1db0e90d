import postgres from "postgres";
import { openPostgres } from "#db/client";
import { applyMigrations } from "#db/migrate";
import { seedKaiData } from "#db/seed/kai-data";

/**
 * With TEST_DATABASE_URL: build one migrated, seeded template database for this run; every test
 * file then gets its own copy (CREATE DATABASE … TEMPLATE), so files never see each other's rows.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const template = `kai_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${template}`);
  const handle = openPostgres(withDatabase(url, template), { max: 1 });
  await applyMigrations(handle);
  await seedKaiData(handle.db);
  await handle.close();
  provide("templateDatabase", template);
  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
