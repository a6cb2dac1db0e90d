import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginAttempts, userTokens, users } from "#db/schema/auth";
import { outboxEmails } from "#db/schema/mail";
import { login, LOGIN_FAILED_MESSAGE, requestPasswordReset } from "~/modules/auth/account.server";
import { IP_WINDOW_MS, lockMinutes, MAX_ACCOUNTS_PER_IP, MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { action as kontoAction } from "~/routes/konto";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { statementRecorder } from "../statements";

const recorder = statementRecorder();
const getDb = useTestDatabase({ logger: recorder.logger });
const db = () => getDb().db;
const PASSWORD = "Das-richtige-Passwort-2026";
const WRONG = "Falsch-geraten-2026";
const ACCOUNT_LOCKED = "Zu viele falsche Passwörter oder Codes für dieses Konto";
const IP_LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche aus Ihrem Netzwerk";

const person = (email: string) => createUser(db(), { email, name: `Testperson ${email.split("@")[0]}`, password: PASSWORD });
const signIn = (email: string, password: string, ip: string | null = "10.20.0.1") => login({ email, password, ip });

/** Lets time pass for an account's throttle: its recorded attempts move back by `ms`. */
async function passTime(email: string, ms: number) {
  await db()
    .update(loginAttempts)
    .set({ createdAt: sql`${loginAttempts.createdAt} - make_interval(secs => ${ms / 1000})` })
    .where(eq(loginAttempts.email, email));
}

async function failuresOf(email: string) {
  return (await db().select().from(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false)))).length;
}

describe("login throttling per account (ACCEPTANCE A8, issue 6 item 4)", () => {
  it("lock minutes grow 1, 2, 4, 8, then stay at 15", () => {
    expect([1, 4, 5, 6, 7, 8, 9, 10, 30].map(lockMinutes)).toEqual([0, 0, 1, 2, 4, 8, 15, 15, 15]);
  });

  it("A8: refused attempts during the lock neither count nor extend it; the owner gets in after 1 minute", async () => {
    const user = await person("throttle.refused@kai.example");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await signIn(user.email, WRONG)).ok).toBe(false);
    // Someone keeps trying while the account is locked, even with the right password.
    for (let i = 0; i < 4; i++) {
      const refused = await signIn(user.email, i % 2 ? PASSWORD : WRONG, `10.21.0.${i + 1}`);
      expect(refused).toMatchObject({ ok: false, status: 429 });
      expect(refused.ok || refused.message).toContain(`${ACCOUNT_LOCKED}. Bitte warten Sie 1 Minute oder setzen Sie Ihr Passwort zurück.`);
    }
    expect(await failuresOf(user.email)).toBe(MAX_FAILURES_PER_ACCOUNT);
    await passTime(user.email, 61_000);
    expect((await signIn(user.email, PASSWORD)).ok).toBe(true);
    expect(await failuresOf(user.email)).toBe(0);
  });

  it("A8: each failure after a lock runs out doubles it, up to 15 minutes; a success clears it", async () => {
    const user = await person("throttle.growing@kai.example");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn(user.email, WRONG);
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      const blocked = await signIn(user.email, PASSWORD);
      expect(blocked.ok || blocked.message).toContain(`Bitte warten Sie ${minutes === 1 ? "1 Minute" : `${minutes} Minuten`}`);
      await passTime(user.email, minutes * 60_000 - 5_000);
      expect(await signIn(user.email, PASSWORD)).toMatchObject({ ok: false, status: 429 });
      await passTime(user.email, 10_000);
      // The lock has run out: this guess is checked (and is wrong), which starts the next, longer lock.
      expect(await signIn(user.email, WRONG)).toMatchObject({ ok: false, status: 400, message: LOGIN_FAILED_MESSAGE });
    }
    await passTime(user.email, 15 * 60_000 + 1_000);
    expect((await signIn(user.email, PASSWORD)).ok).toBe(true);
    expect(await failuresOf(user.email)).toBe(0);
  });

  it("A8: failures older than 24 hours are forgotten", async () => {
    const user = await person("throttle.forgotten@kai.example");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await signIn(user.email, WRONG);
    await passTime(user.email, 24 * 3_600_000 + 1_000);
    await signIn(user.email, WRONG);
    expect((await signIn(user.email, PASSWORD)).ok).toBe(true);
  });
});

