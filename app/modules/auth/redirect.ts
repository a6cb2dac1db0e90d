/**
 * Only same-origin paths: "/x" but never "//x", "/\x", "https:x", "%2F%2Fx", "javascript:" or
 * control characters (ACCEPTANCE B12).
 */
export function safeRedirectPath(target: unknown, fallback = "/start"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return fallback;
  let decoded = target;
  // Decode repeatedly so %2F%2F and %252F%252F are seen for what they are.
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return fallback;
    }
  }
  for (const candidate of [target, decoded]) {
    if (!candidate.startsWith("/")) return fallback;
    if (candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback;
  }
  // Final guard: resolving against a dummy origin must stay on it.
  const resolved = new URL(target, "http://kai.invalid");
  if (resolved.origin !== "http://kai.invalid") return fallback;
  return resolved.pathname + resolved.search + resolved.hash;
}
