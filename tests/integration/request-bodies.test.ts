import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxEmails } from "#db/schema/mail";
import { expectGermanErrorPage, rawRequest, useTestServer } from "../app";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";

// Issue 6 item 2 (ACCEPTANCE D20): request bodies are counted as they stream, whatever the
// framing, and each path may have its own rule (server/app.js BODY_RULES).
const getDb = useTestDatabase();
const server = useTestServer();
// The same app with configured rules: one path takes up to 4 MiB, one takes multipart (as upload routes will).
const roomy = useTestServer({
  bodyRules: [
    { path: /^\/passwort-vergessen$/, maxBytes: 4 * 1024 * 1024 },
    { path: /^\/anmelden$/, maxBytes: 1024 * 1024, multipart: true },
  ],
});

const MiB = 1024 * 1024;
const FILLER = "x".repeat(64 * 1024);

async function resetMailsTo(email: string) {
  return getDb().db.select({ id: outboxEmails.id }).from(outboxEmails).where(eq(outboxEmails.toAddress, email));
}

/** A password-reset request for `email`, padded with an extra field to `total` bytes, sent chunked (no Content-Length). */
function chunkedResetRequest(url: string, email: string, total: number) {
  return rawRequest(url, "/passwort-vergessen", {
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    chunked: { first: `email=${encodeURIComponent(email)}&padding=`, filler: FILLER, total },
  });
}

describe("issue 6 item 2 / D20: the body limit holds for chunked bodies", () => {
  it("a chunked 64 MiB POST to /passwort-vergessen gets 413 as soon as 1 MiB passes, and no mail is queued", async () => {
    await createUser(getDb().db, { email: "body.chunked@kai.example", name: "Bodo Body" });
    const res = await chunkedResetRequest(server.url, "body.chunked@kai.example", 64 * MiB);
    const html = await expectGermanErrorPage(res, 413, "Anfrage zu groß");
    expect(html).toContain("Die Anfrage ist zu groß.");
    // Answered while the client was still sending: far from all 64 MiB were read.
    expect(res.bytesSent).toBeLessThan(8 * MiB);
    expect(await resetMailsTo("body.chunked@kai.example")).toHaveLength(0);
  });

  it("a chunked body under the limit reaches the action (the reset mail is queued)", async () => {
    await createUser(getDb().db, { email: "body.small@kai.example", name: "Bea Body" });
    const res = await chunkedResetRequest(server.url, "body.small@kai.example", MiB / 2);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/passwort-vergessen?gesendet=1");
    expect(await resetMailsTo("body.small@kai.example")).toHaveLength(1);
  });

  it("a Content-Length over the limit is refused before reading, with the same page", async () => {
    const res = await rawRequest(server.url, "/passwort-vergessen", {
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: `email=a%40kai.example&padding=${"x".repeat(2 * MiB)}`,
    });
    await expectGermanErrorPage(res, 413, "Anfrage zu groß");
  });

  it("a path with its own rule gets its own limit: 2 MiB pass there, 5 MiB do not; elsewhere 1 MiB stays", async () => {
    await createUser(getDb().db, { email: "body.roomy@kai.example", name: "Ria Body" });
    const within = await chunkedResetRequest(roomy.url, "body.roomy@kai.example", 2 * MiB);
    expect(within.status).toBe(302);
    expect(await resetMailsTo("body.roomy@kai.example")).toHaveLength(1);
    const over = await chunkedResetRequest(roomy.url, "body.roomy@kai.example", 5 * MiB);
    expect(over.status).toBe(413);
    expect(await resetMailsTo("body.roomy@kai.example")).toHaveLength(1);
    const elsewhere = await rawRequest(roomy.url, "/anmelden", {
      headers: { Origin: roomy.url, "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      chunked: { first: "email=a%40kai.example&password=", filler: FILLER, total: 2 * MiB },
    });
    expect(elsewhere.status).toBe(413);
  });

  it("multipart only where a rule allows it: there without a boundary it is a 400, with one it reaches the action", async () => {
    const elsewhere = await roomy.request("/passwort-vergessen", { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=abc" }, body: "--abc--\r\n" });
    expect(elsewhere.status).toBe(415);
    const noBoundary = await roomy.request("/anmelden", { method: "POST", headers: { "Content-Type": "multipart/form-data" }, body: "x" });
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.text()).toContain("<title>Fehlerhafte Anfrage – KAI-Portal</title>");
    const multipart = new FormData();
    multipart.set("email", "keine-adresse");
    multipart.set("password", "x");
    const parsed = await roomy.request("/anmelden", { method: "POST", body: multipart });
    expect(parsed.status).toBe(400);
    expect(await parsed.text()).toContain("Bitte eine gültige E-Mail-Adresse angeben.");
  });

  it("issue 7 item 8: the ticket forms take multipart, also at their single-fetch .data URLs; the other routes do not", async () => {
    const files = () => {
      const form = new FormData();
      form.set("title", "x");
      return form;
    };
    for (const path of ["/betreuung/neu", "/betreuung/neu.data", "/betreuung/tickets/KAI-2026-00001", "/betreuung/tickets/KAI-2026-00001.data"]) {
      const res = await server.request(path, { method: "POST", body: files(), redirect: "manual" });
      // Signed out: the guard answers (sign-in redirect), not the body check.
      expect([302, 303, 202, 204].includes(res.status) || res.headers.get("x-remix-redirect") !== null, `${path}: ${res.status}`).toBe(true);
    }
    for (const path of ["/betreuung/tickets", "/betreuung/neu/x.data", "/mitglieder/neu"]) {
      expect((await server.request(path, { method: "POST", body: files() })).status, path).toBe(415);
    }
  });

  it("issue 9 item 4: the meeting page takes multipart (agenda documents), also at its .data URL; its sub-pages do not", async () => {
    const form = () => {
      const f = new FormData();
      f.set("intent", "document_upload");
      return f;
    };
    for (const path of ["/facharbeitskreise/finas/sitzungen/1", "/facharbeitskreise/finas/sitzungen/1.data"]) {
      const res = await server.request(path, { method: "POST", body: form(), redirect: "manual" });
      expect([302, 303, 202, 204].includes(res.status) || res.headers.get("x-remix-redirect") !== null, `${path}: ${res.status}`).toBe(true);
    }
    for (const path of ["/facharbeitskreise/finas/sitzungen/neu/x", "/facharbeitskreise/finas/sitzungen/1/bearbeiten"]) {
      expect((await server.request(path, { method: "POST", body: form() })).status, path).toBe(415);
    }
  });
});
