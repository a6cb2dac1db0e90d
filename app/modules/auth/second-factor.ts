import { generateHOTP } from "@oslojs/otp";
import { encodeBase32LowerCaseNoPadding, encodeBase32NoPadding } from "@oslojs/encoding";
import { z } from "zod";

/**
 * The second factor's pure rules (TOTP, RFC 6238; issue 6 item 8): 6 digits, 30-second steps,
 * SHA-1 (what every authenticator app supports), one step either side accepted for clock drift,
 * and a code never accepted twice: each accepted code stores its step, and only later steps count.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted before and after the current one (RFC 6238 section 5.2 recommends at most one). */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;
/** 16 base32 characters = 80 random bits per recovery code. */
const RECOVERY_CODE_LENGTH = 16;

export function timeStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function codeAt(secret: Uint8Array, step: number): string {
  return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}

/** "123 456" and "123-456" as apps show them count as "123456"; anything else than 6 digits is null. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : null;
}

export type CodeCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "used" };

/**
 * Which step within the window the code belongs to. A code of a step at or before
 * `lastUsedStep` was already used (or is older than one that was): refused as "used".
 */
export function checkCode(secret: Uint8Array, input: string, lastUsedStep: number | null, nowMs = Date.now()): CodeCheck {
  const code = normaliseCode(input);
  if (!code) return { ok: false, reason: "wrong" };
  const now = timeStep(nowMs);
  let used = false;
  for (let step = now - TOTP_WINDOW_STEPS; step <= now + TOTP_WINDOW_STEPS; step++) {
    if (!constantTimeEqualStrings(codeAt(secret, step), code)) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) used = true;
    else return { ok: true, step };
  }
  return { ok: false, reason: used ? "used" : "wrong" };
}

function constantTimeEqualStrings(a: string, b: string) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The secret as people type it into an app: base32 upper case in groups of four. */
export function groupedSecret(secret: Uint8Array): string {
  return encodeBase32NoPadding(secret).match(/.{1,4}/g)!.join(" ");
}

/** Ten fresh recovery codes, shown as "abcd-efgh-ijkl-mnop". */
export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    return encodeBase32LowerCaseNoPadding(bytes).match(/.{4}/g)!.join("-");
  });
}

/** A recovery code as typed (any case, with or without hyphens and spaces), or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toLowerCase();
  return new RegExp(`^[a-z2-7]{${RECOVERY_CODE_LENGTH}}$`).test(code) ? code : null;
}

// Forms. The code field takes a code from the app or a recovery code; the server tells them apart.
const anyCode = z
  .string({ required_error: "Bitte geben Sie den Code ein." })
  .trim()
  .min(1, "Bitte geben Sie den Code ein.")
  .max(40, "Der Code ist zu lang. Bitte geben Sie die 6 Ziffern aus der App oder einen Wiederherstellungscode ein.");

export const signInCodeSchema = z.object({ code: anyCode, redirectTo: z.string().max(2000).optional() });

export const confirmEnrolmentSchema = z.object({
  code: z
    .string({ required_error: "Bitte geben Sie den Code aus Ihrer App ein." })
    .max(40, "Bitte geben Sie die 6 Ziffern aus Ihrer App ein.")
    .refine((v) => normaliseCode(v) !== null, "Bitte geben Sie die 6 Ziffern aus Ihrer App ein."),
  redirectTo: z.string().max(2000).optional(),
});

/** Turning off, resetting, new recovery codes: the password and a code. */
export const proofSchema = z.object({
  password: z.string({ required_error: "Bitte geben Sie Ihr Passwort ein." }).min(1, "Bitte geben Sie Ihr Passwort ein.").max(1024, "Das Passwort ist zu lang."),
  code: anyCode,
});
