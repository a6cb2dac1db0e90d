// The Express app around the Remix build: static files, security headers with a per-request CSP
// nonce, the CSRF Origin check, then Remix. Plain JavaScript so production runs it without a
// compile step; tests and the benchmark build it the same way.
import crypto from "node:crypto";
import net from "node:net";
import path from "node:path";
import { Transform } from "node:stream";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import { buildAssets, publicFiles } from "./static.js";

// ---- Request bodies (issue 6 item 2, ACCEPTANCE D20) -------------------------------------------
/**
 * What a request body may be: at most `maxBytes`, urlencoded form data, and multipart only where
 * `multipart` is set. Every path gets DEFAULT_BODY_RULE unless an entry of BODY_RULES matches its
 * path (the first match wins). The bytes are counted as they stream, so a chunked body without a
 * Content-Length is held to the same limit. A route that takes uploads adds its entry here, e.g.
 *   { path: /^\/tickets\/[^/]+\/anhaenge$/, maxBytes: 20 * 1024 * 1024, multipart: true }
 * (docs/decisions/012-request-body-rules.md).
 * @typedef {{ path: RegExp, maxBytes: number, multipart?: boolean }} BodyRule
 */
export const DEFAULT_BODY_RULE = { maxBytes: 1024 * 1024, multipart: false };
/** @type {BodyRule[]} */
export const BODY_RULES = [
  // Tickets take attachments (issue 7 item 8): up to 5 files of 10 MiB each, plus the form; with
  // JavaScript the form goes to the route's `.data` URL (single fetch).
  { path: /^\/betreuung\/neu(\.data)?$/, maxBytes: 52 * 1024 * 1024, multipart: true },
  { path: /^\/betreuung\/tickets\/KAI-\d{4}-\d{5,}(\.data)?$/, maxBytes: 52 * 1024 * 1024, multipart: true },
  // Agenda documents of a working-group meeting (issue 9 item 4): up to 5 files of 10 MiB each on the meeting page.
  { path: /^\/facharbeitskreise\/[a-z]+\/sitzungen\/\d{1,9}(\.data)?$/, maxBytes: 52 * 1024 * 1024, multipart: true },
];

/** Marks the error a refused body's stream ends with; entry.server does not log it (the answer was 413). */
export const BODY_TOO_LARGE = "KAI_BODY_TOO_LARGE";

/**
 * The request body, counted as it streams: past `maxBytes` the 413 goes out at once and the
 * stream the Remix adapter reads fails, so no action sees a partial form.
 * @param {import("express").Request} req
 * @param {number} maxBytes
 * @param {() => void} refuse
 */
function countedBody(req, maxBytes, refuse) {
  let bytes = 0;
  const body = new Transform({
    transform(chunk, _encoding, callback) {
      bytes += chunk.length;
      if (bytes <= maxBytes) return callback(null, chunk);
      req.unpipe(body);
      refuse();
      callback(Object.assign(new Error("request body over the limit"), { code: BODY_TOO_LARGE }));
    },
  });
  req.pipe(body);
  return body;
}

/**
 * The request as the Remix adapter reads it, with the body taken from `body` (the adapter reads
 * the body from the request object's stream methods; everything else stays the request's own).
 * @param {import("express").Request} req
 * @param {import("node:stream").Readable} body
 */
function withBody(req, body) {
  const view = Object.create(req);
  for (const name of ["on", "once", "off", "removeListener", "pause", "resume", "destroy"]) view[name] = body[name].bind(body);
  Object.defineProperty(view, "readable", { get: () => body.readable });
  Object.defineProperty(view, "readableHighWaterMark", { get: () => body.readableHighWaterMark });
  return view;
}

// ---- Error pages made outside Remix (ACCEPTANCE D21) --------------------------------------------
/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The short German error page for every answer made here rather than by Remix (403, 400, 413, 415,
 * 500): heading, message, the request's Fehler-ID, a link to the start page, the site's
 * stylesheets, no inline style or script (CSP), never stored.
 * @param {import("express").Response} res
 * @param {number} status
 * @param {{ heading: string, message: string }} page
 * @param {string[]} stylesheets
 */
function sendErrorPage(res, status, { heading, message }, stylesheets) {
  const id = escapeHtml(String(res.locals.correlationId ?? ""));
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("");
  res
    .status(status)
    .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
    .send(
      `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(heading)} – KAI-Portal</title>${links}</head><body><div class="container page"><main id="inhalt">` +
        `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(message)}</p>` +
        `<p>Fehler-ID: <code id="fehler-id" data-testid="correlation-id">${id}</code></p>` +
        `<p><a href="/">Zur Startseite</a></p></main></div></body></html>`,
    );
}

const ERROR_PAGES = {
  badRequest: { heading: "Fehlerhafte Anfrage", message: "Die Adresse oder die gesendeten Daten sind fehlerhaft. Bitte rufen Sie die Seite über einen Link des Portals auf." },
  forbidden: { heading: "Anfrage abgelehnt", message: "Die Anfrage kam nicht von dieser Seite (unbekannte Herkunft). Bitte laden Sie die Seite neu und senden Sie das Formular erneut." },
  tooLarge: { heading: "Anfrage zu groß", message: "Die Anfrage ist zu groß. Bitte senden Sie weniger Daten." },
  unsupportedType: { heading: "Format nicht unterstützt", message: "Die Anfrage hat ein Format, das hier nicht angenommen wird. Bitte senden Sie das Formular von der Seite des Portals aus." },
  serverError: { heading: "Ein Fehler ist aufgetreten", message: "Bitte versuchen Sie es später erneut. Wenn der Fehler bleibt, wenden Sie sich an die KAI-Gruppe." },
};

