import "@remix-run/node";

declare module "@remix-run/node" {
  // Single fetch: loader/action types are inferred the way Remix actually serialises them.
  interface Future {
    v3_singleFetch: true;
  }
}
