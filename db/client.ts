import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";

/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, or the database itself: what module functions accept last. */
export type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute" | "query" | "transaction">;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** The PGlite instance, when embedded (pg-boss attaches to it). */
  pglite?: PGlite;
  /** The connection string, when PostgreSQL (pg-boss opens its own pool). */
  url?: string;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = "./data/pglite";

/** `logger` sees every statement drizzle sends (the tests count them; the app passes none). */
export interface OpenOptions {
  max?: number;
  logger?: Logger;
}

export function openPostgres(url: string, opts: OpenOptions = {}): DatabaseHandle {
  const client = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // Reconnects by itself after a dropped connection (ACCEPTANCE G36); idle connections are
    // recycled so a restarted server is picked up.
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    connection: { application_name: "kai-portal" },
  });
  const db = drizzlePostgres(client, { schema, logger: opts.logger }) as unknown as Database;
  return { db, kind: "postgres", url, close: () => client.end({ timeout: 5 }) };
}

/**
 * PGlite does not lock its folder, and two processes on one folder corrupt or hang it.
 * We take an exclusive lock file and refuse to start a second process with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  const tryCreate = () => {
    const fd = fs.openSync(lockPath, "wx");
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
  };
  try {
    tryCreate();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseLockedError(
        `The embedded database in ${path.resolve(dataDir)} is in use by process ${holder}. ` +
          `Stop that process first (only one process may open the embedded database at a time), ` +
          `or set DATABASE_URL to use PostgreSQL.`,
      );
    }
    // Stale lock from a process that is gone: take it over.
    fs.rmSync(lockPath, { force: true });
    tryCreate();
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.rmSync(lockPath, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

/** Opens PGlite in a folder (with a lock), or in memory when `dataDir` is "memory://". */
export async function openPglite(dataDir: string, opts: Pick<OpenOptions, "logger"> = {}): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(inMemory ? undefined : dataDir);
    const db = drizzlePglite(pglite, { schema, logger: opts.logger }) as unknown as Database;
    return {
      db,
      kind: "pglite",
      pglite,
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** `DATABASE_URL` set → postgres.js; unset → PGlite in ./data/. */
export async function openDatabaseFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(env.PGLITE_DIR || DEFAULT_DATA_DIR);
}
