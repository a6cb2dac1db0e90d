import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { createTOTPKeyURI } from "@oslojs/otp";
import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import { createElement } from "react";
import { encode as encodeQr } from "uqr";
import type { Executor } from "#db/client";
import type { Role } from "#db/schema/auth";
import { recoveryCodes, userSecondFactors, users } from "#db/schema/auth";
import { SecondFactorChangedEmail, type SecondFactorChange } from "#emails/second-factor-changed";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import type { CurrentUser } from "./guards.server";
import { verifyPassword } from "./passwords.server";
import { safeRedirectPath } from "./redirect";
import { hasRole } from "./roles";
import { createSession, invalidateSession, invalidateUserSessions, type SessionMeta } from "./sessions.server";
import {
  checkCode,
  codeAt,
  generateRecoveryCodes,
  groupedSecret,
  normaliseCode,
  normaliseRecoveryCode,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  timeStep,
} from "./second-factor";
import { checkThrottled, throttledMessage } from "./throttle.server";
import { hashToken } from "./tokens.server";

/**
 * The second factor (issue 6 item 8, ASVS 4.0.3 2.8 and 4.3.1): enrolment, the code step of the
 * sign-in, recovery codes, turning it off, and the admin's reset. Pure rules in second-factor.ts.
 */

/** Roles that reach Verwaltung: they need a second factor before any page guarded for them. */
export const SECOND_FACTOR_ROLES: Role[] = ["admin", "centre_manager"];
export const ISSUER = "KAI-Portal";

export const MESSAGES = {
  wrongCode: "Der Code ist nicht richtig. Bitte geben Sie den aktuellen Code aus Ihrer Authentifizierungs-App ein.",
  usedCode: "Dieser Code wurde bereits verwendet. Bitte warten Sie, bis Ihre App einen neuen Code zeigt.",
  wrongRecoveryCode: "Dieser Wiederherstellungscode ist nicht gültig oder wurde bereits verwendet.",
  wrongPassword: "Das Passwort ist nicht richtig.",
  notEnrolled: "Für dieses Konto ist keine Zwei-Faktor-Anmeldung eingerichtet.",
} as const;

// ---------------------------------------------------------------------------------------------
// The secret at rest: AES-256-GCM with TOTP_KEY, bound to the person by the associated data, so a
// ciphertext copied to another row does not decrypt. "v1." leaves room for a key rotation.

function aad(userId: string) {
  return Buffer.from(`kai-second-factor:${userId}`);
}

