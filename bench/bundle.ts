import zlib from "node:zlib";
import { BenchError } from "./errors";

export interface BundleSize {
  files: { url: string; bytes: number; gzipBytes: number }[];
  totalBytes: number;
  totalGzipBytes: number;
}

/**
 * The JavaScript a first visit to `pagePath` loads: every `<script src>` and
 * `<link rel="modulepreload" href>` under /build/ in its HTML (Remix lists every module of the
 * page as a modulepreload, and the inline boot script only imports those), each gzipped with
 * zlib's default level (the server sends copies precompressed at the highest level, so a little less).
 */
export async function measureFirstPageJs(baseUrl: string, pagePath = "/"): Promise<BundleSize> {
  const res = await fetch(new URL(pagePath, baseUrl));
  if (!res.ok) throw new BenchError(`GET ${pagePath} answered ${res.status}`);
  const html = await res.text();
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attrs = attributesOf(tag);
    const isScript = /^<script/i.test(tag);
    const url = isScript ? attrs.src : attrs.rel?.toLowerCase() === "modulepreload" ? attrs.href : undefined;
    if (url && new URL(url, baseUrl).pathname.startsWith("/build/")) urls.add(url);
  }
  if (urls.size === 0) throw new BenchError(`GET ${pagePath}: no JavaScript under /build/ found in the HTML`);

  const files = await Promise.all(
    [...urls].map(async (url) => {
      const file = await fetch(new URL(url, baseUrl));
      if (!file.ok) throw new BenchError(`GET ${url} answered ${file.status} (was the app rebuilt while the benchmark ran?)`);
      const bytes = Buffer.from(await file.arrayBuffer());
      return { url, bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes).length };
    }),
  );
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

function attributesOf(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [, name, dq, sq, bare] of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    attrs[name.toLowerCase()] = dq ?? sq ?? bare;
  }
  return attrs;
}
