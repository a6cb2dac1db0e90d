// Runs after `remix build` (npm's postbuild, issue 6, item 10): writes a brotli (.br) and a gzip
// (.gz) copy next to every build asset in public/build, at the highest levels, once. server/app.js
// sends them to clients that accept them, so Node never compresses a static file per request and
// the demo without a reverse proxy still sends small files.
//
// Formats that are compressed already (WOFF2 fonts are brotli inside, images) are skipped, and a
// copy that would save less than 5 % is not written: the server then sends the file as it is.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ALREADY_COMPRESSED = new Set([".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".br", ".gz", ".zip"]);
const MIN_SAVING = 0.05;

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` for every compressible file under `dir`; returns what it wrote.
 * @param {string} dir
 */
export function precompressDirectory(dir) {
  const written = [];
  for (const file of filesUnder(dir)) {
    if (ALREADY_COMPRESSED.has(path.extname(file).toLowerCase())) continue;
    const raw = fs.readFileSync(file);
    const variants = {
      br: zlib.brotliCompressSync(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
      gz: zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
    };
    for (const [ext, bytes] of Object.entries(variants)) {
      const target = `${file}.${ext}`;
      if (bytes.length > raw.length * (1 - MIN_SAVING)) {
        fs.rmSync(target, { force: true });
        continue;
      }
      fs.writeFileSync(target, bytes);
      written.push({ file: target, bytes: bytes.length, original: raw.length });
    }
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const dir = path.join(root, "public/build");
  if (!fs.existsSync(dir)) {
    console.error(`scripts/precompress-assets.mjs: ${dir} does not exist; run remix build first.`);
    process.exit(1);
  }
  const written = precompressDirectory(dir);
  const sum = (key) => written.reduce((n, w) => n + (w.file.endsWith(key) ? w.bytes : 0), 0);
  const assets = new Set(written.map((w) => w.file.replace(/\.(br|gz)$/, ""))).size;
  console.log(`Precompressed ${assets} build assets: ${(sum(".br") / 1000).toFixed(0)} kB brotli, ${(sum(".gz") / 1000).toFixed(0)} kB gzip.`);
}
