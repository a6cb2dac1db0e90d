import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { userTokens, users } from "#db/schema/auth";
import { municipalities } from "#db/schema/members";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { login, setPasswordWithToken } from "~/modules/auth/account.server";
import { MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { generateToken, hashToken } from "~/modules/auth/tokens.server";
import { createMember } from "~/modules/members/commands.server";
import { claimDueEmails } from "~/modules/mail/dispatcher.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { PasswordResetEmail } from "#emails/password-reset";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { makeRequest, sessionCookieFor } from "../http";

// Real PostgreSQL with a pool of concurrent connections (PGlite would serialise and hide races).
const getDb = useTestDatabase();

describe("races on PostgreSQL (ACCEPTANCE G33–G37)", () => {
  it("G37/E26: concurrent dispatchers claim every outbox row exactly once (SKIP LOCKED)", async () => {
    const body = createElement(PasswordResetEmail, { name: "N", link: "https://x.example", expiresAt: "morgen" });
    for (let i = 0; i < 40; i++) await sendEmail({ to: { address: `race${i}@kai.example` }, template: "t", subject: `M${i}`, body });
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDueEmails(10)));
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    // Each dispatcher got its own rows; none of them is due again while its lease runs.
    expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
    expect(await claimDueEmails(50)).toHaveLength(0);
    await db.delete(outboxEmails);
  });

  it("G36: a single-use link used twice at once sets the password once", async () => {
    const user = await createUser(getDb().db, { email: "race.token@kai.example", name: "Rita Race", password: null });
    const token = generateToken();
    await db.insert(userTokens).values({ tokenHash: hashToken(token), userId: user.id, purpose: "invite", expiresAt: new Date(Date.now() + 3_600_000) });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => setPasswordWithToken({ token, purpose: "invite", password: `Passwort-Nummer-${i}-lang` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect(String((r as PromiseRejectedResult).reason.message)).toContain("Link");
  });

  it("A8: parallel guesses cannot get past the per-account limit", async () => {
    await createUser(getDb().db, { email: "race.login@kai.example", name: "Paul Parallel", password: "Das-richtige-Passwort-1" });
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login({ email: "race.login@kai.example", password: `Falsch-geraten-${i}-xx`, ip: `10.9.0.${i + 1}` })),
    );
    const checked = results.filter((r) => !r.ok && r.status === 400).length;
    const throttled = results.filter((r) => !r.ok && r.status === 429).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(checked + throttled).toBe(16);
    expect((await login({ email: "race.login@kai.example", password: "Das-richtige-Passwort-1", ip: "10.9.1.1" })).ok).toBe(false);
  });

  it("G36: a double-submitted form creates one record", async () => {
    const admin = await createUser(getDb().db, { email: "race.admin@kai.example", name: "Arne Admin", roles: [{ role: "admin" }] });
    const cookie = await sessionCookieFor(admin.id);
    const actor = (await getCurrentUser(makeRequest("/", { cookie }), {}))!;
    const data = { name: "Neustadt am Test", kind: "Stadt" as const, state: "Niedersachsen" as const, district: "Landkreis Test", centreId: "nord" as const, inhabitants: 5000, memberSince: "2026-01-01" };
    const results = await Promise.allSettled([createMember({ actor, data }), createMember({ actor, data }), createMember({ actor, data })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await db.select().from(municipalities).where(eq(municipalities.name, data.name));
    expect(rows).toHaveLength(1);
  });

  it("G36: a connection dropped mid-transaction rolls back, and the pool reconnects by itself", async () => {
    // Several rounds: each kills the backend that runs an open transaction, as a crashed network or
    // database restart would. postgres.js 3.4.9 used to crash the process here with an uncaught
    // TypeError (see scripts/patch-postgres.mjs); vitest fails the run on any uncaught error.
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      for (let round = 0; round < 3; round++) {
        const probe = `dropped${round}@kai.example`;
        const attempt = db.transaction(async (tx) => {
          await tx.insert(users).values({ email: probe, name: "Halb Geschrieben" });
          await tx.execute(sql`select set_config('application_name', 'kai-drop-me', true)`);
          await tx.execute(sql`select pg_sleep(5)`);
        });
        for (let i = 0; i < 50; i++) {
          const killed = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = 'kai-drop-me'`;
          if (killed.length) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await expect(attempt).rejects.toThrow();
        expect(await db.select().from(users).where(eq(users.email, probe))).toHaveLength(0);
      }
    } finally {
      await admin.end();
    }
    // The pool recovers without a restart. A request that lands on a connection whose backend was
    // killed fails once with that connection's error (a clean error page for that one request);
    // the next round of requests all succeed.
    const batch = () =>
      Promise.all(
        Array.from({ length: 12 }, () =>
          db
            .select({ n: sql<number>`count(*)::int` })
            .from(municipalities)
            .then(([row]) => row.n, (e: { cause?: { code?: string } }) => `failed:${e.cause?.code ?? "?"}`),
        ),
      );
    const first = await batch();
    for (const r of first) if (typeof r === "string") expect(r).toMatch(/^failed:(57P01|CONNECTION_CLOSED|ECONNRESET)$/);
    expect(first.filter((r) => typeof r === "string").length).toBeLessThanOrEqual(3);
    const second = await batch();
    for (const n of second) expect(n).toBeGreaterThanOrEqual(37);
  });
});
