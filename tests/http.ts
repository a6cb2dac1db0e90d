import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createSession } from "~/modules/auth/sessions.server";
import { SESSION_COOKIE } from "~/modules/auth/cookie.server";
import type { KaiLoadContext } from "~/context";

export const ORIGIN = "http://localhost:3000";

/** A real Request as the browser would send it (same-origin by default). */
export function makeRequest(
  path: string,
  opts: { method?: string; form?: Record<string, string | string[]>; cookie?: string | null; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(opts.headers);
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  let body: URLSearchParams | undefined;
  if (opts.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const method = opts.method ?? (opts.form ? "POST" : "GET");
  if (method !== "GET" && !headers.has("Origin")) headers.set("Origin", ORIGIN);
  return new Request(new URL(path, ORIGIN), { method, headers, body });
}

/** Signs a person in the way login does (a fresh session) and returns the Cookie header. */
export async function sessionCookieFor(userId: string) {
  const { token } = await createSession(userId, { userAgent: "vitest" });
  return `${SESSION_COOKIE}=${token}`;
}

export interface Outcome<T = unknown> {
  status: number;
  data: T;
  headers: Headers;
  /** The redirect target, when the route redirected. */
  location: string | null;
}

/**
 * Calls a loader or action and normalises what Remix would turn into a response: plain data,
 * `data(…, init)`, a returned or thrown Response (redirects, 404s).
 */
export async function call<T = any>(
  fn: (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: KaiLoadContext = { clientIp: "127.0.0.1", correlationId: "test" },
): Promise<Outcome<T>> {
  let result: unknown;
  try {
    result = await fn({ request, params, context } as never);
  } catch (thrown) {
    if (thrown instanceof Response) result = thrown;
    else throw thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const data = type.includes("json") ? await result.json() : await result.text();
    return { status: result.status, data: data as T, headers: result.headers, location: result.headers.get("Location") };
  }
  const maybe = result as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (maybe && maybe.type === "DataWithResponseInit") {
    const headers = new Headers(maybe.init?.headers);
    return { status: maybe.init?.status ?? 200, data: maybe.data as T, headers, location: headers.get("Location") };
  }
  return { status: 200, data: result as T, headers: new Headers(), location: null };
}
