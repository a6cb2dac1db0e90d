import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import type { ServerBuild } from "@remix-run/node";
import remixConfig from "../remix.config.js";
import { createApp } from "../server/app.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The Remix server build, assembled from the route modules in app/ as `remix build` would (the
 * same flat-routes convention and ignore patterns), so that a test can send real HTTP requests
 * through server/app.js without building first. Only the browser assets are stand-ins: pages
 * render with their real loaders, layout and entry.server, and /build URLs in them lead nowhere.
 */
export async function loadAppBuild(): Promise<ServerBuild> {
  const appDir = path.join(root, "app");
  const manifest = {
    root: { id: "root", file: "root.tsx", path: "", parentId: undefined, index: undefined, caseSensitive: undefined },
    ...flatRoutes(appDir, remixConfig.ignoredRouteFiles),
  };
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const route of Object.values(manifest)) {
    const module = await import(path.join(appDir, route.file));
    const shape = { id: route.id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive };
    routes[route.id] = { ...shape, module };
    assetRoutes[route.id] = {
      ...shape,
      module: `/build/${route.id}.js`,
      imports: [],
      hasAction: "action" in module,
      hasLoader: "loader" in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in module,
    };
  }
  return {
    mode: "production",
    entry: { module: await import("~/entry.server") },
    routes,
    assets: { entry: { module: "/build/entry.client.js", imports: [] }, routes: assetRoutes, url: "/build/manifest.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: path.join(root, "public/build"),
    future: remixConfig.future,
    isSpaMode: false,
  } as unknown as ServerBuild;
}

export interface TestApp {
  url: string;
  close(): Promise<void>;
}

/** server/app.js around `build`, listening on a free port of 127.0.0.1. */
export async function startTestApp(opts: { build: ServerBuild; root?: string }): Promise<TestApp> {
  const app = createApp({ build: opts.build, appUrl: "http://localhost:3000", production: false, trustProxy: 0, root: opts.root ?? root });
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
