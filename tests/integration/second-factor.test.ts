import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema/audit";
import { recoveryCodes, sessions, userSecondFactors, users } from "#db/schema/auth";
import { resetEnvCache } from "~/env.server";
import { actionLabel } from "~/modules/audit/labels";
import { SESSION_COOKIE } from "~/modules/auth/cookie.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { codeAt, timeStep } from "~/modules/auth/second-factor";
import { decryptSecret, MESSAGES, PENDING_COOKIE, pendingSignInCookie } from "~/modules/auth/second-factor.server";
import { MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { hashToken } from "~/modules/auth/tokens.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { action as personAction, loader as personLoader } from "~/routes/admin.personen.$id";
import { loader as peopleLoader } from "~/routes/admin.personen._index";
import { action as loginAction } from "~/routes/anmelden";
import { action as codeAction, loader as codeLoader } from "~/routes/anmelden_.code";
import { action as enrolAction, loader as enrolLoader } from "~/routes/konto_.zwei-faktor";
import { loader as administrationLoader } from "~/routes/verwaltung._index";
import { useTestDatabase } from "../db";
import { createUser } from "../factories";
import { call, makeRequest, sessionCookieFor } from "../http";
import { knownSecondFactorCode } from "../second-factor";
import { parseMail, useSmtpSink } from "../smtp-sink";

// Issue 6 item 8: a second factor (TOTP, RFC 6238) for administrative access (ASVS 4.0.3 2.8, 4.3.1).
const getDb = useTestDatabase();
const smtp = useSmtpSink();
const db = () => getDb().db;
const PASSWORD = "Zwei-Faktor-Passwort-2026";

const cookieNamed = (res: { headers: Headers }, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1) ?? null;

let n = 0;
function person(roles: Parameters<typeof createUser>[1]["roles"] = [], extra: Partial<Parameters<typeof createUser>[1]> = {}) {
  n++;
  return createUser(db(), { email: `zwei.faktor.${n}@kai.example`, name: `Zora Zweifaktor ${n}`, password: PASSWORD, roles, ...extra });
}

const admin = (extra: Partial<Parameters<typeof createUser>[1]> = {}) => person([{ role: "admin" }], extra);

function postPassword(email: string, redirectTo?: string, ip = "127.0.0.1") {
  return call(loginAction, makeRequest("/anmelden", { form: { email, password: PASSWORD, ...(redirectTo ? { redirectTo } : {}) } }), {}, { clientIp: ip });
}

function postCode(pending: string | null, code: string, redirectTo = "/start", ip = "127.0.0.1") {
  return call(codeAction, makeRequest("/anmelden/code", { form: { code, redirectTo }, cookie: pending }), {}, { clientIp: ip });
}

/** The password step; returns the pending cookie (and fails when a session was made instead). */
async function passwordStep(email: string, redirectTo?: string) {
  const res = await postPassword(email, redirectTo);
  expect(res.status).toBe(302);
  expect(res.location).toMatch(/^\/anmelden\/code\?redirectTo=/);
  expect(cookieNamed(res, SESSION_COOKIE)).toBeNull();
  const pending = cookieNamed(res, PENDING_COOKIE);
  expect(pending).not.toBeNull();
  return pending!;
}

const enrolPage = (cookie: string, query = "") => call(enrolLoader, makeRequest(`/konto/zwei-faktor${query}`, { cookie }));
const enrol = (cookie: string, form: Record<string, string>, query = "") => call(enrolAction, makeRequest(`/konto/zwei-faktor${query}`, { cookie, form }));

/** Enrols through the page as a person would: start, read the secret shown, confirm with its code. */
async function enrolThroughPage(cookie: string) {
  expect((await enrol(cookie, { intent: "start" })).status).toBe(302);
  const page = await enrolPage(cookie);
  const secret = decodeBase32IgnorePadding(page.data.enrolment.secret.replaceAll(" ", ""));
  const confirmed = await enrol(cookie, { intent: "confirm", code: codeAt(secret, timeStep()) });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.data.recoveryCodes as string[] };
}

/** Delivers what is queued and forgets it: the next mailsTo sees only what comes after. */
async function forgetMail() {
  await dispatchDueEmails();
  smtp().received.length = 0;
}

