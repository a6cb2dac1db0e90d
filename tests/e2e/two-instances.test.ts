import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMail, startSmtpSink } from "../smtp-sink";
import { runScript, signInByHttp, startServer, type RunningServer } from "./server";

// ACCEPTANCE G37 / issue item 17: two app processes on one PostgreSQL. Runs when TEST_DATABASE_URL
// is set (CI); vitest.e2e.config.ts includes this file only then.
const baseUrl = process.env.TEST_DATABASE_URL!;
const dbName = `kai_2i_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let a: RunningServer;
let b: RunningServer;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  runScript("scripts/db-migrate.ts", { DATABASE_URL: dbUrl });
  runScript("scripts/db-seed-demo.ts", { DATABASE_URL: dbUrl, KAI_DEMO: "1" });
  sink = await startSmtpSink();
  // Real production mode: every variable set, no demo fallbacks.
  const common = { DATABASE_URL: dbUrl, SMTP_URL: sink.url, MAIL_FROM: "KAI-Portal <portal@kai.example>", KAI_DEMO: "", LOG_LEVEL: "warn" };
  const { freePort } = await import("./server");
  const [portA, portB] = [await freePort(), await freePort()];
  [a, b] = await Promise.all([
    startServer({ ...common, PORT: String(portA), APP_URL: `http://localhost:${portA}` }),
    startServer({ ...common, PORT: String(portB), APP_URL: `http://localhost:${portB}` }),
  ]);
}, 120_000);

afterAll(async () => {
  const codes = await Promise.all([a?.stop(), b?.stop()]);
  await sink?.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  // Graceful shutdown on SIGTERM exits 0 (open pool closed, jobs stopped).
  expect(codes).toEqual([0, 0]);
});

function signIn(server: RunningServer, email: string) {
  return signInByHttp(server.url, email);
}

describe("two app instances on one PostgreSQL", () => {
  it("a session made on one instance works on the other, and logout on the other ends it", async () => {
    const cookie = await signIn(a, "admin@kai.example");
    const onB = await fetch(`${b.url}/konto`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(onB.status).toBe(200);
    const out = await fetch(`${b.url}/abmelden`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: b.url } });
    expect(out.status).toBe(302);
    const onA = await fetch(`${a.url}/konto`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(onA.status).toBe(302);
  });

  it("each outbox email is delivered exactly once, whichever instance's worker takes it", async () => {
    const people = ["leitung.nord", "leitung.west", "betreuung.nord", "betreuung.west", "schulung", "redaktion"].map((p) => `${p}@kai.example`);
    await Promise.all(
      people.map((email, i) => {
        const server = i % 2 ? b : a;
        return fetch(`${server.url}/passwort-vergessen`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email }),
        });
      }),
    );
    // Both instances' workers now race for every queued message: the six resets, plus the demo
    // seed's sample invitations that were queued before either instance started.
    const check = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      const deadline = Date.now() + 90_000;
      let rows: { status: string; message_id: string | null; to_address: string; subject: string }[] = [];
      for (;;) {
        rows = [...(await check`select status, message_id, to_address, subject from outbox_emails`)] as typeof rows;
        if (rows.every((r) => r.status === "sent") && sink.received.length >= rows.length) break;
        if (Date.now() > deadline) throw new Error(`not delivered in time: ${JSON.stringify(rows.map((r) => r.status))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // Give a duplicate time to show up, if there were one.
      await new Promise((r) => setTimeout(r, 3000));
      const received = await Promise.all(sink.received.map((m) => parseMail(m.raw)));
      const ids = received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(rows.length);
      expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.message_id)));
      const resets = received.filter((m) => m.subject === "KAI-Portal: Passwort zurücksetzen").map((m) => m.to?.[0]?.address);
      expect(resets.sort()).toEqual([...people].sort());
    } finally {
      await check.end();
    }
  });
});

