import { configDefaults, defineConfig } from "vitest/config";
import { alias } from "./vitest.shared";

// Browser tests: headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) against the built server.
// The two-instance test needs PostgreSQL and runs when TEST_DATABASE_URL is set (as in CI).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...(onPostgres ? [] : ["tests/e2e/two-instances.test.ts"])],
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // pages.test.ts runs its roles side by side, this many at once: much of a role's time is waiting
    // (network idle after each load), so six keep 2 cores busier than three (438 s against 509 s).
    maxConcurrency: 6,
    env: { NODE_ENV: "test" },
  },
});
