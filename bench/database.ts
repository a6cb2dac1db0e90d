import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { runScript } from "../tests/e2e/server";
import { BenchError } from "./errors";

export interface BenchDatabase {
  /** "PostgreSQL (kai_bench_…)" or "PGlite (…)", for the report. */
  label: string;
  /** The variables that point the scripts and the server at this database. */
  env: Record<string, string>;
  /** Removes the database; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A fresh database for one run: on the PostgreSQL server of `serverUrl` a new database
 * `kai_bench_<ts>` (never the given database itself, so a run cannot touch real data), else
 * PGlite in a new temporary folder.
 */
export async function createBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  return serverUrl ? createPostgresDatabase(serverUrl) : createPgliteDatabase();
}

async function createPostgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `kai_bench_${Date.now()}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await withAdminConnection(serverUrl, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  } catch (error) {
    throw new BenchError(`Cannot create database ${name} on ${url.host}: ${(error as Error).message}`);
  }
  let dropped = false;
  return {
    label: `PostgreSQL (${name} on ${url.host})`,
    env: { DATABASE_URL: url.toString(), PGLITE_DIR: "" },
    async drop() {
      if (dropped) return;
      dropped = true;
      // FORCE (PostgreSQL 13+) ends connections a killed server may have left behind.
      await withAdminConnection(serverUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

function createPgliteDatabase(): BenchDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kai-bench-"));
  return {
    label: `PGlite (${dir})`,
    env: { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "pglite") },
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdminConnection(serverUrl: string, fn: (sql: postgres.Sql) => Promise<unknown>) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Migrations, KAI base data and the demo accounts, with the project's own scripts. */
export function prepareDatabase(database: BenchDatabase) {
  const env = { ...database.env, KAI_DEMO: "1" };
  for (const script of ["scripts/db-migrate.ts", "scripts/db-seed-demo.ts"]) {
    try {
      runScript(script, env);
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new BenchError(`${script} failed${stderr ? `:\n${stderr}` : `: ${(error as Error).message}`}`);
    }
  }
}
