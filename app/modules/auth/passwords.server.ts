import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

// argon2id (the library's default algorithm) with OWASP's minimum: m=19 MiB, t=2, p=1 (ACCEPTANCE A7).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

/** Unicode code points, not UTF-16 units: "🔐" counts once. */
export function passwordLength(password: string): number {
  return [...password.normalize("NFC")].length;
}

/** German message, or null when acceptable. No composition rules (ACCEPTANCE A7). */
export function checkPasswordPolicy(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return `Das Passwort muss mindestens ${PASSWORD_MIN} Zeichen lang sein.`;
  if (length > PASSWORD_MAX) return `Das Passwort darf höchstens ${PASSWORD_MAX} Zeichen lang sein.`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

// Verified against when the address is unknown, so both cases take the same time (ACCEPTANCE A9).
let dummyHash: Promise<string> | undefined;
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("kai-dummy-password-for-timing");
  return dummyHash;
}
