import type { BundleSize } from "./bundle";
import type { Measurement } from "./measure";
import { BUDGETS } from "./weight";

const TABLE_HEAD = [
  "| Route | Connections | Requests/s | p50 ms | p95 ms | Server CPU ms/request | Errors / unexpected status | Ratio to bare route | Ratio to bare page |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
];

/** The goal for every page row at the highest connection count (issue 6, item 13). */
export const PAGE_GOAL = { minRatioToBarePage: 0.5, maxP95TimesBarePage: 3 } as const;

/**
 * The Markdown table; each ratio compares with the baseline row (`baseline: "route"` and
 * `baseline: "page"`) at the same connection count.
 */
export function resultsTable(rows: Measurement[]): string {
  const baselineOf = (kind: "route" | "page") => new Map(rows.filter((r) => r.route.baseline === kind).map((r) => [r.connections, r]));
  const bareRoute = baselineOf("route");
  const barePage = baselineOf("page");
  const ratio = (r: Measurement, base: Measurement | undefined) => (base ? `${(r.requestsPerSecond / base.requestsPerSecond).toFixed(2)}×` : "–");
  const lines = rows.map((r) => {
    const total = r.ok + r.failed;
    const errors = r.failed ? `${r.failed} (${((100 * r.failed) / total).toFixed(1)} %)` : "0";
    return `| ${r.route.name} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.cpuMsPerRequest === null ? "–" : ms(r.cpuMsPerRequest)} | ${errors} | ${ratio(r, bareRoute.get(r.connections))} | ${ratio(r, barePage.get(r.connections))} |`;
  });
  return [...TABLE_HEAD, ...lines].join("\n");
}

/**
 * Page rows that miss the goal at `connections`: below half the bare page's requests/s, or a p95
 * over three times the bare page's. Reported, not enforced (timings on a shared machine are noisy).
 */
export function pageGoalMisses(rows: Measurement[], connections: number): string[] {
  const base = rows.find((r) => r.route.baseline === "page" && r.connections === connections);
  if (!base) return [];
  return rows
    .filter((r) => r.route.page && r.connections === connections)
    .flatMap((r) => {
      const misses: string[] = [];
      const ratio = r.requestsPerSecond / base.requestsPerSecond;
      if (ratio < PAGE_GOAL.minRatioToBarePage) misses.push(`${r.route.name}: ${ratio.toFixed(2)}× of the bare page (goal ≥ ${PAGE_GOAL.minRatioToBarePage}×)`);
      if (r.p95 > PAGE_GOAL.maxP95TimesBarePage * base.p95) {
        misses.push(`${r.route.name}: p95 ${ms(r.p95)} ms, ${(r.p95 / base.p95).toFixed(1)}× the bare page's (goal ≤ ${PAGE_GOAL.maxP95TimesBarePage}×)`);
      }
      return misses;
    });
}

export function bundleReport(bundle: BundleSize): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  return [
    `JavaScript loaded by the first page (/): **${kb(bundle.totalGzipBytes)} gzip** (budget ${kb(BUDGETS.jsGzipBytes)}; ${kb(bundle.totalBytes)} uncompressed, ${bundle.files.length} files)`,
    "",
    ...bundle.files.map((f) => `- ${f.url}: ${kb(f.gzipBytes)} gzip (${kb(f.bytes)})`),
  ].join("\n");
}

function ms(value: number) {
  if (Number.isNaN(value)) return "–";
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}
