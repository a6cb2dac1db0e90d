// Production entry: `npm start` (and `npm run demo`). Validates the configuration, opens the
// database, starts the background jobs, serves, and shuts down gracefully on SIGTERM/SIGINT.
import { createApp } from "./server/app.js";

const build = await import("./build/index.js");
const runtime = build.entry.module;

// A dropped database connection fails the request that hit it; postgres.js may also raise it where
// nobody awaits it. That must not end the server (ACCEPTANCE G36). Anything else unexpected does:
// log it and exit, and let the supervisor restart a clean process.
process.on("unhandledRejection", (reason) => {
  if (runtime.isDroppedConnectionError(reason)) {
    console.warn(JSON.stringify({ time: new Date().toISOString(), level: "warn", message: "database connection dropped", code: reason.code }));
    return;
  }
  console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", message: "unhandled rejection", error: String(reason?.stack ?? reason) }));
  process.exit(1);
});

let env;
try {
  env = runtime.loadConfig();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

try {
  await runtime.startRuntime();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const app = createApp({ build, appUrl: env.APP_URL, production: env.isProduction, trustProxy: env.TRUST_PROXY });
const server = app.listen(env.PORT, () => {
  console.log(`KAI-Portal läuft auf ${env.APP_URL} (Port ${env.PORT}).`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (finishing open requests)…`);
  const force = setTimeout(() => {
    console.error("Shutdown took too long; exiting.");
    process.exit(1);
  }, 15_000);
  force.unref();
  // Stop accepting, let in-flight requests finish, close idle keep-alive connections.
  server.close(async () => {
    try {
      await runtime.stopRuntime();
    } finally {
      process.exit(0);
    }
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
