import type { BundleSize } from "./bundle";
import type { Measurement } from "./measure";
import { BUDGETS } from "./weight";

const TABLE_HEAD = [
  "| Route | Connections | Requests/s | p50 ms | p95 ms | Errors / unexpected status | Ratio to bare route |",
  "|---|---:|---:|---:|---:|---:|---:|",
];

/** The Markdown table; the ratio compares with the baseline row at the same connection count. */
export function resultsTable(rows: Measurement[], baselinePath: string): string {
  const baseline = new Map(rows.filter((r) => r.route.path === baselinePath).map((r) => [r.connections, r.requestsPerSecond]));
  const lines = rows.map((r) => {
    const base = baseline.get(r.connections);
    const ratio = base ? `${(r.requestsPerSecond / base).toFixed(2)}×` : "–";
    const total = r.ok + r.failed;
    const errors = r.failed ? `${r.failed} (${((100 * r.failed) / total).toFixed(1)} %)` : "0";
    return `| ${r.route.name} | ${r.connections} | ${r.requestsPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${errors} | ${ratio} |`;
  });
  return [...TABLE_HEAD, ...lines].join("\n");
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
