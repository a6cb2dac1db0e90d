import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDirectory } from "../../scripts/precompress-assets.mjs";
import { useTestServer } from "../app";
import { useTestDatabase } from "../db";

// Issue 6, item 10: Node compresses nothing per request. Build assets are sent as the .br or .gz
// copy written at build time when the client accepts it, with the type of the original file, Vary
// and the immutable cache headers; dynamic HTML leaves uncompressed (the reverse proxy compresses).

useTestDatabase();

const CSS = `.kern-card { margin: 0 0 1rem; padding: 1rem 1.5rem; }\n`.repeat(400);
const JS = `export function greet(name) { return "Guten Tag, " + name + "!"; }\n`.repeat(200);
const FONT = crypto.randomBytes(20_000); // stands in for a WOFF2 file: compressed already
const IMMUTABLE = "public, max-age=31536000, immutable";

// A build folder of its own, written before the app starts serving it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kai-static-"));
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`;
fs.mkdirSync(path.join(dir, "public"));
fs.writeFileSync(path.join(dir, "public/favicon.svg"), FAVICON);
const app = useTestServer({ root: dir });

beforeAll(() => {
  const build = path.join(dir, "public/build");
  fs.mkdirSync(path.join(build, "_assets"), { recursive: true });
  fs.writeFileSync(path.join(build, "_assets/app-TEST1234.css"), CSS);
  fs.writeFileSync(path.join(build, "_assets/Font-TEST1234.woff2"), FONT);
  fs.writeFileSync(path.join(build, "entry.client-TEST1234.js"), JS);
  fs.writeFileSync(path.join(build, "tiny-TEST1234.js"), "1");
  precompressDirectory(build);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A GET (or HEAD) whose body is not decoded, unlike fetch(): the bytes on the wire. */
function rawRequest(urlPath: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(new URL(urlPath, app.url), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const CSS_URL = "/build/_assets/app-TEST1234.css";

describe("issue 6, item 10: build assets are sent precompressed", () => {
  it("the build writes a brotli and a gzip copy of every compressible asset, and none of a font or a file too small to gain", () => {
    const build = path.join(dir, "public/build");
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(build, "_assets/app-TEST1234.css.br"))).toString()).toBe(CSS);
    expect(zlib.gunzipSync(fs.readFileSync(path.join(build, "_assets/app-TEST1234.css.gz"))).toString()).toBe(CSS);
    expect(fs.existsSync(path.join(build, "entry.client-TEST1234.js.br"))).toBe(true);
    expect(fs.existsSync(path.join(build, "_assets/Font-TEST1234.woff2.br"))).toBe(false);
    expect(fs.existsSync(path.join(build, "tiny-TEST1234.js.gz"))).toBe(false);
  });

  it("a browser (gzip, deflate, br) gets brotli, with the stylesheet's type, Vary and the immutable cache", async () => {
    const res = await rawRequest(CSS_URL, { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(CSS.length / 10);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(CSS);
  });

  it("a client that takes only gzip, or refuses br, gets gzip", async () => {
    for (const accept of ["gzip", "br;q=0, gzip;q=0.8", "deflate, gzip"]) {
      const res = await rawRequest("/build/entry.client-TEST1234.js", { "accept-encoding": accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers["content-encoding"], accept).toBe("gzip");
      expect(res.headers["content-type"], accept).toBe("application/javascript; charset=UTF-8");
      expect(res.headers.vary, accept).toMatch(/Accept-Encoding/i);
      expect(res.headers["cache-control"], accept).toBe(IMMUTABLE);
      expect(zlib.gunzipSync(res.body).toString(), accept).toBe(JS);
    }
  });

  it("a client that accepts no compression gets the file itself", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }, { "accept-encoding": "gzip;q=0, br;q=0" }] as Record<string, string>[]) {
      const res = await rawRequest(CSS_URL, headers);
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers["content-type"]).toBe("text/css; charset=UTF-8");
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.headers["cache-control"]).toBe(IMMUTABLE);
      expect(res.body.toString()).toBe(CSS);
    }
  });

  it("a font is sent as it is, with its type and the immutable cache", async () => {
    const res = await rawRequest("/build/_assets/Font-TEST1234.woff2", { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["content-type"]).toBe("font/woff2");
    expect(res.headers["cache-control"]).toBe(IMMUTABLE);
    expect(res.body.equals(FONT)).toBe(true);
  });

  it("HEAD and a revalidation work on the compressed copy", async () => {
    const head = await rawRequest(CSS_URL, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
    const again = await rawRequest(CSS_URL, { "accept-encoding": "br", "if-none-match": String(head.headers.etag) });
    expect(again.status).toBe(304);
  });

  it("paths outside the build folder and missing files are not served", async () => {
    for (const p of ["/build/..%2f..%2fpackage.json", "/build/%2e%2e/%2e%2e/package.json", "/build/missing-TEST.js"]) {
      const res = await rawRequest(p, { "accept-encoding": "br" });
      expect(res.status, p).toBe(404);
      expect(res.body.toString(), p).not.toContain('"name"');
    }
  });
});

describe("issue 6, item 10: dynamic HTML is not compressed in Node", () => {
  it("a page goes out uncompressed even when the browser accepts gzip and br", async () => {
    const res = await rawRequest("/leistung/leer", { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toContain("<h1>Leere Seite</h1>");
  });
});

describe("issue 6, item 10: files in public/ besides the build", () => {
  it("serves the files that were there at start, with an hour's cache; other paths go to the app without a disk lookup", async () => {
    const res = await rawRequest("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.headers["cache-control"]).toBe("public, max-age=3600");
    expect(res.body.toString()).toBe(FAVICON);
    // A file added while the server runs is not looked up (it is served after the next start).
    fs.writeFileSync(path.join(dir, "public/later.txt"), "später");
    const later = await rawRequest("/later.txt");
    expect(later.status).toBe(404);
    expect(later.headers["content-type"]).toBe("text/html; charset=utf-8");
  });
});
