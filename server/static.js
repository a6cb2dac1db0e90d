// Static files (issue 6, item 10). Build assets are fingerprinted, so they are cached for a year
// as immutable, and sent precompressed: scripts/precompress-assets.mjs writes a .br and a .gz copy
// of each at build time, and the copy the client accepts is sent as it is. Node compresses nothing
// per request; dynamic HTML is compressed by the reverse proxy (README, "Production").
import fs from "node:fs";
import path from "node:path";
import express from "express";

const BUILD_CACHE = { immutable: true, maxAge: "1y" };

/** Encodings in the order we prefer them, with the file suffix their copy has. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
];

/**
 * The encodings the client accepts (RFC 9110, 12.5.3): listed with q > 0, or covered by `*`
 * without being refused by name. `identity` needs no copy.
 * @param {string | undefined} header
 */
export function acceptedEncodings(header) {
  const q = new Map();
  for (const part of (header ?? "").split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(token, qParam ? Number(qParam.slice(2)) : 1);
  }
  const star = q.get("*");
  return ENCODINGS.filter(({ name }) => {
    const value = q.has(name) ? q.get(name) : star;
    return value !== undefined && value > 0;
  });
}

/** @param {string} file */
function contentTypeOf(file) {
  const type = express.static.mime.lookup(file);
  const charset = express.static.mime.charsets.lookup(type);
  return charset ? `${type}; charset=${charset}` : type;
}

/**
 * Serves `/build/*` from `dir`: the brotli or gzip copy when the client accepts it and the copy
 * exists, otherwise the file itself; `Vary: Accept-Encoding` on all of them, so a shared cache
 * keeps the variants apart.
 * @param {string} dir
 */
export function buildAssets(dir) {
  const router = express.Router();
  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    res.vary("Accept-Encoding");
    let relative;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    // Only plain file names below dir; everything else is left to express.static, which refuses it.
    if (relative.includes("\0") || relative.split("/").includes("..")) return next();
    const file = path.join(dir, relative);
    if (!file.startsWith(dir + path.sep)) return next();
    const candidates = acceptedEncodings(req.get("accept-encoding"));
    const tryNext = (i) => {
      if (i >= candidates.length) return next();
      const { name, suffix } = candidates[i];
      fs.stat(file + suffix, (error, stat) => {
        if (error || !stat.isFile()) return tryNext(i + 1);
        // The type of the file itself, not of its .br or .gz copy, spelt as express.static spells it
        // (send keeps a type already set).
        res.setHeader("Content-Type", contentTypeOf(file));
        res.setHeader("Content-Encoding", name);
        res.sendFile(file + suffix, { ...BUILD_CACHE, dotfiles: "deny" }, (sendError) => {
          if (sendError && !res.headersSent) {
            res.removeHeader("Content-Encoding");
            res.removeHeader("Content-Type");
            next();
          }
        });
      });
    };
    tryNext(0);
  });
  router.use(express.static(dir, BUILD_CACHE));
  return router;
}

/**
 * Serves the files that lie in `dir` (but not below `build/`, which buildAssets serves) when the
 * app starts, such as /favicon.svg. Every other path goes on to Remix at once, without asking the
 * disk first: express.static alone costs each page request a stat() call. A file put into public/
 * while the server runs is served after the next start (a deploy starts it anyway).
 * @param {string} dir
 */
export function publicFiles(dir) {
  const paths = new Set();
  const walk = (folder, prefix) => {
    if (!fs.existsSync(folder)) return;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const urlPath = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (urlPath !== "/build") walk(path.join(folder, entry.name), urlPath);
      } else if (entry.isFile()) paths.add(urlPath);
    }
  };
  walk(dir, "");
  const serve = express.static(dir, { maxAge: "1h" });
  /** @type {import("express").RequestHandler} */
  return (req, res, next) => ((req.method === "GET" || req.method === "HEAD") && paths.has(req.path) ? serve(req, res, next) : next());
}
