import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { freePort, prepareDemoDatabase, runScript, startServer, type RunningServer } from "./server";

/**
 * One demo server for the browser tests: the built app with the demo accounts and the built-in
 * mailbox (no SMTP), as `npm run demo` runs it — on a fresh embedded database, or, with
 * TEST_DATABASE_URL (CI), on a fresh PostgreSQL database, so the pages are also proven there.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  if (!fs.existsSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../build/index.js"))) {
    throw new Error("No build found: run `npm run build` first (npm run test:e2e does).");
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  // The inbound SMTP listener on a port of its own, so parallel runs never share the demo default.
  const inbound = { INBOUND_SMTP_PORT: String(await freePort()), INBOUND_SMTP_HOST: "127.0.0.1" };
  if (baseUrl) {
    const name = `kai_e2e_${process.pid}_${Date.now().toString(36)}`;
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    runScript("scripts/db-migrate.ts", { DATABASE_URL: u.toString() });
    runScript("scripts/db-seed-demo.ts", { DATABASE_URL: u.toString() });
    server = await startServer({ KAI_DEMO: "1", DATABASE_URL: u.toString(), SMTP_URL: "", ...inbound });
    cleanup = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const pgliteDir = prepareDemoDatabase();
    server = await startServer({ KAI_DEMO: "1", PGLITE_DIR: pgliteDir, DATABASE_URL: "", SMTP_URL: "", ...inbound });
    cleanup = async () => fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  }
  provide("baseUrl", server.url);
  return async () => {
    await server.stop();
    await cleanup();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
