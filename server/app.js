// The Express app around the Remix build: static files, security headers with a per-request CSP
// nonce, the CSRF Origin check, then Remix. Plain JavaScript so production runs it without a
// compile step; tests and the benchmark build it the same way.
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { buildAssets } from "./static.js";

/**
 * @param {{ build: import("@remix-run/node").ServerBuild, appUrl: string, production: boolean, trustProxy: number, root?: string }} options
 */
export function createApp({ build, appUrl, production, trustProxy, root = process.cwd() }) {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is only believed for the configured number of proxy hops (ACCEPTANCE A8).
  app.set("trust proxy", trustProxy > 0 ? trustProxy : false);
  // No compression in Node (issue 6, item 10): the reverse proxy compresses the dynamic HTML, and
  // build assets are sent precompressed (the static block below).

  const allowedOrigins = new Set([new URL(appUrl).origin]);

  app.use((req, res, next) => {
    // One id per request, in the log line and on the error page (ACCEPTANCE D21).
    const correlationId = crypto.randomUUID().slice(0, 8);
    req.headers["x-correlation-id"] = correlationId;
    res.locals.correlationId = correlationId;
    res.setHeader("X-Correlation-Id", correlationId);
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "frame-src 'self'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // CSRF (ACCEPTANCE B10): every state-changing request must come from our own origin.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    const own = `${req.protocol}://${req.get("host")}`;
    if (origin && (allowedOrigins.has(origin) || (!production && origin === own))) return next();
    res.status(403).type("text/plain; charset=utf-8").send("Anfrage abgelehnt: unbekannte Herkunft (Origin).");
  });

  // Forms are small; larger bodies are refused before anything reads them (uploads, when they
  // come, get their own limit on their own route).
  const MAX_BODY_BYTES = 1024 * 1024;
  app.use((req, res, next) => {
    if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return res.status(413).type("text/plain; charset=utf-8").send("Die Anfrage ist zu groß.");
    }
    next();
  });

  // --- Static files (issue 6, item 10; server/static.js) ---
  app.use("/build", buildAssets(path.join(root, "public/build")));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  // --- end of static files ---

  app.use((req, res, next) => {
    // Signed-in pages and data must not be stored by browsers or proxies (ACCEPTANCE B13).
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  // A route may answer with its own value for a header set above (the mailbox's HTML view sends a
  // sandbox CSP). Remix's Express adapter appends response headers, which would send both
  // policies and the browser would enforce both; the route's value replaces ours instead.
  app.use((req, res, next) => {
    const append = res.append.bind(res);
    res.append = (field, value) => (/^(set-cookie|vary|link)$/i.test(field) ? append(field, value) : res.set(field, value));
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce,
        correlationId: res.locals.correlationId,
        // Only a real address reaches the throttle table (a forged X-Forwarded-For may hold anything).
        clientIp: req.ip && net.isIP(req.ip) ? req.ip : null,
      }),
    }),
  );

  // Whatever fails outside Remix (a malformed Host, an adapter error): a German message with the
  // request's id, the detail in the log, never a stack trace (ACCEPTANCE D21).
  app.use((error, req, res, _next) => {
    const correlationId = res.locals.correlationId;
    console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", message: "request failed outside Remix", correlationId, error: String(error?.stack ?? error) }));
    if (res.headersSent) return res.end();
    res.status(500).type("text/plain; charset=utf-8").send(`Ein Fehler ist aufgetreten. Bitte versuchen Sie es später erneut. Fehler-ID: ${correlationId}`);
  });
  return app;
}