describe("login throttling per IP (ACCEPTANCE A8, issue 6 item 4)", () => {
  it("A8: many failures on a few accounts from one NAT address do not lock out the others behind it", async () => {
    const ip = "10.30.0.1";
    for (let a = 0; a < 8; a++) {
      const colleague = await person(`throttle.nat${a}@kai.example`);
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn(colleague.email, WRONG, ip);
    }
    // 40 failures from one address; the next colleague still signs in from it.
    const next = await person("throttle.nat.next@kai.example");
    expect((await signIn(next.email, PASSWORD, ip)).ok).toBe(true);
  });

  it(`A8: failures on ${MAX_ACCOUNTS_PER_IP} distinct accounts within the hour lock the IP, for any account, until they age out`, async () => {
    const ip = "10.31.0.1";
    const now = Date.now();
    // History: 99 distinct addresses failed from this IP in the last hour (one of them only just in).
    await db()
      .insert(loginAttempts)
      .values(
        Array.from({ length: MAX_ACCOUNTS_PER_IP - 1 }, (_, i) => ({
          email: `sprayed${i}@kai.example`,
          ip,
          success: false,
          createdAt: new Date(now - (i === 0 ? IP_WINDOW_MS - 120_000 : 60_000)),
        })),
      );
    const victim = await person("throttle.ip.victim@kai.example");
    // The 100th distinct account is still checked …
    expect(await signIn("sprayed-last@kai.example", WRONG, ip)).toMatchObject({ ok: false, status: 400 });
    // … then the IP is locked for everyone, even with the right password, for 2 minutes (until
    // the oldest of the 100 is an hour old). Other IPs are not affected.
    const blocked = await signIn(victim.email, PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    expect(blocked.ok || blocked.message).toBe(`${IP_LOCKED}. Bitte versuchen Sie es in 2 Minuten erneut.`);
    expect(await failuresOf(victim.email)).toBe(0);
    expect((await signIn(victim.email, PASSWORD, "10.31.0.2")).ok).toBe(true);
    await db()
      .update(loginAttempts)
      .set({ createdAt: sql`${loginAttempts.createdAt} - interval '3 minutes'` })
      .where(eq(loginAttempts.email, "sprayed0@kai.example"));
    expect((await signIn(victim.email, PASSWORD, ip)).ok).toBe(true);
  });
});

describe("the current-password check on /konto is throttled like sign-in (ACCEPTANCE A8, issue 6 item 4)", () => {
  const change = (cookie: string, current: string, ip = "10.40.0.1") =>
    call(
      kontoAction,
      makeRequest("/konto", { cookie, form: { intent: "change-password", current, password: "Ein neues langes Passwort", confirm: "Ein neues langes Passwort" } }),
      {},
      { clientIp: ip, correlationId: "test" },
    );

  it("A8: after 5 wrong current passwords even the right one is refused, and sign-in is locked too", async () => {
    const user = await person("throttle.konto@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const [{ passwordHash }] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await change(cookie, `${WRONG}-${i}`, `10.40.0.${i + 1}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.data)).toContain("Das aktuelle Passwort ist nicht richtig.");
    }
    const refused = await change(cookie, PASSWORD, "10.40.1.1");
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.data)).toContain(`${ACCOUNT_LOCKED}. Bitte warten Sie 1 Minute`);
    const [after] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(after.passwordHash).toBe(passwordHash);
    // One counter for the account: the guesses on /konto lock sign-in as well.
    expect(await signIn(user.email, PASSWORD, "10.40.2.1")).toMatchObject({ ok: false, status: 429 });
    await passTime(user.email, 61_000);
    expect((await change(cookie, PASSWORD)).status).toBe(302);
  });
});

describe("password reset does the same work whatever the address (ACCEPTANCE A9, issue 6 item 4)", () => {
  it("A9: unknown address, inactive account, account at its hourly limit and a sent mail run the same statements", async () => {
    const known = await person("reset.same.known@kai.example");
    await createUser(db(), { email: "reset.same.off@kai.example", name: "Inge Inaktiv", password: PASSWORD, active: false });
    const limited = await person("reset.same.limit@kai.example");
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: limited.email });
    const mailsBefore = (await db().select().from(outboxEmails)).length;

    // Savepoint ends are "release" (kept) or "rollback to" (discarded): the same one statement.
    const run = async (email: string) =>
      (await recorder.record(() => requestPasswordReset({ email, ip: "10.50.0.1" }))).statements.map(({ sql }) =>
        sql.replace(/^(release savepoint|rollback to savepoint) /, "end savepoint "),
      );
    const sent = await run(known.email);
    const unknown = await run("reset.same.niemand@kai.example");
    const inactive = await run("reset.same.off@kai.example");
    const atLimit = await run(limited.email);
    expect(sent.some((s) => s.startsWith('insert into "outbox_emails"'))).toBe(true);
    expect(sent.some((s) => s.startsWith('insert into "user_tokens"'))).toBe(true);
    expect(sent.some((s) => s.startsWith('insert into "audit_events"'))).toBe(true);
    expect(unknown).toEqual(sent);
    expect(inactive).toEqual(sent);
    expect(atLimit).toEqual(sent);

    // Only the known, active account under its limit got a mail and a link.
    const mails = await db().select().from(outboxEmails);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.toAddress).toBe(known.email);
    const links = await db().select({ userId: userTokens.userId }).from(userTokens).where(eq(userTokens.purpose, "reset"));
    expect(links.filter((l) => l.userId === known.id)).toHaveLength(1);
    expect(links.filter((l) => l.userId === limited.id)).toHaveLength(3);
  });
});