async function mailsTo(address: string) {
  await dispatchDueEmails();
  const mails = smtp().received.filter((m) => m.envelopeTo.includes(address));
  return Promise.all(mails.map(async (m) => (await parseMail(m.raw)).text ?? ""));
}

const enrolled = async (userId: string) => {
  const [row] = await db().select().from(userSecondFactors).where(eq(userSecondFactors.userId, userId));
  return Boolean(row?.confirmedAt);
};

describe("enrolment (issue 6 item 8)", () => {
  it("shows a server-rendered QR code and the secret as text, starts with the first code, and gives ten recovery codes stored only as hashes", async () => {
    const user = await person([{ role: "trainer" }]);
    const cookie = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);
    const before = await enrolPage(cookie);
    expect(before.data.status.enrolled).toBe(false);
    expect(before.data.enrolment).toBeNull();
    expect(before.data.required).toBe(false);

    expect((await enrol(cookie, { intent: "start" })).location).toBe("/konto/zwei-faktor");
    const { enrolment } = (await enrolPage(cookie)).data;
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    expect(enrolment.qr.path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(enrolment.qr.size).toBeGreaterThan(21);
    const secret = decodeBase32IgnorePadding(enrolment.secret.replaceAll(" ", ""));

    // Not active before the first code; a wrong one gets a German message.
    expect(await enrolled(user.id)).toBe(false);
    const wrong = await enrol(cookie, { intent: "confirm", code: codeAt(secret, timeStep() + 5) });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain(MESSAGES.wrongCode);
    const notDigits = await enrol(cookie, { intent: "confirm", code: "abc" });
    expect(JSON.stringify(notDigits.data)).toContain("Bitte geben Sie die 6 Ziffern aus Ihrer App ein.");

    const ok = await enrol(cookie, { intent: "confirm", code: codeAt(secret, timeStep()) });
    expect(ok.status).toBe(200);
    const codes: string[] = ok.data.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(await enrolled(user.id)).toBe(true);

    // Stored: the secret encrypted (bound to the person), the codes as SHA-256 only.
    const [row] = await db().select().from(userSecondFactors).where(eq(userSecondFactors.userId, user.id));
    expect(row.secretEncrypted).toMatch(/^v1\./);
    expect(row.secretEncrypted).not.toContain(enrolment.secret.replaceAll(" ", ""));
    expect(decryptSecret(user.id, row.secretEncrypted)).toEqual(secret);
    expect(() => decryptSecret(crypto.randomUUID(), row.secretEncrypted)).toThrow();
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map((c) => hashToken(c.replaceAll("-", ""))).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]);

    // Shown once: the page afterwards holds neither the secret nor the codes.
    const after = await enrolPage(cookie);
    expect(after.data.status).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    expect(after.data.enrolment).toBeNull();
    expect(JSON.stringify(after.data)).not.toContain(codes[0]);

    // Sessions signed in with the password alone end; this one stays. The person gets a mail.
    expect(await getCurrentUser(makeRequest("/", { cookie: other }), {})).toBeNull();
    expect(await getCurrentUser(makeRequest("/", { cookie }), {})).not.toBeNull();
    const [mail] = await mailsTo(user.email);
    expect(mail).toContain("Zwei-Faktor-Anmeldung für Ihr Konto eingerichtet");
  });
});

