import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { CorrelationIdProvider } from "./components/correlation-id";
import { NonceProvider } from "./components/nonce";
import { contextOf } from "./context";
import { getEnv } from "./env.server";
import { log } from "./log.server";

export { startRuntime, stopRuntime } from "./modules/jobs/runtime.server";
export { isDroppedConnectionError } from "#db/dropped-connection";

/** Called by server.js before anything else: a bad variable stops the start with one line. */
export function loadConfig() {
  return getEnv();
}

const ABORT_DELAY = 5_000;
const MERGED_CHUNK_BYTES = 64 * 1024;

/**
 * React writes its HTML in pieces of about 2 KB, and each one would become a write on the socket
 * (about a tenth of a page's CPU time in the profile, issue 6 item 13). This stream hands them on
 * merged: what one turn of the event loop rendered goes out as one chunk (or every 64 KB), so
 * streaming still sends each part as soon as it is ready.
 */
function mergedChunks(): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= MERGED_CHUNK_BYTES) release();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
      callback();
    },
    flush(callback) {
      release();
      callback();
    },
  });
  function release() {
    scheduled = false;
    if (size === 0) return;
    stream.push(pending.length === 1 ? pending[0] : Buffer.concat(pending, size));
    pending = [];
    size = 0;
  }
  return stream;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { cspNonce: nonce, correlationId } = contextOf(loadContext);
  const bot = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Gives up on a render that takes too long; cleared once the response has been written.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <CorrelationIdProvider value={correlationId ?? ""}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </CorrelationIdProvider>
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = mergedChunks();
          body.once("finish", () => clearTimeout(timer));
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render error", { error });
        },
      },
    );
  });
}

const isBodyTooLarge = (error: unknown): boolean =>
  error instanceof Error && ((error as { code?: string }).code === "KAI_BODY_TOO_LARGE" || isBodyTooLarge(error.cause));

/** Every unexpected server error is logged once, with the request's correlation id. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (error instanceof Response) return;
  // A body over the limit was already answered with 413 by server/app.js (its stream failed on purpose).
  if (isBodyTooLarge(error)) return;
  // A 404 or 405 from the router (no such route) is a normal answer, not an error to log.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const correlationId = request.headers.get("x-correlation-id") ?? undefined;
  // Link tokens sit in some paths (/einladung/…, /passwort-zuruecksetzen/…, /kalender/…): never log them.
  const path = new URL(request.url).pathname.replace(/[a-z2-7]{32}/g, "…");
  log.error("unhandled error", { error, url: path, correlationId });
};
