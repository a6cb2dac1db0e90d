/**
 * Errors that only say a database connection went away (network loss, server restart, a killed
 * backend). The request that hit it fails and shows the error page; the pool reconnects. When
 * postgres.js raises one where nobody awaits it (an internal pipelined query of a dead
 * connection), it must not end the process. Shared by server.js and the test runner.
 */
const DROPPED = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03"]);

export function isDroppedConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && DROPPED.has(code);
}