describe("sign-in with a second factor (issue 6 item 8)", () => {
  it("asks for the code after the password; the session exists only after the code, and redirectTo survives", async () => {
    const user = await admin();
    const pending = await passwordStep(user.email, "/admin/personen?q=a");
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const page = await call(codeLoader, makeRequest("/anmelden/code?redirectTo=%2Fadmin%2Fpersonen%3Fq%3Da", { cookie: pending }));
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ redirectTo: "/admin/personen?q=a", demoCode: null });

    const res = await postCode(pending, knownSecondFactorCode(user.email), "/admin/personen?q=a");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/admin/personen?q=a");
    const session = cookieNamed(res, SESSION_COOKIE)!;
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${PENDING_COOKIE}=;`) && c.includes("Max-Age=0"))).toBe(true);
    expect((await call(peopleLoader, makeRequest("/admin/personen", { cookie: session }))).status).toBe(200);
    const logins = await db().select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "auth.login")));
    expect(logins).toHaveLength(1);
  });

  it("accepts one step either side, and never the same code twice (replay)", async () => {
    const user = await admin();
    const code = knownSecondFactorCode(user.email, -1);
    expect((await postCode(await passwordStep(user.email), code)).status).toBe(302);
    const replay = await postCode(await passwordStep(user.email), code);
    expect(replay.status).toBe(400);
    expect(JSON.stringify(replay.data)).toContain(MESSAGES.usedCode);
    expect(cookieNamed(replay, SESSION_COOKIE)).toBeNull();
    // The next step's code is still good (the app's clock may run ahead).
    expect((await postCode(await passwordStep(user.email), knownSecondFactorCode(user.email, 1))).status).toBe(302);
    // Two steps away is refused.
    const far = await postCode(await passwordStep(user.email), knownSecondFactorCode(user.email, 3));
    expect(JSON.stringify(far.data)).toContain(MESSAGES.wrongCode);
  });

  it("redirectTo only leads to same-origin paths (B12)", async () => {
    const user = await admin();
    const res = await postPassword(user.email, "//evil.example");
    expect(res.location).toBe("/anmelden/code?redirectTo=%2Fstart");
    const done = await postCode(cookieNamed(res, PENDING_COOKIE), knownSecondFactorCode(user.email), "https://evil.example/x");
    expect(done.location).toBe("/start");
  });

  it("without a valid pending step (none, forged, expired, password changed since) the sign-in starts over", async () => {
    const user = await admin();
    const start = "/anmelden?redirectTo=%2Fstart&abgelaufen=1";
    expect((await call(codeLoader, makeRequest("/anmelden/code"))).location).toBe(start);
    const real = await passwordStep(user.email);
    const [payload, signature] = real.slice(PENDING_COOKIE.length + 1).split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = `${PENDING_COOKIE}=${Buffer.from(JSON.stringify({ ...claims, e: claims.e + 3_600_000 })).toString("base64url")}.${signature}`;
    expect((await postCode(forged, knownSecondFactorCode(user.email))).location).toBe(start);
    const expired = (await pendingSignInCookie(user.id, Date.now() - 6 * 60_000)).split(";")[0];
    expect((await postCode(expired, knownSecondFactorCode(user.email))).location).toBe(start);
    await db().update(users).set({ passwordHash: "anders" }).where(eq(users.id, user.id));
    expect((await postCode(real, knownSecondFactorCode(user.email))).location).toBe(start);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("A8: wrong codes count as failed sign-ins of the account; a right password does not clear them; then both steps are throttled", async () => {
    const user = await admin();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // A fresh password step each time: it must not wipe the count of wrong codes.
      const res = await postCode(await passwordStep(user.email), "000000", "/start", `10.0.0.${i + 1}`);
      expect(res.status).toBe(400);
    }
    const pendingBefore = (await pendingSignInCookie(user.id)).split(";")[0];
    const blocked = await postCode(pendingBefore, knownSecondFactorCode(user.email));
    expect(blocked.status).toBe(429);
    expect(JSON.stringify(blocked.data)).toMatch(/Zu viele falsche Passwörter oder Codes für dieses Konto\. Bitte warten Sie \d+ Minuten? oder setzen Sie Ihr Passwort zurück\./);
    expect(cookieNamed(blocked, SESSION_COOKIE)).toBeNull();
    expect((await postPassword(user.email)).status).toBe(429);
  });
});

describe("recovery codes (issue 6 item 8)", () => {
  it("sign in once each, mail the person, and are refused the second time", async () => {
    const user = await person([{ role: "editor" }]);
    const { recoveryCodes: codes } = await enrolThroughPage(await sessionCookieFor(user.id));
    await forgetMail();
    const res = await postCode(await passwordStep(user.email), codes[3].toUpperCase());
    expect(res.status).toBe(302);
    expect(cookieNamed(res, SESSION_COOKIE)).not.toBeNull();
    const mails = await mailsTo(user.email);
    expect(mails.some((m) => m.includes("einer Ihrer Wiederherstellungscodes verwendet") && m.includes("noch 9 unbenutzte"))).toBe(true);
    const again = await postCode(await passwordStep(user.email), codes[3]);
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.data)).toContain(MESSAGES.wrongRecoveryCode);
    const audit = await db().select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "auth.recovery_code_used")));
    expect(audit).toHaveLength(1);
  });
});

describe("turning it off, resetting, new recovery codes (issue 6 item 8)", () => {
  it("needs the password and a current code, and mails the person", async () => {
    const user = await person([{ role: "trainer" }]);
    const cookie = await sessionCookieFor(user.id);
    const { secret } = await enrolThroughPage(cookie);
    await forgetMail();
    const code = () => codeAt(secret, timeStep() + 1);

    const noPassword = await enrol(cookie, { intent: "remove", password: "falsch-falsch", code: code() });
    expect(noPassword.status).toBe(400);
    expect(JSON.stringify(noPassword.data)).toContain(MESSAGES.wrongPassword);
    const noCode = await enrol(cookie, { intent: "remove", password: PASSWORD, code: "123" });
    expect(noCode.status).toBe(400);
    expect(JSON.stringify(noCode.data)).toContain(MESSAGES.wrongCode);
    const missing = await enrol(cookie, { intent: "remove", password: PASSWORD });
    expect(JSON.stringify(missing.data)).toContain("Bitte geben Sie den Code ein.");
    expect(await enrolled(user.id)).toBe(true);
    expect(await mailsTo(user.email)).toHaveLength(0);

    const off = await enrol(cookie, { intent: "remove", password: PASSWORD, code: code() });
    expect(off.location).toBe("/konto/zwei-faktor?erledigt=ausgeschaltet");
    expect(await enrolled(user.id)).toBe(false);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    const [mail] = await mailsTo(user.email);
    expect(mail).toContain("Zwei-Faktor-Anmeldung für Ihr Konto ausgeschaltet");
    // Now the password alone signs in again.
    expect(cookieNamed(await postPassword(user.email), SESSION_COOKIE)).not.toBeNull();
  });

  it("for an admin it is a reset: Verwaltung waits for the new enrolment; new recovery codes replace the old", async () => {
    const user = await admin({ secondFactor: false });
    const cookie = await sessionCookieFor(user.id);
    const { secret, recoveryCodes: old } = await enrolThroughPage(cookie);
    const renewed = await enrol(cookie, { intent: "renew", password: PASSWORD, code: old[0] });
    expect(renewed.status).toBe(200);
    expect(renewed.data.recoveryCodes).toHaveLength(10);
    expect(renewed.data.recoveryCodes).not.toContain(old[1]);
    const stale = await enrol(cookie, { intent: "remove", password: PASSWORD, code: old[1] });
    expect(JSON.stringify(stale.data)).toContain(MESSAGES.wrongRecoveryCode);

    await forgetMail();
    const reset = await enrol(cookie, { intent: "remove", password: PASSWORD, code: codeAt(secret, timeStep() + 1) });
    expect(reset.location).toBe("/konto/zwei-faktor?erledigt=zurueckgesetzt");
    expect((await mailsTo(user.email)).some((m) => m.includes("zurückgesetzt"))).toBe(true);
    expect((await call(administrationLoader, makeRequest("/verwaltung", { cookie }))).location).toBe("/konto/zwei-faktor?pflicht=1&redirectTo=%2Fverwaltung");
  });
});

describe("an admin resets someone else's second factor (issue 6 item 8, lockout)", () => {
  it("on the person page, audited with a German label; the person is signed out and mailed", async () => {
    const actor = await admin();
    const actorCookie = await sessionCookieFor(actor.id);
    const manager = await person([{ role: "centre_manager", centre: "west" }]);
    const managerCookie = await sessionCookieFor(manager.id);
    const page = await call(personLoader, makeRequest(`/admin/personen/${manager.id}`, { cookie: actorCookie }), { id: manager.id });
    expect(page.data.secondFactor.enrolled).toBe(true);

    const res = await call(personAction, makeRequest(`/admin/personen/${manager.id}`, { cookie: actorCookie, form: { intent: "reset-second-factor" } }), { id: manager.id });
    expect(res.location).toBe(`/admin/personen/${manager.id}?erledigt=zwei-faktor-zurueckgesetzt`);
    expect(await enrolled(manager.id)).toBe(false);
    expect(await getCurrentUser(makeRequest("/", { cookie: managerCookie }), {})).toBeNull();
    const [event] = await db().select().from(auditEvents).where(and(eq(auditEvents.entityId, manager.id), eq(auditEvents.action, "auth.second_factor_reset_by_admin")));
    expect(event.actorId).toBe(actor.id);
    expect(actionLabel(event.action)).toBe("Zwei-Faktor-Anmeldung durch die Administration zurückgesetzt");
    expect((await mailsTo(manager.email)).some((m) => m.includes("hat die Administration die Zwei-Faktor-Anmeldung"))).toBe(true);

    // Nothing left to reset; an admin's own factor needs password and code; others may not.
    const again = await call(personAction, makeRequest(`/admin/personen/${manager.id}`, { cookie: actorCookie, form: { intent: "reset-second-factor" } }), { id: manager.id });
    expect(again.status).toBe(409);
    const self = await call(personAction, makeRequest(`/admin/personen/${actor.id}`, { cookie: actorCookie, form: { intent: "reset-second-factor" } }), { id: actor.id });
    expect(self.status).toBe(400);
    expect(await enrolled(actor.id)).toBe(true);
    const otherManager = await person([{ role: "centre_manager", centre: "nord" }]);
    const byManager = await call(personAction, makeRequest(`/admin/personen/${actor.id}`, { cookie: await sessionCookieFor(otherManager.id), form: { intent: "reset-second-factor" } }), { id: actor.id });
    expect(byManager.status).toBe(404);
  });
});

describe("Verwaltung needs the second factor (issue 6 item 8, ASVS 4.3.1)", () => {
  it("admins and centre managers without one are sent to the enrolment page, which explains why and leads back", async () => {
    const user = await admin({ secondFactor: false });
    const cookie = await sessionCookieFor(user.id);
    for (const [loader, path] of [
      [administrationLoader, "/verwaltung"],
      [peopleLoader, "/admin/personen"],
    ] as const) {
      const res = await call(loader, makeRequest(path, { cookie }));
      expect(res.status).toBe(302);
      expect(res.location).toBe(`/konto/zwei-faktor?pflicht=1&redirectTo=${encodeURIComponent(path)}`);
    }
    // Actions too: the change is refused before it happens.
    const target = await person([{ role: "trainer" }]);
    const post = await call(personAction, makeRequest(`/admin/personen/${target.id}`, { cookie, form: { intent: "set-active", active: "false" } }), { id: target.id });
    expect(post.location).toMatch(/^\/konto\/zwei-faktor\?pflicht=1/);
    expect((await db().query.users.findFirst({ where: eq(users.id, target.id) }))!.active).toBe(true);

    const page = await enrolPage(cookie, "?pflicht=1&redirectTo=%2Fadmin%2Fpersonen");
    expect(page.data).toMatchObject({ required: true, sentByGuard: true, continueTo: "/admin/personen" });
    const manager = await person([{ role: "centre_manager", centre: "sued" }], { secondFactor: false });
    expect((await call(administrationLoader, makeRequest("/verwaltung", { cookie: await sessionCookieFor(manager.id) }))).location).toMatch(/^\/konto\/zwei-faktor/);

    await enrolThroughPage(cookie);
    expect((await call(administrationLoader, makeRequest("/verwaltung", { cookie }))).status).toBe(200);
  });
});

describe("the demo shows the current code (issue 6 item 8)", () => {
  it("with KAI_DEMO=1 only, never in production or without the demo flag", async () => {
    const user = await admin();
    const pending = await passwordStep(user.email);
    const page = () => call(codeLoader, makeRequest("/anmelden/code", { cookie: pending }));
    expect((await page()).data.demoCode).toBeNull();

    process.env.KAI_DEMO = "1";
    resetEnvCache();
    const demoCode = (await page()).data.demoCode;
    expect([knownSecondFactorCode(user.email), knownSecondFactorCode(user.email, 1)]).toContain(demoCode);

    Object.assign(process.env, {
      NODE_ENV: "production",
      KAI_DEMO: "",
      DATABASE_URL: "postgres://kai@db.internal:5432/kai",
      APP_URL: "https://portal.kai.example",
      SMTP_URL: "smtp://mail.kai.example:587",
      MAIL_FROM: "KAI-Portal <portal@kai.example>",
    });
    resetEnvCache();
    expect((await page()).data.demoCode).toBeNull();
  });
});
