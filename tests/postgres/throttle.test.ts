import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginAttempts } from "#db/schema/auth";
import { db } from "~/db.server";
import { changePassword, login } from "~/modules/auth/account.server";
import { MAX_ACCOUNTS_PER_IP, MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";

// Real PostgreSQL with a pool of concurrent connections (PGlite would serialise and hide races).
const getDb = useTestDatabase();
const PASSWORD = "Das-richtige-Passwort-1";

const outcomes = (results: { ok: boolean; status?: number }[]) => ({
  checked: results.filter((r) => !r.ok && r.status === 400).length,
  refused: results.filter((r) => !r.ok && r.status === 429).length,
});
const failuresOf = async (email: string) =>
  (await db.select().from(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false)))).length;

describe("login throttling under concurrency (ACCEPTANCE A8, issue 6 item 4)", () => {
  it("A8: parallel attempts on a locked account are all refused and do not extend the lock; when it runs out, one guess gets through", async () => {
    const email = "race.refused@kai.example";
    await createUser(getDb().db, { email, name: "Rolf Refused", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login({ email, password: `Falsch-${i}-geraten`, ip: "10.60.0.1" });
    const during = await Promise.all(Array.from({ length: 12 }, (_, i) => login({ email, password: `Falsch-${i}-parallel`, ip: `10.60.1.${i + 1}` })));
    expect(outcomes(during)).toEqual({ checked: 0, refused: 12 });
    expect(await failuresOf(email)).toBe(MAX_FAILURES_PER_ACCOUNT);
    await db.update(loginAttempts).set({ createdAt: sql`${loginAttempts.createdAt} - interval '61 seconds'` }).where(eq(loginAttempts.email, email));
    const after = await Promise.all(Array.from({ length: 12 }, (_, i) => login({ email, password: `Falsch-${i}-danach`, ip: `10.60.2.${i + 1}` })));
    // The lock ran out: one guess is checked (and starts a 2-minute lock), the others are refused.
    expect(outcomes(after)).toEqual({ checked: 1, refused: 11 });
    expect(await failuresOf(email)).toBe(MAX_FAILURES_PER_ACCOUNT + 1);
  });

  it("A8: parallel guesses on /konto and at sign-in share the account's limit", async () => {
    const email = "race.konto@kai.example";
    const user = await createUser(getDb().db, { email, name: "Konrad Konto", password: PASSWORD });
    const konto = Array.from({ length: 8 }, (_, i) =>
      changePassword({ userId: user.id, sessionId: "none", current: `Falsch-${i}-konto`, password: "Ein neues langes Passwort", ip: `10.61.0.${i + 1}` }).then(
        () => ({ ok: true }),
        (e: { status: number }) => ({ ok: false, status: e.status }),
      ),
    );
    const signIns = Array.from({ length: 8 }, (_, i) => login({ email, password: `Falsch-${i}-login`, ip: `10.61.1.${i + 1}` }));
    const results = await Promise.all([...konto, ...signIns]);
    expect(outcomes(results)).toEqual({ checked: MAX_FAILURES_PER_ACCOUNT, refused: 16 - MAX_FAILURES_PER_ACCOUNT });
  });

  it(`A8: parallel guesses on new accounts from one IP get no further than ${MAX_ACCOUNTS_PER_IP} distinct accounts`, async () => {
    const ip = "10.62.0.1";
    await db.insert(loginAttempts).values(
      Array.from({ length: MAX_ACCOUNTS_PER_IP - 1 }, (_, i) => ({ email: `race.sprayed${i}@kai.example`, ip, success: false, createdAt: new Date(Date.now() - 60_000) })),
    );
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => login({ email: `race.sprayed.new${i}@kai.example`, password: "Ein-Passwort-fuer-alle", ip })));
    expect(outcomes(results)).toEqual({ checked: 1, refused: 9 });
  });
});
