import fs from "node:fs";
import autocannon from "autocannon";
import { BROWSER_HEADERS, type BenchRoute } from "./routes";

export interface Measurement {
  route: BenchRoute;
  connections: number;
  /** Responses with the expected status. */
  ok: number;
  /** Connection errors, timeouts and responses with an unexpected status. */
  failed: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  /**
   * The server process's CPU time (user + system) per response, in ms, from /proc; null where
   * there is no /proc. Unlike requests/s it hardly changes when other work shares the machine.
   */
  cpuMsPerRequest: number | null;
  /** Status codes that counted as failures, with their counts, for the error message. */
  unexpected: Record<string, number>;
}

export interface MeasureOptions {
  baseUrl: string;
  /** The server's own origin, sent as Origin on every non-GET request (CSRF check). */
  origin: string;
  sessionCookie?: string;
  /** The server's process id, for its CPU time. */
  serverPid?: number;
  connections: number;
  durationSeconds: number;
}

/**
 * One autocannon run against one route. Latency percentiles are computed from every response's
 * time (autocannon's "response" event, fractional ms): autocannon's own summary has no p95, and
 * its histogram rounds to whole milliseconds, which hides the fast routes.
 */
export async function measure(route: BenchRoute, opts: MeasureOptions): Promise<Measurement> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: new URL(route.path, opts.baseUrl).toString(),
    connections: opts.connections,
    duration: opts.durationSeconds,
    timeout: 30,
    ...requestOf(route, opts),
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const cpuBefore = cpuMs(opts.serverPid);
  const result = await instance;
  const cpuAfter = cpuMs(opts.serverPid);

  let ok = 0;
  const unexpected: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    const status = Number(code);
    const expected = route.expectStatus !== undefined ? status === route.expectStatus : status >= 200 && status < 400;
    if (expected) ok += count;
    else unexpected[code] = count;
  }
  const failedResponses = Object.values(unexpected).reduce((a, b) => a + b, 0);
  if (result.errors) unexpected["connection errors/timeouts"] = result.errors;
  latencies.sort((a, b) => a - b);
  return {
    route,
    connections: opts.connections,
    ok,
    failed: failedResponses + result.errors,
    requestsPerSecond: (ok + failedResponses) / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && latencies.length ? (cpuAfter - cpuBefore) / latencies.length : null,
    unexpected,
  };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Method, headers and body autocannon sends for a route. */
export function requestOf(route: BenchRoute, opts: Pick<MeasureOptions, "origin" | "sessionCookie">) {
  const headers: Record<string, string> = { ...BROWSER_HEADERS };
  let body: string | undefined;
  if (route.method !== "GET") headers.origin = opts.origin;
  if (route.needsSession) {
    if (!opts.sessionCookie) throw new Error(`${route.name} needs a session, but there is none`);
    headers.cookie = opts.sessionCookie;
  }
  if (typeof route.body === "string") body = route.body;
  else if (route.body) {
    body = new URLSearchParams(route.body).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  return { method: route.method, headers: { ...headers, ...route.headers }, body };
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