export function encryptSecret(userId: string, secret: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", getEnv().TOTP_KEY, iv);
  cipher.setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return `v1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

export function decryptSecret(userId: string, stored: string): Uint8Array {
  if (!stored.startsWith("v1.")) throw new Error("unknown second-factor secret format");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", getEnv().TOTP_KEY, raw.subarray(0, 12));
  decipher.setAAD(aad(userId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]));
}

// ---------------------------------------------------------------------------------------------
// Status

export async function hasSecondFactor(userId: string, tx: Executor = db): Promise<boolean> {
  const [row] = await tx
    .select({ confirmedAt: userSecondFactors.confirmedAt })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, userId));
  return Boolean(row?.confirmedAt);
}

export function secondFactorRequired(user: Pick<CurrentUser, "roles">): boolean {
  return hasRole(user.roles, ...SECOND_FACTOR_ROLES);
}

export async function secondFactorStatus(userId: string) {
  const [row] = await db
    .select({ confirmedAt: userSecondFactors.confirmedAt })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, userId));
  if (!row?.confirmedAt) return { enrolled: false as const, enrolmentStarted: Boolean(row) };
  return { enrolled: true as const, since: row.confirmedAt, recoveryCodesLeft: await unusedRecoveryCodes(userId) };
}

async function unusedRecoveryCodes(userId: string, tx: Executor = db) {
  const [{ left }] = await tx
    .select({ left: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return left;
}

/**
 * The hook in requireRole: a person who reaches a page through an admin or centre-manager role
 * must have a second factor. Without one they are sent to the enrolment page, which says why and
 * comes back here afterwards. Reaching the page through another role needs none.
 */
export function requireSecondFactorFor(request: Request, user: CurrentUser, allowed: Role[]) {
  const throughOther = user.roles.some((g) => allowed.includes(g.role) && !SECOND_FACTOR_ROLES.includes(g.role));
  if (throughOther || !secondFactorRequired(user)) return;
  if (user.secondFactor) return;
  const url = new URL(request.url);
  const back = safeRedirectPath(url.pathname + url.search, "/verwaltung");
  throw redirect(`/konto/zwei-faktor?pflicht=1&redirectTo=${encodeURIComponent(back)}`);
}

// ---------------------------------------------------------------------------------------------
// Enrolment

/** Starts (or starts over) an enrolment: a fresh secret that counts once the first code confirms it. */
export async function startEnrolment(args: { userId: string }) {
  const secret = randomBytes(20);
  await db.transaction(async (tx) => {
    if (await hasSecondFactor(args.userId, tx)) throw new PublicError("Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.", 409);
    await tx
      .insert(userSecondFactors)
      .values({ userId: args.userId, secretEncrypted: encryptSecret(args.userId, secret) })
      .onConflictDoUpdate({ target: userSecondFactors.userId, set: { secretEncrypted: encryptSecret(args.userId, secret), createdAt: new Date(), lastUsedStep: null } });
  });
}

/** What the enrolment page shows for a started enrolment: the QR code and the secret as text. */
export async function enrolmentView(user: { id: string; email: string }) {
  const [row] = await db
    .select({ secretEncrypted: userSecondFactors.secretEncrypted, confirmedAt: userSecondFactors.confirmedAt })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, user.id));
  if (!row || row.confirmedAt) return null;
  const secret = decryptSecret(user.id, row.secretEncrypted);
  const uri = createTOTPKeyURI(ISSUER, user.email, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  return { qr: qrCodePath(uri), secret: groupedSecret(secret) };
}

/**
 * The QR code as one SVG path (dark modules as unit squares, horizontal runs merged), rendered as
 * SVG elements on the server: no script and no style attribute, so the CSP holds.
 */
export function qrCodePath(text: string): { size: number; path: string } {
  const { data, size } = encodeQr(text, { ecc: "M", border: 4 });
  const parts: string[] = [];
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (x + run < size && row[x + run]) run++;
      parts.push(`M${x} ${y}h${run}v1h-${run}z`);
      x += run - 1;
    }
  });
  return { size, path: parts.join("") };
}

/**
 * The first code confirms the enrolment. Ten recovery codes are made and returned once (only
 * their hashes stay), the person's other sessions end (they were signed in with the password
 * alone), and a mail tells the person.
 */
export async function confirmEnrolment(args: { user: { id: string; name: string; email: string }; sessionId: string; code: string; ip?: string | null }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ secretEncrypted: userSecondFactors.secretEncrypted, confirmedAt: userSecondFactors.confirmedAt })
      .from(userSecondFactors)
      .where(eq(userSecondFactors.userId, args.user.id))
      .for("update");
    if (!row) throw new PublicError("Bitte beginnen Sie die Einrichtung neu.", 409);
    if (row.confirmedAt) throw new PublicError("Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.", 409);
    const check = checkCode(decryptSecret(args.user.id, row.secretEncrypted), args.code, null);
    if (!check.ok) throw new PublicError(MESSAGES.wrongCode, 400, "code");
    await tx.update(userSecondFactors).set({ confirmedAt: new Date(), lastUsedStep: check.step }).where(eq(userSecondFactors.userId, args.user.id));
    const codes = await replaceRecoveryCodes(args.user.id, tx);
    await invalidateUserSessions(args.user.id, args.sessionId, tx);
    await notify(args.user, "enabled", tx);
    await recordAudit({ actorId: args.user.id, action: "auth.second_factor_enabled", entityType: "user", entityId: args.user.id, ip: args.ip }, tx);
    return codes;
  });
}

/**
 * Recovery codes have 80 random bits each, so a fast hash is enough: nobody can guess through
 * 2^80 SHA-256 values, even with a copy of the database. It also lets a code be looked up by its
 * hash and used up with one conditional update, where argon2 would need up to ten slow
 * verifications per attempt (an easy way to load the server).
 */
async function replaceRecoveryCodes(userId: string, tx: Executor) {
  const codes = generateRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashToken(normaliseRecoveryCode(code)!) })));
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Verifying a code: a TOTP code (6 digits) or a recovery code (16 characters), whichever was typed.

type FactorCheck = { ok: true; via: "totp" | "recovery" } | { ok: false; message: string };

async function verifyFactor(user: { id: string; name: string; email: string }, input: string, ip: string | null, tx: Executor): Promise<FactorCheck> {
  const [row] = await tx
    .select({ secretEncrypted: userSecondFactors.secretEncrypted, confirmedAt: userSecondFactors.confirmedAt, lastUsedStep: userSecondFactors.lastUsedStep })
    .from(userSecondFactors)
    .where(eq(userSecondFactors.userId, user.id));
  if (!row?.confirmedAt) return { ok: false, message: MESSAGES.notEnrolled };
  if (normaliseCode(input)) {
    const check = checkCode(decryptSecret(user.id, row.secretEncrypted), input, row.lastUsedStep);
    if (!check.ok) return { ok: false, message: check.reason === "used" ? MESSAGES.usedCode : MESSAGES.wrongCode };
    // Conditional: of two requests with the same code, only one moves the step on.
    const [moved] = await tx
      .update(userSecondFactors)
      .set({ lastUsedStep: check.step })
      .where(and(eq(userSecondFactors.userId, user.id), or(isNull(userSecondFactors.lastUsedStep), lt(userSecondFactors.lastUsedStep, check.step))))
      .returning({ userId: userSecondFactors.userId });
    return moved ? { ok: true, via: "totp" } : { ok: false, message: MESSAGES.usedCode };
  }
  const recovery = normaliseRecoveryCode(input);
  if (!recovery) return { ok: false, message: MESSAGES.wrongCode };
  const [used] = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashToken(recovery)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!used) return { ok: false, message: MESSAGES.wrongRecoveryCode };
  const left = await unusedRecoveryCodes(user.id, tx);
  await notify(user, "recovery-code-used", tx, left);
  await recordAudit({ actorId: user.id, action: "auth.recovery_code_used", entityType: "user", entityId: user.id, after: { recoveryCodesLeft: left }, ip }, tx);
  return { ok: true, via: "recovery" };
}

// ---------------------------------------------------------------------------------------------
// The sign-in's second step. Between the password and the code the browser holds a short-lived,
// signed cookie naming the person; no session exists until the code is right.

export const PENDING_COOKIE = "__Host-kai_signin";
export const PENDING_VALIDITY_MS = 5 * 60 * 1000;

function pendingKey() {
  return Buffer.from(hkdfSync("sha256", getEnv().TOTP_KEY, Buffer.alloc(0), "kai pending sign-in", 32));
}

/** Ties the pending state to the password it was made with: a password change ends it. */
function passwordFingerprint(passwordHash: string) {
  return hashToken(passwordHash).slice(0, 16);
}

function sign(payload: string) {
  return createHmac("sha256", pendingKey()).update(payload).digest("base64url");
}

export async function pendingSignInCookie(userId: string, now = Date.now()): Promise<string> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const payload = Buffer.from(JSON.stringify({ u: userId, e: now + PENDING_VALIDITY_MS, p: passwordFingerprint(user?.passwordHash ?? "") })).toString("base64url");
  return `${PENDING_COOKIE}=${payload}.${sign(payload)}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${PENDING_VALIDITY_MS / 1000}`;
}

export function clearPendingSignInCookie(): string {
  return `${PENDING_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export interface PendingSignIn {
  userId: string;
  email: string;
  name: string;
}

/** The person between password and code, or null (no cookie, forged, expired, password changed, deactivated). */
export async function readPendingSignIn(request: Request): Promise<PendingSignIn | null> {
  const value = request.headers
    .get("Cookie")
    ?.split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${PENDING_COOKIE}=`))
    ?.slice(PENDING_COOKIE.length + 1);
  if (!value || value.length > 500) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: { u?: unknown; e?: unknown; p?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims.u !== "string" || typeof claims.e !== "number" || claims.e <= Date.now()) return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, active: users.active, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, claims.u));
  if (!user?.active || !user.passwordHash || passwordFingerprint(user.passwordHash) !== claims.p) return null;
  return { userId: user.id, email: user.email, name: user.name };
}

export type SecondStepResult = { ok: true; token: string } | { ok: false; message: string; status: number };

/**
 * The code step: throttled with the account's sign-in limit (wrong codes count as failed
 * sign-ins, so a known password does not buy unlimited guesses), and only then a fresh session.
 */
export async function completeSignIn(args: { pending: PendingSignIn; code: string; previousToken?: string | null } & SessionMeta): Promise<SecondStepResult> {
  const ip = args.ip ?? null;
  const { email } = args.pending;
  return db.transaction(async (tx) => {
    let failure = "";
    const checked = await checkThrottled(
      { email, ip },
      async () => {
        const check = await verifyFactor({ id: args.pending.userId, name: args.pending.name, email }, args.code, ip, tx);
        if (!check.ok) failure = check.message;
        return check.ok;
      },
      tx,
    );
    // A refused attempt is not counted: it must not extend the lock (issue 6 item 4).
    if (checked.outcome === "throttled") return { ok: false as const, message: throttledMessage(checked.lock), status: 429 };
    if (checked.outcome === "invalid") return { ok: false as const, message: failure, status: 400 };
    if (args.previousToken) await invalidateSession(hashToken(args.previousToken), tx);
    const { token } = await createSession(args.pending.userId, args, tx);
    await recordAudit({ actorId: args.pending.userId, action: "auth.login", entityType: "user", entityId: args.pending.userId, ip }, tx);
    return { ok: true as const, token };
  });
}

/**
 * The demo only (KAI_DEMO=1, never in production): the current code of the account signing in,
 * so a newcomer without an authenticator app gets through the demo's enrolled accounts.
 */
export async function demoCodeFor(userId: string): Promise<string | null> {
  const env = getEnv();
  if (!env.KAI_DEMO || env.isProduction) return null;
  const [row] = await db.select({ secretEncrypted: userSecondFactors.secretEncrypted }).from(userSecondFactors).where(eq(userSecondFactors.userId, userId));
  return row ? codeAt(decryptSecret(userId, row.secretEncrypted), timeStep()) : null;
}

// ---------------------------------------------------------------------------------------------
// Changes by the person (password and a code) and by an admin

/**
 * The password and a current code (or a recovery code) prove it is the person. Wrong answers
 * count towards the account's sign-in limit, so this form is no way around it.
 */
async function provePerson(user: { id: string; name: string; email: string }, password: string, code: string, ip: string | null, tx: Executor) {
  let failure: PublicError | null = null;
  const checked = await checkThrottled(
    { email: user.email, ip },
    async () => {
      const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
      if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
        failure = new PublicError(MESSAGES.wrongPassword, 400, "password");
        return false;
      }
      const check = await verifyFactor(user, code, ip, tx);
      if (!check.ok) failure = new PublicError(check.message, 400, "code");
      return check.ok;
    },
    tx,
  );
  if (checked.outcome === "throttled") throw new PublicError(throttledMessage(checked.lock), 429);
  return failure;
}

/**
 * Runs a change that needs the person's proof. A failed proof still commits its counted attempt
 * (the throttle must see it), so the error is thrown after the transaction.
 */
async function withProof<T>(args: { user: CurrentUser; password: string; code: string; ip?: string | null }, change: (tx: Executor) => Promise<T>): Promise<T> {
  const outcome = await db.transaction(async (tx) => {
    const failed = await provePerson(args.user, args.password, args.code, args.ip ?? null, tx);
    return failed ? { failed } : { value: await change(tx) };
  });
  if ("failed" in outcome) throw outcome.failed;
  return outcome.value;
}

/**
 * Turning the second factor off (or, for admins and centre managers, resetting it to set up a new
 * device: Verwaltung then waits for the new enrolment). Mails the person.
 */
export async function removeOwnSecondFactor(args: { user: CurrentUser; password: string; code: string; ip?: string | null }) {
  const change: SecondFactorChange = secondFactorRequired(args.user) ? "reset" : "disabled";
  await withProof(args, async (tx) => {
    await deleteSecondFactor(args.user.id, tx);
    await notify(args.user, change, tx);
    await recordAudit({ actorId: args.user.id, action: change === "reset" ? "auth.second_factor_reset" : "auth.second_factor_disabled", entityType: "user", entityId: args.user.id, ip: args.ip }, tx);
  });
  return change;
}

/** Ten new recovery codes; the old ones stop working. Returned once. */
export async function renewRecoveryCodes(args: { user: CurrentUser; password: string; code: string; ip?: string | null }) {
  return withProof(args, async (tx) => {
    const codes = await replaceRecoveryCodes(args.user.id, tx);
    await notify(args.user, "recovery-codes-renewed", tx);
    await recordAudit({ actorId: args.user.id, action: "auth.recovery_codes_renewed", entityType: "user", entityId: args.user.id, ip: args.ip }, tx);
    return codes;
  });
}

/**
 * For a person locked out (phone lost, no recovery codes): an admin removes their second factor.
 * Their sessions end; at the next sign-in the password is enough, and admins and centre managers
 * are led to a new enrolment. Not for the admin's own account (that needs password and code).
 */
export async function resetSecondFactorByAdmin(args: { actor: CurrentUser; userId: string; ip?: string | null }) {
  if (!hasRole(args.actor.roles, "admin")) notFound();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(args.userId)) notFound();
  if (args.actor.id === args.userId) throw new PublicError("Ihre eigene Zwei-Faktor-Anmeldung setzen Sie unter „Mein Konto“ zurück (mit Passwort und Code).", 400);
  await db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, args.userId));
    if (!person) notFound();
    if (!(await hasSecondFactor(person.id, tx))) throw new PublicError("Für diese Person ist keine Zwei-Faktor-Anmeldung eingerichtet.", 409);
    await deleteSecondFactor(person.id, tx);
    const ended = await invalidateUserSessions(person.id, undefined, tx);
    await notify(person, "reset-by-admin", tx);
    await recordAudit({ actorId: args.actor.id, action: "auth.second_factor_reset_by_admin", entityType: "user", entityId: person.id, after: { ended }, ip: args.ip }, tx);
  });
}

async function deleteSecondFactor(userId: string, tx: Executor) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.delete(userSecondFactors).where(eq(userSecondFactors.userId, userId));
}

async function notify(user: { name: string; email: string }, change: SecondFactorChange, tx: Executor, codesLeft?: number) {
  await sendEmail(
    {
      to: { address: user.email, name: user.name },
      template: "second-factor-changed",
      subject: "KAI-Portal: Änderung an Ihrer Zwei-Faktor-Anmeldung",
      body: createElement(SecondFactorChangedEmail, { name: user.name, changedAt: formatDateTime(new Date()), change, codesLeft, accountLink: `${getEnv().APP_URL}/konto` }),
    },
    tx,
  );
}
