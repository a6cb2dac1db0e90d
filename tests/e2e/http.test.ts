import { describe, expect, inject, it } from "vitest";
import { signInByHttp } from "./server";

const baseUrl = inject("baseUrl");

// Any signed-in person will do here; an admin would have to wait for a fresh second-factor step
// (codes are single use) at every sign-in, up to 30 s each.
function loginCookie(email = "redaktion@kai.example") {
  return signInByHttp(baseUrl, email);
}

describe("HTTP layer of the running server", () => {
  it("B10: a POST with a foreign or missing Origin is refused with 403 and changes nothing", async () => {
    const body = new URLSearchParams({ email: "admin@kai.example", password: "Demo-Passwort-2026" });
    const foreign = await fetch(`${baseUrl}/anmelden`, { method: "POST", redirect: "manual", headers: { Origin: "https://evil.example" }, body });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("set-cookie")).toBeNull();
    const missing = await fetch(`${baseUrl}/anmelden`, { method: "POST", redirect: "manual", body });
    expect(missing.status).toBe(403);
    const cookie = await loginCookie();
    const logout = await fetch(`${baseUrl}/abmelden`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: "https://evil.example" } });
    expect(logout.status).toBe(403);
    const still = await fetch(`${baseUrl}/konto`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(still.status).toBe(200);
  });

  it("B11/A5: GET /abmelden only offers the button; it does not sign out", async () => {
    const cookie = await loginCookie();
    const get = await fetch(`${baseUrl}/abmelden`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(get.status).toBe(200);
    expect(get.headers.get("set-cookie")).toBeNull();
    expect(await get.text()).toContain("Jetzt abmelden");
    const still = await fetch(`${baseUrl}/konto`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(still.status).toBe(200);
  });

  it("B13: security headers with a fresh CSP nonce, no X-Powered-By, no-store on signed-in pages", async () => {
    const a = await fetch(`${baseUrl}/`);
    const b = await fetch(`${baseUrl}/`);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(d);
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBeTruthy();
    expect(a.headers.get("x-powered-by")).toBeNull();
    const html = await a.text();
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const cookie = await loginCookie();
    const signedIn = await fetch(`${baseUrl}/start`, { headers: { Cookie: cookie } });
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses an oversized form body with 413 before reading it", async () => {
    const res = await fetch(`${baseUrl}/anmelden`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a%40kai.example&password=${"x".repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain("Die Anfrage ist zu groß.");
    expect(html).toContain(`Fehler-ID: <code id="fehler-id" data-testid="correlation-id">${res.headers.get("x-correlation-id")}</code>`);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("D21: an unknown page is a German 404 without a stack trace", async () => {
    const res = await fetch(`${baseUrl}/gibt-es-nicht`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Seite nicht gefunden");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});
