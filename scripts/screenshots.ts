// `npm run screenshots` (issue 5, item 17): builds if needed, starts the demo server on a fresh
// embedded database, signs in as every demo role and writes full-page PNGs of every page that role
// can open (tests/e2e/page-list.ts, the list the browser tests check) at 1280 and 320 px into
// screenshots/ (git-ignored), named <role>__<page>__<width>.png, and each role's start page on both
// sides of the header's 72rem switch (<role>__kopfzeile__1153.png and …__1152.png). `-- --build`
// rebuilds always; `-- --only <regex>` photographs only the pages whose id matches (e.g.
// `--only ticket`, `--only kopfzeile`).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser, signIn } from "../tests/e2e/browser";
import { PAGES, ROLE_IDS, DEMO_ROLES, HEADER_SWITCH_WIDTHS, WIDTHS, pagesFor, resolvePath } from "../tests/e2e/page-list";
import { prepareDemoDatabase, startServer, type RunningServer } from "../tests/e2e/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "screenshots");
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 && process.argv[onlyIndex + 1] ? new RegExp(process.argv[onlyIndex + 1]) : null;
const pagesToShoot = (role: (typeof ROLE_IDS)[number]) => pagesFor(role).filter((spec) => !only || only.test(spec.id));
const HEADER_SHOTS = "kopfzeile";
const shootHeader = !only || only.test(HEADER_SHOTS);

function buildIfNeeded() {
  const built = fs.existsSync(path.join(root, "build/index.js"));
  if (built && !process.argv.includes("--build")) return;
  console.log("Building (npm run build)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

async function main() {
  buildIfNeeded();
  console.log("Preparing a fresh demo database…");
  const pgliteDir = prepareDemoDatabase();
  let server: RunningServer | undefined;
  const browser = await launchBrowser();
  try {
    server = await startServer({ KAI_DEMO: "1", PGLITE_DIR: pgliteDir, DATABASE_URL: "", SMTP_URL: "", LOG_LEVEL: "warn" });
    if (!only) fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    let count = 0;
    const failures: string[] = [];
    for (const role of ROLE_IDS) {
      if (pagesToShoot(role).length === 0 && !shootHeader) continue;
      const context = await browser.newContext();
      const page = await context.newPage();
      const email = DEMO_ROLES[role];
      if (email) await signIn(page, server.url, email);
      const paths = new Map<string, string>();
      for (const spec of pagesToShoot(role)) {
        for (const width of WIDTHS) {
          const file = `${role}__${spec.id}__${width}.png`;
          try {
            await page.setViewportSize({ width, height: 800 });
            let p = paths.get(spec.id);
            if (!p) paths.set(spec.id, (p = await resolvePath(spec, page, server.url)));
            await page.goto(`${server.url}${p}`);
            await page.waitForLoadState("networkidle");
            await spec.prepare?.(page);
            await page.screenshot({ path: path.join(outDir, file), fullPage: true, animations: "disabled" });
            count++;
          } catch (error) {
            failures.push(`${file}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      }
      if (shootHeader) {
        for (const width of HEADER_SWITCH_WIDTHS) {
          const file = `${role}__${HEADER_SHOTS}__${width}.png`;
          try {
            await page.setViewportSize({ width, height: 800 });
            await page.goto(`${server.url}${email ? "/start" : "/"}`);
            await page.waitForLoadState("networkidle");
            await page.screenshot({ path: path.join(outDir, file), animations: "disabled" });
            count++;
          } catch (error) {
            failures.push(`${file}: ${(error as Error).message.split("\n")[0]}`);
          }
        }
      }
      console.log(`  ${role}: ${pagesToShoot(role).length} pages${shootHeader ? ", the header at the switch" : ""}`);
      await context.close();
    }
    console.log(`${count} screenshots of ${PAGES.length} listed pages in ${path.relative(process.cwd(), outDir) || outDir}/`);
    if (failures.length) {
      console.error(`Failed:\n  ${failures.join("\n  ")}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server?.stop();
    fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`Screenshots failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
