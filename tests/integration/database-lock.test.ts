import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "#db/client";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kai-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Opens the folder from another process, as a second `npm run demo` would. */
function openFromAnotherProcess(dataDir: string) {
  const script = path.join(dir, "open.mts");
  fs.writeFileSync(
    script,
    `import { openPglite } from ${JSON.stringify(path.join(root, "db/client.ts"))};\n` +
      `const h = await openPglite(${JSON.stringify(dataDir)});\nawait h.close();\nconsole.log("opened");\n`,
  );
  try {
    return { ok: true, output: execFileSync(path.join(root, "node_modules/.bin/tsx"), [script], { cwd: root, stdio: "pipe" }).toString() };
  } catch (error) {
    const e = error as { stderr: Buffer; stdout: Buffer };
    return { ok: false, output: e.stderr.toString() + e.stdout.toString() };
  }
}

describe("embedded database folder lock", () => {
  it("refuses a second process on the same folder with a clear message, and frees it on close", async () => {
    const dataDir = path.join(dir, "pglite");
    const handle = await openPglite(dataDir);
    const second = openFromAnotherProcess(dataDir);
    expect(second.ok).toBe(false);
    expect(second.output).toContain(`is in use by process ${process.pid}`);
    await handle.close();
    const third = openFromAnotherProcess(dataDir);
    expect(third.output).toContain("opened");
  });

  it("takes over a stale lock left by a process that is gone", async () => {
    const dataDir = path.join(dir, "stale");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dir, "stale.lock"), "999999");
    const handle = await openPglite(dataDir);
    await handle.close();
  });
});
