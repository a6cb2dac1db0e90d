import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateHOTP } from "@oslojs/otp";

/**
 * The second factor of test and demo accounts (issue 6 item 8). The factories enrol admins and
 * centre managers with a secret derived from their address, so a test (or the browser helper)
 * signs them in honestly: it computes the current code as an authenticator app would.
 * Nothing here is used by the app itself.
 */

/** TOTP_KEY of the tests, the browser tests' server and the bench (not the published demo key). */
export const TEST_TOTP_KEY = "dGVzdHMtb25seS10b3RwLWtleS0zMi1ieXRlcy1sb24=";

/** The fixed secret of a demo or test account (20 bytes, as RFC 4226 recommends). */
export function knownSecondFactorSecret(email: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(`kai-demo-second-factor:${email.toLowerCase()}`).digest().subarray(0, 20));
}

/** The code an app shows for the account `offset` steps from now (30-second steps, 6 digits). */
export function knownSecondFactorCode(email: string, offset = 0, nowMs = Date.now()): string {
  return generateHOTP(knownSecondFactorSecret(email), BigInt(Math.floor(nowMs / 30_000) + offset), 6);
}

/**
 * A code for the next sign-in of `email` on the server `serverUrl`, never one already used: a code
 * is accepted once per step, and browser tests sign the same account in several times a minute.
 * The steps used so far are kept in a file per server, because each test file runs in its own
 * process. Takes the current step, else the next one (both within the server's window); when
 * both are used, waits for the next step.
 */
export async function nextSecondFactorCode(email: string, serverUrl: string): Promise<string> {
  const ledger = path.join(os.tmpdir(), `kai-second-factor-steps-${new URL(serverUrl).port}.json`);
  const used: Record<string, number> = fs.existsSync(ledger) ? JSON.parse(fs.readFileSync(ledger, "utf8")) : {};
  const current = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(current(), (used[email] ?? -1) + 1);
  while (step > current() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  used[email] = step;
  fs.writeFileSync(ledger, JSON.stringify(used));
  return generateHOTP(knownSecondFactorSecret(email), BigInt(step), 6);
}
