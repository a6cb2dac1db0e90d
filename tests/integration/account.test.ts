import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { sessions, userRoles, userTokens, users } from "#db/schema/auth";
import { outboxEmails } from "#db/schema/mail";
import { getEnv } from "~/env.server";
import { findValidToken, login } from "~/modules/auth/account.server";
import { sessionRef } from "~/modules/auth/account-sessions.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { generateToken, hashToken } from "~/modules/auth/tokens.server";
import { createFeedToken, findUserByFeedToken, revokeFeedToken } from "~/modules/calendar/feed-token.server";
import { action as kontoAction, loader as kontoLoader } from "~/routes/konto";
import { action as forgotAction, loader as forgotLoader, RESET_SENT_MESSAGE } from "~/routes/passwort-vergessen";
import { action as resetAction, loader as resetLoader } from "~/routes/passwort-zuruecksetzen.$token";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";

const getDb = useTestDatabase();
const OLD = "Altes-Passwort-2026";
const NEW = "Ein ganz neues Passwort 🔐";
const linkError = "Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.";

const db = () => getDb().db;

async function person(email: string, extra: { active?: boolean } = {}) {
  return createUser(db(), { email, name: `Testperson ${email.split("@")[0]}`, password: OLD, ...extra });
}

async function passwordHashOf(userId: string) {
  const [row] = await db().select({ h: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row.h;
}

async function outboxFor(address: string, template?: string) {
  const rows = await db().select().from(outboxEmails).where(eq(outboxEmails.toAddress, address));
  return template ? rows.filter((r) => r.template === template) : rows;
}

async function auditActions(userId: string) {
  const rows = await db().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, userId));
  return rows.map((r) => r.action);
}

const isSignedIn = async (cookie: string) => (await getCurrentUser(makeRequest("/", { cookie }), {})) !== null;

const konto = (cookie: string, form: Record<string, string | string[]>) => call(kontoAction, makeRequest("/konto", { cookie, form }));

function tokenFromMail(text: string, path: "passwort-zuruecksetzen" | "einladung") {
  const match = text.match(new RegExp(`/${path}/([a-z2-7]{32})`));
  expect(match, `no /${path}/<token> link in the mail`).not.toBeNull();
  return match![1];
}

async function requestReset(email: string) {
  return call(forgotAction, makeRequest("/passwort-vergessen", { form: { email } }));
}

async function resetTokenFor(email: string) {
  await requestReset(email);
  const [mail] = (await outboxFor(email.toLowerCase(), "password-reset")).slice(-1);
  return tokenFromMail(mail.text, "passwort-zuruecksetzen");
}

describe("password change on /konto (ACCEPTANCE A6)", () => {
  it("A6: needs the current password; a wrong one gets a German error and changes nothing", async () => {
    const user = await person("change.wrong@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const hashBefore = await passwordHashOf(user.id);
    const res = await konto(cookie, { intent: "change-password", current: "Falsches-Passwort-99", password: NEW, confirm: NEW });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("Das aktuelle Passwort ist nicht richtig.");
    // The form does not echo any password back.
    expect(JSON.stringify(res.data)).not.toContain("Falsches-Passwort-99");
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
    expect(await outboxFor(user.email, "password-changed")).toHaveLength(0);
  });

  it("A6/A7: a too short or unconfirmed new password gets German messages", async () => {
    const user = await person("change.policy@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const short = await konto(cookie, { intent: "change-password", current: OLD, password: "kurz", confirm: "kurz" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.data)).toContain("mindestens 12 Zeichen");
    const mismatch = await konto(cookie, { intent: "change-password", current: OLD, password: NEW, confirm: `${NEW}!` });
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.data)).toContain("stimmen nicht überein");
    expect((await login({ email: user.email, password: OLD })).ok).toBe(true);
  });

  it("A6: success ends the other sessions, keeps this one, and notifies by email", async () => {
    const user = await person("change.ok@kai.example");
    const current = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);
    const res = await konto(current, { intent: "change-password", current: OLD, password: NEW, confirm: NEW });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/konto?erledigt=passwort");
    expect(await isSignedIn(current)).toBe(true);
    expect(await isSignedIn(other)).toBe(false);
    const mails = await outboxFor(user.email, "password-changed");
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("Passwort");
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
    expect((await login({ email: user.email, password: OLD })).ok).toBe(false);
    expect(await auditActions(user.id)).toContain("auth.password_changed");
    const page = await call(kontoLoader, makeRequest("/konto?erledigt=passwort", { cookie: current }));
    expect(page.data.done).toBe("passwort");
  });

  it("C15: extra fields (role, active, userId) in the konto form are ignored", async () => {
    const user = await person("change.extra@kai.example");
    const victim = await person("change.extra.victim@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const victimHash = await passwordHashOf(victim.id);
    const smuggled = { role: "admin", active: "false", userId: victim.id, municipalityId: "1", email: "anders@kai.example" };
    await konto(cookie, { intent: "change-password", current: OLD, password: NEW, confirm: NEW, ...smuggled });
    await konto(cookie, { intent: "revoke-other-sessions", ...smuggled });
    expect(await db().select().from(userRoles).where(eq(userRoles.userId, user.id))).toHaveLength(0);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after).toMatchObject({ email: "change.extra@kai.example", active: true, municipalityId: null });
    expect(await passwordHashOf(victim.id)).toBe(victimHash);
    expect((await login({ email: victim.email, password: OLD })).ok).toBe(true);
  });

  it("asks anonymous visitors to sign in first", async () => {
    const res = await call(kontoLoader, makeRequest("/konto"));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/anmelden?redirectTo=%2Fkonto");
    const post = await call(kontoAction, makeRequest("/konto", { form: { intent: "revoke-other-sessions" } }));
    expect(post.location).toMatch(/^\/anmelden/);
  });
});

