import { defineConfig } from "vitest/config";
import { isDroppedConnectionError } from "./db/dropped-connection";
import { alias } from "./vitest.shared";

// Unit and integration tests. Tests in tests/postgres/ need concurrent connections to a real
// PostgreSQL and run when TEST_DATABASE_URL is set (as in CI).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}", ...(onPostgres ? ["tests/postgres/**/*.test.ts"] : [])],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", TZ: "Europe/Berlin" },
    // The same policy as server.js: a dropped-connection error that postgres.js raises with nobody
    // awaiting it is not a failure (the tests in tests/postgres/ kill backends on purpose);
    // any other unhandled error still fails the run.
    onUnhandledError: (error) => (isDroppedConnectionError(error) ? false : undefined),
  },
});
