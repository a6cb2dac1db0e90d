import { afterEach } from "vitest";
import { resetEnvCache } from "~/env.server";
import { TEST_TOTP_KEY } from "./second-factor";

// The tests' own key for the second factor's secrets (issue 6 item 8), not the demo fallback.
process.env.TOTP_KEY ??= TEST_TOTP_KEY;

// Each test sees the environment it sets; nothing leaks into the next.
const original = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  resetEnvCache();
});
