import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const DEMO_PASSWORD = "Demo-Passwort-2026";

/** Debian's Chromium, headless, with the flags this network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One Chromium for the test file, closed at its end. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/**
 * A page that records every console.error and page error; `assertNoConsoleErrors` fails the test
 * on any (ACCEPTANCE: a browser test fails on any console.error).
 */
export async function newPage(context: BrowserContext) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return { page, errors };
}

/**
 * `expectStatus` names HTTP error statuses the test itself provokes (e.g. 400 for a form sent with
 * invalid input): Chromium logs those responses as console errors, but they are the expected answer.
 */
export function assertNoConsoleErrors(errors: string[], { expectStatus = [] as number[] } = {}) {
  const expected = (e: string) => expectStatus.some((s) => e === `Failed to load resource: the server responded with a status of ${s} (${STATUS_TEXT[s] ?? ""})`);
  const unexpected = errors.filter((e) => !expected(e));
  expect(unexpected, `console errors:\n${unexpected.join("\n")}`).toEqual([]);
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 404: "Not Found", 409: "Conflict", 410: "Gone", 429: "Too Many Requests" };

/** axe with the WCAG 2.1 A/AA rule sets: zero violations (ACCEPTANCE H38). */
export async function expectAccessible(page: Page, label = page.url()) {
  // The sandboxed mail preview frame holds a received message, not our UI, and axe cannot enter
  // a frame without scripts; everything around it is scanned.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe.mail-html").analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/anmelden`);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel(/^Passwort/).fill(password);
  await page.getByRole("button", { name: "Anmelden" }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith("/anmelden"));
  // Let the landing page finish its own requests (Remix's route-manifest fetch), so a test's next
  // page.goto does not abort one and log "Failed to fetch manifest patches".
  await page.waitForLoadState("networkidle");
}

/** Opens the visible header menu that holds "Abmelden" (the user menu, or "Menü" on narrow screens). */
export async function openUserMenu(page: Page) {
  await page.locator('header details.menu:has(button:text-is("Abmelden")) > summary:visible').first().click();
}

export async function signOut(page: Page) {
  await openUserMenu(page);
  await page.locator("header").getByRole("button", { name: "Abmelden" }).locator("visible=true").first().click();
  await page.waitForURL((url) => url.pathname.startsWith("/anmelden"));
}
