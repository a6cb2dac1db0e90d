import { useEffect, useState } from "react";

/**
 * `initial` (what the loader sent) kept current without a reload: while the page is visible, `url`
 * answers again every `intervalMs`, and at once when the tab becomes visible again. A failed or
 * refused request keeps the last value; a new `initial` (after a navigation or a form) replaces it.
 * `url` null: no polling. The endpoint must not extend the session (read with `touch: false`).
 */
export function usePolledJson<T>(url: string | null, initial: T, intervalMs = 15_000): T {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    let asking = false;
    const ask = () => {
      if (asking || document.visibilityState !== "visible") return;
      asking = true;
      fetch(url, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<T>) : null))
        .then((next) => {
          if (!cancelled && next !== null) setValue(next);
        })
        .catch(() => {})
        .finally(() => {
          asking = false;
        });
    };
    const timer = setInterval(ask, intervalMs);
    document.addEventListener("visibilitychange", ask);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", ask);
    };
  }, [url, intervalMs]);
  return value;
}
