import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TEST_TOTP_KEY } from "../second-factor";
import { endedSessions, sessions } from "#db/schema/auth";
import { parseEnv } from "~/env.server";
import { sessionRef } from "~/modules/auth/account-sessions.server";
import { setActive } from "~/modules/auth/people.server";
import { deleteExpiredSessions } from "~/modules/auth/sessions.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { action as loginAction, loader as loginLoader } from "~/routes/anmelden";
import { action as accountAction } from "~/routes/konto";
import { loader as statusLoader } from "~/routes/sitzung.status";
import { loader as startLoader } from "~/routes/start";
import { useTestDatabase } from "../db";
import { createUser, DEMO_PASSWORD } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

// Issue 5, item 9: a timed-out or ended session sends the person to the sign-in page with the
// reason and the page to come back to.
const getDb = useTestDatabase();

const tokenOf = (cookie: string) => cookie.split("=")[1];

describe("signed out by timeout or from elsewhere (issue 5, item 9)", () => {
  it("an expired session on a protected page: sign-in with redirectTo (path and search) and abgelaufen, stale cookie cleared", async () => {
    const user = await createUser(getDb().db, { email: "ablauf@kai.example", name: "Alma Ablauf" });
    const cookie = await sessionCookieFor(user.id);
    await getDb().db.update(sessions).set({ idleExpiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id));
    const res = await call(startLoader, makeRequest("/start?tab=termine&x=1", { cookie }));
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/anmelden?redirectTo=${encodeURIComponent("/start?tab=termine&x=1")}&abgelaufen=1`);
    expect(res.headers.get("Set-Cookie")).toMatch(/^__Host-kai_session=; .*Max-Age=0/);

    const page = await call(loginLoader, makeRequest(res.location!));
    expect(page.data).toMatchObject({ expired: true, ended: false, redirectTo: "/start?tab=termine&x=1" });
  });

  it("without any cookie there is no reason, only the way back", async () => {
    const res = await call(startLoader, makeRequest("/start"));
    expect(res.location).toBe(`/anmelden?redirectTo=${encodeURIComponent("/start")}`);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("a session revoked under “Meine Sitzungen” reads as ended elsewhere, on pages and in the status", async () => {
    const user = await createUser(getDb().db, { email: "zweigeraet@kai.example", name: "Zora Zwei" });
    const laptop = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    const revoked = await call(accountAction, makeRequest("/konto", { cookie: laptop, form: { intent: "revoke-session", session: sessionRef(hashToken(tokenOf(phone))) } }));
    expect(revoked.status).toBeLessThan(400);
    const res = await call(startLoader, makeRequest("/start", { cookie: phone }));
    expect(res.location).toBe(`/anmelden?redirectTo=${encodeURIComponent("/start")}&beendet=1`);
    const status = await call(statusLoader, makeRequest("/sitzung/status", { cookie: phone }));
    expect(status.data).toEqual({ idleRemainingMs: 0, ended: true });
    const page = await call(loginLoader, makeRequest(res.location!));
    expect(page.data).toMatchObject({ ended: true, expired: false, redirectTo: "/start" });
    // The one who revoked it is still signed in.
    expect((await call(startLoader, makeRequest("/start", { cookie: laptop }))).status).toBe(200);
  });

  it("a deactivation by an admin, or a password reset elsewhere, reads as ended elsewhere too", async () => {
    const admin = await createUser(getDb().db, { email: "admin.ende@kai.example", name: "Adam Admin", roles: [{ role: "admin" }] });
    const user = await createUser(getDb().db, { email: "deaktiviert@kai.example", name: "Dora Deaktiv" });
    const cookie = await sessionCookieFor(user.id);
    await setActive({ actor: { id: admin.id, roles: [{ role: "admin" }] } as never, userId: user.id, active: false, ip: null });
    const res = await call(startLoader, makeRequest("/start", { cookie }));
    expect(res.location).toMatch(/&beendet=1$/);
  });

  it("an unknown or forged token reads as expired and says nothing about anyone", async () => {
    const res = await call(startLoader, makeRequest("/start", { cookie: `__Host-kai_session=${"a".repeat(32)}` }));
    expect(res.location).toMatch(/&abgelaufen=1$/);
    const status = await call(statusLoader, makeRequest("/sitzung/status", { cookie: `__Host-kai_session=${"a".repeat(32)}` }));
    expect(status.data).toEqual({ idleRemainingMs: 0, ended: false });
  });

  it("after signing in again the person lands on the page they were on; foreign targets are refused (B12)", async () => {
    await createUser(getDb().db, { email: "zurueck@kai.example", name: "Zeno Zurück", password: DEMO_PASSWORD });
    const form = { email: "zurueck@kai.example", password: DEMO_PASSWORD };
    const back = await call(loginAction, makeRequest("/anmelden", { form: { ...form, redirectTo: "/start?tab=termine" } }));
    expect(back.location).toBe("/start?tab=termine");
    const foreign = await call(loginAction, makeRequest("/anmelden", { form: { ...form, redirectTo: "//evil.example/x" } }));
    expect(foreign.location).toBe("/start");
  });

  it("tombstones live as long as a cookie could (12 h), then the retention job removes them", async () => {
    await getDb().db.insert(endedSessions).values([
      { id: "alt", endedAt: new Date(Date.now() - 13 * 60 * 60 * 1000) },
      { id: "frisch", endedAt: new Date() },
    ]);
    await deleteExpiredSessions();
    const left = (await getDb().db.select({ id: endedSessions.id }).from(endedSessions)).map((r) => r.id);
    expect(left).toContain("frisch");
    expect(left).not.toContain("alt");
  });

  it("the test-only short idle timeout is refused in production", () => {
    const production: NodeJS.ProcessEnv = { NODE_ENV: "production", DATABASE_URL: "postgres://x@db/kai", APP_URL: "https://portal.kai.example", SMTP_URL: "smtp://mail.kai.example", MAIL_FROM: "KAI <portal@kai.example>", TOTP_KEY: TEST_TOTP_KEY };
    expect(() => parseEnv({ ...production, KAI_TEST_IDLE_TIMEOUT_SECONDS: "60" })).toThrow(/KAI_TEST_IDLE_TIMEOUT_SECONDS/);
    expect(parseEnv({ ...production }).KAI_TEST_IDLE_TIMEOUT_SECONDS).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "production", KAI_DEMO: "1", KAI_TEST_IDLE_TIMEOUT_SECONDS: "60" }).KAI_TEST_IDLE_TIMEOUT_SECONDS).toBe(60);
  });
});
