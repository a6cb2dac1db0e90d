import http from "node:http";
import zlib from "node:zlib";
import { launchBrowser } from "../tests/e2e/browser";
import type { BundleSize } from "./bundle";
import { BenchError } from "./errors";

/** The budgets the first page must stay within (issue 5, item 18); kB = 1000 bytes, gzip as transferred. */
export const BUDGETS = { cssGzipBytes: 60_000, jsGzipBytes: 120_000 } as const;

export interface TransferredFile {
  url: string;
  kind: "css" | "font";
  /** Bytes on the wire with Accept-Encoding: gzip (what the server sent, compressed or not). */
  transferredBytes: number;
  /** The decoded size. */
  bytes: number;
  encoding: string;
}

export interface PageWeight {
  css: TransferredFile[];
  fonts: TransferredFile[];
  cssTransferredBytes: number;
  fontTransferredBytes: number;
}

/**
 * The stylesheets and fonts a first visit to `pagePath` really loads: the page is opened in
 * Chromium, which fetches every `<link rel=stylesheet>` and (through @font-face) only the fonts the
 * page uses; each of those URLs is then fetched again with `Accept-Encoding: gzip` and the bytes on
 * the wire are counted.
 */
export async function measureFirstPageWeight(baseUrl: string, pagePath = "/"): Promise<PageWeight> {
  const browser = await launchBrowser();
  const seen = new Map<string, "css" | "font">();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("response", (res) => {
      const type = res.request().resourceType();
      if (type === "stylesheet") seen.set(res.url(), "css");
      if (type === "font") seen.set(res.url(), "font");
    });
    const res = await page.goto(new URL(pagePath, baseUrl).toString());
    if (!res?.ok()) throw new BenchError(`GET ${pagePath} in Chromium answered ${res?.status()}`);
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  } finally {
    await browser.close();
  }
  const files = await Promise.all([...seen].map(([url, kind]) => fetchGzip(url, kind)));
  const css = files.filter((f) => f.kind === "css").sort((a, b) => b.transferredBytes - a.transferredBytes);
  const fonts = files.filter((f) => f.kind === "font").sort((a, b) => b.transferredBytes - a.transferredBytes);
  if (css.length === 0) throw new BenchError(`GET ${pagePath}: Chromium loaded no stylesheet`);
  const sum = (list: TransferredFile[]) => list.reduce((n, f) => n + f.transferredBytes, 0);
  return { css, fonts, cssTransferredBytes: sum(css), fontTransferredBytes: sum(fonts) };
}

function fetchGzip(url: string, kind: "css" | "font"): Promise<TransferredFile> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new BenchError(`GET ${url} answered ${res.statusCode}`));
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const bytes = encoding === "gzip" ? zlib.gunzipSync(raw).length : raw.length;
          resolve({ url, kind, transferredBytes: raw.length, bytes, encoding });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** Why the first page is over budget; empty when it is within. */
export function budgetViolations(weight: PageWeight, js: BundleSize): string[] {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const out: string[] = [];
  if (weight.cssTransferredBytes > BUDGETS.cssGzipBytes) {
    out.push(`CSS of the first page is ${kb(weight.cssTransferredBytes)} gzip, over the budget of ${kb(BUDGETS.cssGzipBytes)}`);
  }
  if (js.totalGzipBytes > BUDGETS.jsGzipBytes) {
    out.push(`JavaScript of the first page is ${kb(js.totalGzipBytes)} gzip, over the budget of ${kb(BUDGETS.jsGzipBytes)}`);
  }
  return out;
}

export function weightReport(weight: PageWeight): string {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const line = (f: TransferredFile) => `- ${new URL(f.url).pathname}: ${kb(f.transferredBytes)} transferred (${f.encoding}; ${kb(f.bytes)} decoded)`;
  return [
    `CSS loaded by the first page (/): **${kb(weight.cssTransferredBytes)} transferred** (budget ${kb(BUDGETS.cssGzipBytes)} gzip), ${weight.css.length} files`,
    "",
    ...weight.css.map(line),
    "",
    `Fonts loaded by the first page (/): **${kb(weight.fontTransferredBytes)} transferred**, ${weight.fonts.length} files`,
    ...(weight.fonts.length ? ["", ...weight.fonts.map(line)] : []),
  ].join("\n");
}
