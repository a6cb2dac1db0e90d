// A bare route without database or session: the framework's own limit in the benchmark.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
