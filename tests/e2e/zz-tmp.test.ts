import { inject, it } from "vitest";
import { signIn, useBrowser } from "./browser";
const baseUrl = inject("baseUrl");
const browser = useBrowser();
it("probe", async () => {
  const context = await browser().newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, baseUrl, "it.jemgum@kai.example");
  await page.goto(`${baseUrl}/schulungen/1/rueckmeldung`);
  await page.waitForLoadState("networkidle");
  await page.locator('main button[type="submit"]').first().click();
  await page.locator(".error-summary").first().waitFor({ timeout: 5_000 });
  const wide = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("main *"))) {
      const r = el.getBoundingClientRect();
      if (r.right > 321) out.push(`${el.tagName}.${el.className} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
    }
    return out.slice(0, 20);
  });
  console.log(wide.join("\n"));
  await page.screenshot({ path: "/tmp/pdft/err320.png", fullPage: true });
});
