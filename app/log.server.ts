/** One JSON line per event on stdout/stderr. Never pass tokens, passwords or cookies in `fields`. */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const level = (process.env.LOG_LEVEL as Level | undefined) ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  return order[level] ?? order.info;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, (_key, value) => {
    if (!(value instanceof Error)) return value;
    // A failed query's message and stack carry its parameters (hashes, addresses): log the
    // statement and the database's answer only.
    if (value.name === "DrizzleQueryError") {
      const e = value as Error & { query?: string; cause?: { code?: string; message?: string } };
      return { name: value.name, query: e.query, cause: { code: e.cause?.code, message: e.cause?.message } };
    }
    return { name: value.name, message: value.message, stack: value.stack };
  });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
