import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDemoDatabase, startServer, type RunningServer } from "./server";

/**
 * One demo server for the browser tests: the built app on a fresh embedded database with the demo
 * accounts and the built-in mailbox (no SMTP), exactly as `npm run demo` runs it.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  if (!fs.existsSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../build/index.js"))) {
    throw new Error("No build found: run `npm run build` first (npm run test:e2e does).");
  }
  const pgliteDir = prepareDemoDatabase();
  const server: RunningServer = await startServer({ KAI_DEMO: "1", PGLITE_DIR: pgliteDir, DATABASE_URL: "", SMTP_URL: "" });
  provide("baseUrl", server.url);
  return async () => {
    await server.stop();
    fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
