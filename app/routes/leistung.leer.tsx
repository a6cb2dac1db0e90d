import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/components/areas";

// The bare page of the benchmark (issue 6, item 9): one heading inside the root layout, no loader
// of its own, so it costs what the framework and the root layout cost and nothing more. Every page
// row of `npm run bench` is compared with it. It is public on purpose: it shows nothing but its
// heading, is linked from nowhere, and asks search engines not to index it (bench/README.md).
export const meta: MetaFunction = () => [{ title: pageTitle("Leere Seite") }, { name: "robots", content: "noindex" }];

export default function BarePage() {
  return <h1>Leere Seite</h1>;
}