describe("password reset by email (ACCEPTANCE A6, A9, B11)", () => {
  it("A9: known and unknown addresses get the identical answer; only the known one gets a mail", async () => {
    const user = await person("reset.known@kai.example");
    await person("reset.inactive@kai.example", { active: false });
    const unknown = await requestReset("niemand.hier@kai.example");
    const known = await requestReset("Reset.Known@kai.example");
    const inactive = await requestReset("reset.inactive@kai.example");
    for (const res of [unknown, known, inactive]) {
      expect(res.status).toBe(302);
      expect(res.location).toBe("/passwort-vergessen?gesendet=1");
      expect(res.data).toEqual(unknown.data);
    }
    expect(await outboxFor("niemand.hier@kai.example")).toHaveLength(0);
    expect(await outboxFor("reset.inactive@kai.example")).toHaveLength(0);
    const [mail] = await outboxFor(user.email, "password-reset");
    expect(mail).toBeDefined();
    const token = tokenFromMail(mail.text, "passwort-zuruecksetzen");
    expect(mail.text).toContain(`${getEnv().APP_URL}/passwort-zuruecksetzen/${token}`);
    // The database keeps only the hash of the link's token.
    const [row] = await db().select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.purpose).toBe("reset");
    expect(Math.abs(row.expiresAt.getTime() - (Date.now() + 60 * 60 * 1000))).toBeLessThan(60_000);
    const page = await call(forgotLoader, makeRequest("/passwort-vergessen?gesendet=1"));
    expect(page.data.sent).toBe(true);
    expect(RESET_SENT_MESSAGE).toBe(
      "Wenn zu dieser Adresse ein Konto besteht, haben wir eine E-Mail mit einem Link zum Zurücksetzen gesendet. Der Link gilt eine Stunde.",
    );
  });

  it("sends at most three reset mails an hour per account, with the same answer every time", async () => {
    const user = await person("reset.flood@kai.example");
    for (let i = 0; i < 6; i++) {
      const res = await requestReset(user.email);
      expect(res.location).toBe("/passwort-vergessen?gesendet=1");
    }
    expect(await outboxFor(user.email, "password-reset")).toHaveLength(3);
  });

  it("D16: an invalid address gets a German message and no mail", async () => {
    const res = await requestReset("keine-adresse");
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("gültige E-Mail-Adresse");
  });

  it("B11/A6: opening the link does not use it; setting the password ends all sessions; the link works once", async () => {
    const user = await person("reset.flow@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const token = await resetTokenFor(user.email);
    for (let i = 0; i < 2; i++) {
      const page = await call(resetLoader, makeRequest(`/passwort-zuruecksetzen/${token}`), { token });
      expect(page.status).toBe(200);
      expect(page.data).toEqual({ valid: true, email: user.email });
    }
    const [unused] = await db().select().from(userTokens).where(eq(userTokens.tokenHash, hashToken(token)));
    expect(unused.usedAt).toBeNull();

    const post = (pw: string, confirm = pw) =>
      call(resetAction, makeRequest(`/passwort-zuruecksetzen/${token}`, { form: { password: pw, confirm } }), { token });
    const mismatch = await post(NEW, "etwas ganz anderes");
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.data)).toContain("stimmen nicht überein");

    const done = await post(NEW);
    expect(done.status).toBe(302);
    expect(done.location).toBe("/anmelden?passwort-gesetzt=1");
    expect(await isSignedIn(cookie)).toBe(false);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await outboxFor(user.email, "password-changed")).toHaveLength(1);
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
    expect((await login({ email: user.email, password: OLD })).ok).toBe(false);

    const again = await post("Noch ein anderes Passwort");
    expect(again.status).toBe(410);
    expect(JSON.stringify(again.data)).toContain(linkError);
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
    const page = await call(resetLoader, makeRequest(`/passwort-zuruecksetzen/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.data).toEqual({ valid: false });
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["auth.reset_requested", "auth.password_reset"]));
  });

  it("A6: an expired link is refused and changes nothing", async () => {
    const user = await person("reset.expired@kai.example");
    const token = await resetTokenFor(user.email);
    await db()
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.tokenHash, hashToken(token)));
    const hashBefore = await passwordHashOf(user.id);
    const page = await call(resetLoader, makeRequest(`/passwort-zuruecksetzen/${token}`), { token });
    expect(page.status).toBe(410);
    const res = await call(resetAction, makeRequest(`/passwort-zuruecksetzen/${token}`, { form: { password: NEW, confirm: NEW } }), { token });
    expect(res.status).toBe(410);
    expect(JSON.stringify(res.data)).toContain(linkError);
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
  });

  it("a made-up or malformed token is refused", async () => {
    for (const token of ["a".repeat(32), "nicht-gueltig", "A".repeat(32)]) {
      expect((await call(resetLoader, makeRequest(`/passwort-zuruecksetzen/${token}`), { token })).status).toBe(410);
    }
  });

  it("A8: a reset lifts the account's login throttling, as the throttle message promises", async () => {
    const user = await person("reset.throttled@kai.example");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await login({ email: user.email, password: "falsch-falsch-falsch" });
    const blocked = await login({ email: user.email, password: OLD });
    expect(blocked).toMatchObject({ ok: false, status: 429, message: expect.stringContaining("setzen Sie Ihr Passwort zurück") });
    const token = await resetTokenFor(user.email);
    await call(resetAction, makeRequest(`/passwort-zuruecksetzen/${token}`, { form: { password: NEW, confirm: NEW } }), { token });
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
  });

  it("setting a password through one link ends the person's other open links, whatever their purpose", async () => {
    const user = await person("reset.both@kai.example");
    const first = await resetTokenFor(user.email);
    const second = await resetTokenFor(user.email);
    const invitation = generateToken();
    await db()
      .insert(userTokens)
      .values({ tokenHash: hashToken(invitation), userId: user.id, purpose: "invite", expiresAt: new Date(Date.now() + 86_400_000) });
    expect(await findValidToken(invitation, "invite")).not.toBeNull();
    const ok = await call(resetAction, makeRequest(`/passwort-zuruecksetzen/${second}`, { form: { password: NEW, confirm: NEW } }), { token: second });
    expect(ok.status).toBe(302);
    const stale = await call(resetAction, makeRequest(`/passwort-zuruecksetzen/${first}`, { form: { password: OLD, confirm: OLD } }), { token: first });
    expect(stale.status).toBe(410);
    expect(await findValidToken(invitation, "invite")).toBeNull();
    expect((await login({ email: user.email, password: NEW })).ok).toBe(true);
  });
});

describe("my sessions (ACCEPTANCE A6, C14, C15)", () => {
  async function setup(prefix: string) {
    const user = await person(`${prefix}@kai.example`);
    const stranger = await person(`${prefix}.fremd@kai.example`);
    const current = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);
    const strangers = await sessionCookieFor(stranger.id);
    return { user, stranger, current, other, strangers };
  }

  it("lists only the person's own sessions, marks this one, and carries no session ids or hashes (C15)", async () => {
    const { user, current } = await setup("sessions.list");
    const page = await call(kontoLoader, makeRequest("/konto", { cookie: current }));
    expect(page.status).toBe(200);
    expect(page.data.sessions).toHaveLength(2);
    expect(page.data.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(page.data.sessions[0]).toMatchObject({ browser: "vitest" });
    const json = JSON.stringify(page.data);
    expect(json).not.toContain("$argon2");
    for (const row of await db().select({ id: sessions.id }).from(sessions)) expect(json).not.toContain(row.id);
    expect(json).not.toContain(current.split("=")[1]);
    expect(page.data.email).toBe(user.email);
  });

  it("revokes one of the person's other sessions and audits it", async () => {
    const { user, current, other } = await setup("sessions.revoke");
    const page = await call(kontoLoader, makeRequest("/konto", { cookie: current }));
    const target = page.data.sessions.find((s: { current: boolean }) => !s.current);
    const res = await konto(current, { intent: "revoke-session", session: target.ref });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/konto?erledigt=sitzung");
    expect(await isSignedIn(other)).toBe(false);
    expect(await isSignedIn(current)).toBe(true);
    expect(await auditActions(user.id)).toContain("auth.session_revoked");
  });

  it("C14: another person's session id or reference changes nothing (404)", async () => {
    const { user, stranger, current, other, strangers } = await setup("sessions.foreign");
    const [foreign] = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, stranger.id));
    for (const session of [foreign.id, sessionRef(foreign.id), "0".repeat(24)]) {
      const res = await konto(current, { intent: "revoke-session", session });
      expect(res.status).toBe(404);
    }
    // The current session is ended with "Abmelden", not here.
    const me = (await getCurrentUser(makeRequest("/", { cookie: current }), {}))!;
    expect((await konto(current, { intent: "revoke-session", session: sessionRef(me.session.id) })).status).toBe(404);
    expect(await isSignedIn(strangers)).toBe(true);
    expect(await isSignedIn(other)).toBe(true);
    expect(await isSignedIn(current)).toBe(true);
    expect(await auditActions(user.id)).not.toContain("auth.session_revoked");
  });

  it("A6: 'Alle anderen Sitzungen beenden' keeps this one and ends the rest of the person's only", async () => {
    const { user, current, other, strangers } = await setup("sessions.others");
    const third = await sessionCookieFor(user.id);
    const res = await konto(current, { intent: "revoke-other-sessions" });
    expect(res.location).toBe("/konto?erledigt=andere-sitzungen");
    expect(await isSignedIn(current)).toBe(true);
    expect(await isSignedIn(other)).toBe(false);
    expect(await isSignedIn(third)).toBe(false);
    expect(await isSignedIn(strangers)).toBe(true);
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "auth.other_sessions_revoked")));
    expect(event.after).toEqual({ ended: 2 });
  });
});

describe("calendar feed token (personal ICS subscription)", () => {
  it("shows the URL once, stores only its hash, replaces and revokes it (A2, C15)", async () => {
    const user = await person("feed.owner@kai.example");
    const cookie = await sessionCookieFor(user.id);
    const before = await call(kontoLoader, makeRequest("/konto", { cookie }));
    expect(before.data.hasFeed).toBe(false);

    const created = await konto(cookie, { intent: "create-feed" });
    expect(created.status).toBe(200);
    const url: string = created.data.feedUrl;
    const match = url.match(new RegExp(`^${getEnv().APP_URL}/kalender/([a-z2-7]{32})\\.ics$`));
    expect(match).not.toBeNull();
    const token = match![1];
    const [row] = await db().select({ hash: users.calendarFeedTokenHash }).from(users).where(eq(users.id, user.id));
    expect(row.hash).toBe(hashToken(token));
    expect(await findUserByFeedToken(token)).toEqual({ id: user.id, name: user.name, email: user.email });

    const page = await call(kontoLoader, makeRequest("/konto", { cookie }));
    expect(page.data.hasFeed).toBe(true);
    expect(JSON.stringify(page.data)).not.toContain(token);
    expect(JSON.stringify(page.data)).not.toContain(row.hash!);

    // A new link makes the old one invalid.
    const replaced = await konto(cookie, { intent: "create-feed" });
    const newToken = (replaced.data.feedUrl as string).match(/([a-z2-7]{32})\.ics$/)![1];
    expect(newToken).not.toBe(token);
    expect(await findUserByFeedToken(token)).toBeNull();
    expect((await findUserByFeedToken(newToken))?.id).toBe(user.id);

    const revoked = await konto(cookie, { intent: "revoke-feed" });
    expect(revoked.location).toBe("/konto?erledigt=kalender-beendet");
    const [after] = await db().select({ hash: users.calendarFeedTokenHash }).from(users).where(eq(users.id, user.id));
    expect(after.hash).toBeNull();
    expect(await findUserByFeedToken(newToken)).toBeNull();
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(["calendar.feed_created", "calendar.feed_replaced", "calendar.feed_revoked"]));
  });

  it("a feed token of a deactivated person or a malformed one finds nobody", async () => {
    const user = await person("feed.inactive@kai.example");
    const token = await createFeedToken(user.id);
    expect((await findUserByFeedToken(token))?.id).toBe(user.id);
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await findUserByFeedToken(token)).toBeNull();
    expect(await findUserByFeedToken("../../etc/passwd")).toBeNull();
    expect(await findUserByFeedToken(hashToken(token))).toBeNull();
    expect(await revokeFeedToken(user.id)).toBe(true);
    expect(await revokeFeedToken(user.id)).toBe(false);
  });
});