/**
 * @param {{ build: import("@remix-run/node").ServerBuild, appUrl: string, production: boolean, trustProxy: number, root?: string, bodyRules?: BodyRule[] }} options
 */
export function createApp({ build, appUrl, production, trustProxy, root = process.cwd(), bodyRules = BODY_RULES }) {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is only believed for the configured number of proxy hops (ACCEPTANCE A8).
  app.set("trust proxy", trustProxy > 0 ? trustProxy : false);
  // No compression in Node (issue 6, item 10): the reverse proxy compresses the dynamic HTML, and
  // build assets are sent precompressed (the static block below).

  const allowedOrigins = new Set([new URL(appUrl).origin]);
  const stylesheets = (build.routes.root?.module.links?.() ?? []).filter((l) => l.rel === "stylesheet" && l.href).map((l) => l.href);
  /** @param {import("express").Response} res @param {number} status @param {keyof typeof ERROR_PAGES} page */
  const errorPage = (res, status, page) => sendErrorPage(res, status, ERROR_PAGES[page], stylesheets);

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

  // ---- A path that does not decode, or holds control characters, is a 400 (issue 6 item 3) ----
  // (Express would fail to decode it later and answer 500; a NUL would reach PostgreSQL.)
  app.use((req, res, next) => {
    let decoded;
    try {
      decoded = decodeURIComponent(req.path);
    } catch {
      return errorPage(res, 400, "badRequest");
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return errorPage(res, 400, "badRequest");
    next();
  });

  // ---- CSRF (ACCEPTANCE B10): every state-changing request must come from our own origin ----
  // Remix then compares the Origin's host with X-Forwarded-Host (or else Host) and throws a bare
  // 500 when they differ; the same comparison here makes that a 403 (issue 6 item 3).
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const origin = req.get("origin");
    const own = `${req.protocol}://${req.get("host")}`;
    const ownOrigin = origin && (allowedOrigins.has(origin) || (!production && origin === own));
    const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
    if (ownOrigin && URL.parse(origin)?.host === host) return next();
    errorPage(res, 403, "forbidden");
  });

  // ---- Request bodies: size counted as it streams, form types only (issue 6 items 2 and 3) ----
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const rule = bodyRules.find((r) => r.path.test(req.path)) ?? DEFAULT_BODY_RULE;
    if (Number(req.get("content-length") ?? 0) > rule.maxBytes) return errorPage(res.set("Connection", "close"), 413, "tooLarge");
    const contentType = req.get("content-type");
    const type = contentType?.split(";")[0].trim().toLowerCase();
    const hasBody = req.get("transfer-encoding") !== undefined || Number(req.get("content-length") ?? 0) > 0;
    if (type === undefined && !hasBody) {
      // A POST without a body is an empty form (the action answers with its field errors).
      req.headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (type === "multipart/form-data" && rule.multipart) {
      if (!/;\s*boundary=/i.test(contentType ?? "")) return errorPage(res, 400, "badRequest");
    } else if (type !== "application/x-www-form-urlencoded") {
      return errorPage(res, 415, "unsupportedType");
    }
    const body = countedBody(req, rule.maxBytes, () => {
      res.locals.bodyRefused = true;
      if (!res.headersSent) errorPage(res.set("Connection", "close"), 413, "tooLarge");
    });
    // An action that answered without reading the whole body: drop the rest, keep the connection.
    res.once("finish", () => {
      if (res.locals.bodyRefused || req.readableEnded) return;
      req.unpipe(body);
      req.resume();
    });
    res.locals.body = body;
    next();
  });

  // --- Static files (issue 6, item 10; server/static.js) ---
  app.use("/build", buildAssets(path.join(root, "public/build")));
  app.use(publicFiles(path.join(root, "public")));
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

  const remix = createRequestHandler({
    build,
    mode: process.env.NODE_ENV === "development" ? "development" : "production",
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce,
      correlationId: res.locals.correlationId,
      // Only a real address reaches the throttle table (a forged X-Forwarded-For may hold anything).
      clientIp: req.ip && net.isIP(req.ip) ? req.ip : null,
    }),
  });
  // Remix reads the counted body; after a 413 its own late answer has nowhere to go.
  app.all("*", (req, res, next) =>
    remix(res.locals.body ? withBody(req, res.locals.body) : req, res, (error) => (res.locals.bodyRefused ? undefined : next(error))),
  );

  // Whatever fails outside Remix (a malformed Host, an adapter error): a German message with the
  // request's id, the detail in the log, never a stack trace (ACCEPTANCE D21).
  app.use((error, req, res, _next) => {
    const correlationId = res.locals.correlationId;
    console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", message: "request failed outside Remix", correlationId, error: String(error?.stack ?? error) }));
    if (res.headersSent) return res.end();
    errorPage(res, 500, "serverError");
  });
  return app;
}
