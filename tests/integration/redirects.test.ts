import { describe, expect, it } from "vitest";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { sessionCookieFor } from "../http";

// Issue 6 item 1: redirectTo through the whole server (Express, Remix, the routes), signed in
// and signed out, and the Location header that reaches the browser (ACCEPTANCE B12).
const getDb = useTestDatabase();
const server = useTestServer();
const password = "Ein-langes-Passwort-2026";

/** ACCEPTANCE B12's forms, and the dot segments that normalise into "//host". */
const PAYLOADS = [
  "//evil.example",
  "/\\evil.example",
  "https:evil.example",
  "https://evil.example/",
  "%2F%2Fevil.example",
  "javascript:alert(1)",
  "%2F.%2F%2Fevil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/a/..//evil.example",
  "/a/b/../..//evil.example",
  "/./\\evil.example",
  "/\t/evil.example",
];

/** Each payload as the query carries it: raw (the server sees it decoded once) and encoded (the server sees it as written). */
const QUERIES = PAYLOADS.flatMap((p) => [p.replace(/[#&+\s]/g, encodeURIComponent), encodeURIComponent(p)]);

function expectOwnOrigin(location: string | null, what: string) {
  expect(location, what).not.toBeNull();
  expect(location!.startsWith("/") && !location!.startsWith("//") && !location!.startsWith("/\\"), `${what} → ${location}`).toBe(true);
  expect(new URL(location!, server.url).origin, `${what} → ${location}`).toBe(server.url);
}

async function login(email: string, redirectTo: string) {
  return server.request("/anmelden", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo }),
  });
}

describe("issue 6 item 1 / B12: redirectTo never leaves the origin", () => {
  it("signed in: GET /anmelden?redirectTo=… answers 302 to /start for every payload", async () => {
    const user = await createUser(getDb().db, { email: "redirect.in@kai.example", name: "Rita Redirect", password });
    const cookie = await sessionCookieFor(user.id);
    for (const query of QUERIES) {
      const res = await server.request(`/anmelden?redirectTo=${query}`, { headers: { Cookie: cookie } });
      expect(res.status, query).toBe(302);
      expectOwnOrigin(res.headers.get("location"), query);
      expect(res.headers.get("location"), query).toBe("/start");
    }
    const ok = await server.request(`/anmelden?redirectTo=${encodeURIComponent("/konto?x=1")}`, { headers: { Cookie: cookie } });
    expect(ok.headers.get("location")).toBe("/konto?x=1");
    // Dot segments that stay on the origin are simply resolved.
    const dots = await server.request(`/anmelden?redirectTo=${encodeURIComponent("/mitglieder/../konto")}`, { headers: { Cookie: cookie } });
    expect(dots.headers.get("location")).toBe("/konto");
  });

  it("signed out: the sign-in form carries /start, and the login POST redirects there for every payload", async () => {
    await createUser(getDb().db, { email: "redirect.out@kai.example", name: "Rolf Redirect", password });
    for (const query of QUERIES) {
      const page = await server.request(`/anmelden?redirectTo=${query}`);
      expect(page.status, query).toBe(200);
      expect(await page.text(), query).toContain('name="redirectTo" value="/start"');
    }
    for (const payload of PAYLOADS) {
      const res = await login("redirect.out@kai.example", payload);
      expect(res.status, payload).toBe(302);
      expectOwnOrigin(res.headers.get("location"), payload);
      expect(res.headers.get("location"), payload).toBe("/start");
    }
    const ok = await login("redirect.out@kai.example", "/konto?x=1");
    expect(ok.headers.get("location")).toBe("/konto?x=1");
  });

  it("signed out on a guarded page: the way back to sign-in carries only a path of this origin", async () => {
    for (const query of QUERIES) {
      const res = await server.request(`/konto?weiter=${query}`);
      expect(res.status, query).toBe(302);
      const location = res.headers.get("location")!;
      expectOwnOrigin(location, query);
      const back = new URL(location, server.url).searchParams.get("redirectTo");
      expectOwnOrigin(back, query);
      // Back to the page itself, or to /start where the query holds what a path may not (a backslash).
      expect(back === "/start" || back!.startsWith("/konto?"), `${query} → ${back}`).toBe(true);
    }
  });
});
