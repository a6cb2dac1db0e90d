import { configDefaults, defineConfig } from "vitest/config";
import { alias } from "./vitest.shared";

// Browser tests: headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) against the built server.
// The two-instance test needs PostgreSQL and runs when TEST_DATABASE_URL is set (as in CI).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The files that start servers of their own, on databases of their own, instead of the shared demo server. */
const OWN_SERVER = ["tests/e2e/session.test.ts", "tests/e2e/two-instances.test.ts"];

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // pages.test.ts runs its roles side by side, this many at once: much of a role's time is waiting
    // (network idle after each load). Four keep 2 cores busy: the file took 226 s with four, 244 s
    // with six and 264 s with all eleven, against 446 s with one role after the other.
    maxConcurrency: 4,
    env: { NODE_ENV: "test" },
    // Two groups that run side by side. Within each, one file after the other: the files of the
    // first share one demo server and its data, and change that data as a person would.
    projects: [
      {
        extends: true,
        test: {
          name: "demo-server",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...OWN_SERVER],
          globalSetup: ["tests/e2e/global-setup.ts"],
          fileParallelism: false,
        },
      },
      {
        // Mostly waiting (the session test watches a 70-second timeout run out), so it costs the
        // other group little: about 90 s less in all.
        extends: true,
        test: { name: "own-server", include: OWN_SERVER.filter((f) => onPostgres || !f.endsWith("two-instances.test.ts")), fileParallelism: false },
      },
    ],
  },
});
