import { defineConfig } from "vitest/config";
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
  },
});
