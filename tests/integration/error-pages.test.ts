import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { expectGermanErrorPage, rawRequest, useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { sessionCookieFor } from "../http";

// Issue 6 item 3 (ACCEPTANCE D21, D16): bad requests get a clean German answer, never a bare 500.
const getDb = useTestDatabase();
const server = useTestServer({
  extraRoutes: {
    // An action that fails unexpectedly, as a broken query would.
    "routes/test.wirft": {
      path: "test/wirft",
      module: {
        action: () => {
          throw new Error("unexpected failure in an action");
        },
        default: () => null,
      },
    },
  },
});

const form = { "Content-Type": "application/x-www-form-urlencoded" };

async function adminCookie() {
  const admin = await createUser(getDb().db, { email: "fehler.admin@kai.example", name: "Frida Fehler", roles: [{ role: "admin" }] });
  return sessionCookieFor(admin.id);
}

describe("issue 6 item 3 / D21: error pages", () => {
  it("a thrown action error shows the request's Fehler-ID (no loader ran)", async () => {
    const res = await server.request("/test/wirft", { method: "POST", headers: form, body: "x=1" });
    expect(res.status).toBe(500);
    const id = res.headers.get("x-correlation-id");
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    const html = await res.text();
    expect(html).toContain("Ein Fehler ist aufgetreten");
    expect(html).toContain(`<code id="fehler-id" data-testid="correlation-id">${id}</code>`);
    expect(html).not.toContain("unexpected failure");
  });

  it("Origin equal to APP_URL but another X-Forwarded-Host or Host: 403 before Remix, and no sign-in", async () => {
    await createUser(getDb().db, { email: "fehler.host@kai.example", name: "Hugo Host", password: "Ein-langes-Passwort-2026" });
    const body = new URLSearchParams({ email: "fehler.host@kai.example", password: "Ein-langes-Passwort-2026" });
    const forwarded = await server.request("/anmelden", { method: "POST", headers: { ...form, "X-Forwarded-Host": "evil.example" }, body });
    expect(forwarded.headers.get("set-cookie")).toBeNull();
    const html = await expectGermanErrorPage(forwarded, 403, "Anfrage abgelehnt");
    expect(html).toContain("unbekannte Herkunft");
    const host = await rawRequest(server.url, "/anmelden", { headers: { ...form, Origin: server.url, Host: "evil.example" }, body: body.toString() });
    expect(host.headers["set-cookie"]).toBeUndefined();
    await expectGermanErrorPage(host, 403, "Anfrage abgelehnt");
  });

  it("B10: a foreign Origin gets the same German 403 page", async () => {
    const res = await server.request("/anmelden", { method: "POST", headers: { ...form, Origin: "https://evil.example" }, body: "email=x" });
    await expectGermanErrorPage(res, 403, "Anfrage abgelehnt");
  });

  it("what fails outside Remix (a Host the adapter cannot parse) gets the German 500 page, no stack trace", async () => {
    const res = await rawRequest(server.url, "/", { method: "GET", headers: { Host: "[::1" } });
    const html = await expectGermanErrorPage(res, 500, "Ein Fehler ist aufgetreten");
    expect(html).not.toContain("TypeError");
  });

  it("non-form content types get 415; an empty POST is an empty form", async () => {
    for (const [type, body] of [
      ["text/plain", "email=a@kai.example"],
      ["application/json", '{"email":"a@kai.example"}'],
      ["multipart/form-data", "x"],
      ["multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n--abc--\r\n"],
    ]) {
      const res = await server.request("/passwort-vergessen", { method: "POST", headers: { "Content-Type": type }, body });
      const html = await expectGermanErrorPage(res, 415, "Format nicht unterstützt");
      expect(html, type).toContain("Format, das hier nicht angenommen wird");
    }
    const untyped = await rawRequest(server.url, "/passwort-vergessen", { headers: { Origin: server.url }, body: "email=a" });
    expect(untyped.status).toBe(415);
    const empty = await rawRequest(server.url, "/passwort-vergessen", { headers: { Origin: server.url } });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain("Bitte Ihre E-Mail-Adresse angeben.");
  });

  it("a path that does not decode (%ff) or holds a control character is a 400", async () => {
    for (const path of ["/%ff", "/mitglieder/%ff", "/admin/personen/%00", "/kalender/%00.ics", "/einladung/%0a"]) {
      const res = await server.request(path);
      await expectGermanErrorPage(res, 400, "Fehlerhafte Anfrage");
    }
  });
});

describe("issue 6 item 3 / D16: control characters in text fields", () => {
  it("a NUL or other control character in a name gets a German field error, and nothing is stored", async () => {
    const cookie = await adminCookie();
    for (const name of ["Neu\u0000stadt", "Neu\u0007stadt", "Neu\u001bstadt", "Neu\u007fstadt", "Neu\u0085stadt"]) {
      const res = await server.request("/mitglieder/neu", {
        method: "POST",
        headers: { ...form, Cookie: cookie },
        body: new URLSearchParams({ name, kind: "Gemeinde", state: "Niedersachsen", district: "Landkreis Stade", centreId: "nord", inhabitants: "1200", memberSince: "2026-01-01" }),
      });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(await res.text()).toContain("Bitte keine Steuerzeichen verwenden.");
    }
    const invite = await server.request("/admin/personen/einladen", {
      method: "POST",
      headers: { ...form, Cookie: cookie },
      body: new URLSearchParams({ name: "Nina\u0000Null", email: "nina.null@kai.example", role: "admin" }),
    });
    expect(invite.status).toBe(400);
    expect(await invite.text()).toContain("Bitte keine Steuerzeichen verwenden.");
    expect(await getDb().db.select().from(municipalities).where(like(municipalities.name, "Neu%stadt"))).toHaveLength(0);
    expect(await getDb().db.select().from(users).where(eq(users.email, "nina.null@kai.example"))).toHaveLength(0);
  });

  it("a search with NUL is ignored with a 400 and a message, never a 500 from the database", async () => {
    const members = await server.request("/mitglieder?q=%00");
    expect(members.status).toBe(400);
    expect(await members.text()).toContain("Bitte keine Steuerzeichen verwenden.");
    const cookie = await adminCookie();
    for (const path of ["/admin/postfach?to=%00", "/admin/audit?actor=a%00%40kai.example", "/admin/audit?entityType=person&entityId=%00"]) {
      const res = await server.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBeLessThan(500);
      expect(await res.text(), path).toMatch(/Steuerzeichen|Bitte/);
    }
  });
});
