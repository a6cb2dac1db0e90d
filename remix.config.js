/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Keep node_modules external: bundling breaks PGlite's WASM assets and the argon2 binary.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off on purpose: the portal's ~45 routes ship in the first page's manifest, instead of a
    // background fetch per rendered link that logs errors when the person navigates away
    // (docs/decisions/011-route-manifest-up-front.md).
    v3_lazyRouteDiscovery: false,
  },
};
