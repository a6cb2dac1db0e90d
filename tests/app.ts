import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, expect } from "vitest";
import * as entry from "~/entry.server";
import remixConfig from "../remix.config.js";
import { createApp } from "../server/app.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const appDirectory = path.join(root, "app");

type RouteModule = ServerBuild["routes"][string]["module"];

/**
 * The Remix build of the app's own route modules, made in the test process, so that requests go
 * through the real Express app (server/app.js), the Remix adapter and entry.server against the
 * test file's database. `extraRoutes` adds routes that exist only for a test.
 */
export async function createTestBuild(extraRoutes: Record<string, { path: string; module: RouteModule }> = {}): Promise<ServerBuild> {
  const manifest = { root: { id: "root", path: "", file: "root.tsx" }, ...flatRoutes(appDirectory, remixConfig.ignoredRouteFiles) };
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  const add = (id: string, route: { parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }, module: RouteModule) => {
    routes[id] = { id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive, module };
    assetRoutes[id] = {
      id,
      parentId: route.parentId,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module: `/build/${id}.js`,
      hasAction: "action" in module,
      hasLoader: "loader" in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in module,
    };
  };
  for (const route of Object.values(manifest)) add(route.id, route, (await import(/* @vite-ignore */ path.join(appDirectory, route.file))) as RouteModule);
  for (const [id, extra] of Object.entries(extraRoutes)) add(id, { parentId: "root", path: extra.path }, extra.module);
  return {
    mode: "production",
    entry: { module: entry as unknown as ServerBuild["entry"]["module"] },
    routes,
    assets: { entry: { imports: [], module: "/build/entry.client.js" }, routes: assetRoutes, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: path.join(root, "public/build"),
    future: remixConfig.future as ServerBuild["future"],
    isSpaMode: false,
  };
}

export interface TestServer {
  /** The app's origin (APP_URL), e.g. http://localhost:41234. */
  url: string;
  /** A request through the whole stack, as a browser on APP_URL sends it (non-GET with Origin = APP_URL). */
  request: (path: string, init?: Omit<RequestInit, "headers"> & { headers?: Record<string, string> }) => Promise<Response>;
}

/**
 * Serves the real Express app (server/app.js) on a free port for the calling test file, with
 * APP_URL = its own address. Use together with useTestDatabase().
 */
export function useTestServer(
  options: { extraRoutes?: Parameters<typeof createTestBuild>[0]; bodyRules?: Parameters<typeof createApp>[0]["bodyRules"]; root?: string } = {},
): TestServer {
  const server = http.createServer();
  const state = { url: "" };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    state.url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const build = await createTestBuild(options.extraRoutes);
    server.on("request", createApp({ build, appUrl: state.url, production: false, trustProxy: 0, root: options.root ?? root, bodyRules: options.bodyRules }));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    get url() {
      return state.url;
    },
    request: (target, init = {}) => {
      const method = init.method ?? "GET";
      const headers: Record<string, string> = { ...(method !== "GET" && method !== "HEAD" ? { Origin: state.url } : {}), ...init.headers };
      return fetch(`${state.url}${target}`, { redirect: "manual", ...init, headers });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** How many body bytes the client had written when the answer arrived. */
  bytesSent: number;
}

/**
 * A request with node:http, for what fetch cannot send: a chunked body without Content-Length
 * (written chunk by chunk until the server answers or `total` bytes are out), or a Host header
 * of our choosing.
 */
export function rawRequest(
  url: string,
  target: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; chunked?: { first: string; filler: string; total: number } } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = http.request({ hostname, port, path: target, method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, bytesSent: sentWhenAnswered }));
    });
    // The server may close the connection while the client is still writing the refused body.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    if (!opts.chunked) return req.end(opts.body);
    const { first, filler, total } = opts.chunked;
    const write = (chunk: string) => {
      bytesSent += Buffer.byteLength(chunk);
      return req.write(chunk);
    };
    write(first);
    const pump = () => {
      while (!answered && !req.destroyed && bytesSent < total) if (!write(filler)) return void req.once("drain", pump);
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

/**
 * Asserts the short German page server/app.js answers with (400, 403, 413, 415, 500): its
 * heading in the title, the request's Fehler-ID, a link to the start page, never stored, and no
 * inline style or script (the CSP allows none without a nonce). Returns the HTML.
 */
export async function expectGermanErrorPage(res: Response | RawResponse, status: number, heading: string): Promise<string> {
  const header = (name: string) => (res instanceof Response ? res.headers.get(name) : ((res.headers[name] as string | undefined) ?? null));
  const html = res instanceof Response ? await res.text() : res.body;
  expect(res.status).toBe(status);
  expect(header("content-type")).toBe("text/html; charset=utf-8");
  expect(header("cache-control")).toBe("no-store");
  expect(html).toContain('<html lang="de">');
  expect(html).toContain(`<title>${heading} – KAI-Portal</title>`);
  expect(html).toContain(`<code id="fehler-id" data-testid="correlation-id">${header("x-correlation-id")}</code>`);
  expect(html).toContain('<a href="/">Zur Startseite</a>');
  expect(html).not.toMatch(/<script|<style|style=|at .*\.js:\d+/);
  return html;
}
