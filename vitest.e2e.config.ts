import { defineConfig } from "vitest/config";
import { alias } from "./vitest.shared";

// Browser tests: headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium) against the built server.
export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test" },
  },
});
