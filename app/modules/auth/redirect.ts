const BASE = "http://kai.invalid";

/** Decodes repeatedly, so %2F%2F and %252F%252F are seen for what they are; null if malformed. */
function decodeFully(text: string): string | null {
  let decoded = text;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return null;
    }
  }
  return decoded;
}

/** A path on our own origin, as written and once decoded: "/x", never "//x", "/\x" or control characters. */
function isOwnPath(path: string): boolean {
  const decoded = decodeFully(path);
  if (decoded === null) return false;
  return [path, decoded].every(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    (candidate) => candidate.startsWith("/") && !candidate.startsWith("//") && !/[\u0000-\u001f\u007f\\]/.test(candidate),
  );
}

/**
 * Only same-origin paths: "/x" but never "//x", "/\x", "https:x", "%2F%2Fx", "javascript:" or
 * control characters (ACCEPTANCE B12). Both the input and the normalised result are checked:
 * resolving dot segments can itself make "//host" ("/.//x", "/a/..//x", "/%2e//x").
 */
export function safeRedirectPath(target: unknown, fallback = "/start"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return fallback;
  if (!isOwnPath(target)) return fallback;
  const resolved = new URL(target, BASE);
  const result = resolved.pathname + resolved.search + resolved.hash;
  if (resolved.origin !== BASE || !isOwnPath(result) || new URL(result, BASE).origin !== BASE) return fallback;
  return result;
}
