import { afterEach } from "vitest";
import { resetEnvCache } from "~/env.server";

// Each test sees the environment it sets; nothing leaks into the next.
const original = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  resetEnvCache();
});
