import { DEMO_PASSWORD } from "../tests/factories";

// The routes `npm run bench` measures. Later issues add their rows here: one object per route.
// The first entry is the baseline; every other row is reported as a ratio to it.

export { DEMO_PASSWORD };
/** The account whose session cookie the `needsSession` routes send. */
export const SESSION_ACCOUNT = "admin@kai.example";

export interface BenchRoute {
  /** Shown in the table. */
  name: string;
  method: "GET" | "POST";
  path: string;
  /** Form fields (sent form-encoded) or a raw body (then set Content-Type in `headers`). */
  body?: Record<string, string> | string;
  headers?: Record<string, string>;
  /** Sends the signed-in session cookie of SESSION_ACCOUNT. */
  needsSession?: boolean;
  /**
   * The status every response must have. Without it any 2xx or 3xx counts as success. Set it
   * where a redirect would mean the measurement is wrong (a signed-in page that bounces to the
   * login), or where the success itself is a redirect (the login POST answers 302).
   */
  expectStatus?: number;
}

export const ROUTES: BenchRoute[] = [
  { name: "Bare route /healthz", method: "GET", path: "/healthz", expectStatus: 200 },
  { name: "Members page /mitglieder", method: "GET", path: "/mitglieder", expectStatus: 200 },
  { name: "Start page /start, signed in", method: "GET", path: "/start", needsSession: true, expectStatus: 200 },
  {
    // A different account from SESSION_ACCOUNT, so the thousands of sessions this creates do not
    // pile up on the account whose start page is measured. Only failures count towards the
    // per-account throttle, so successful logins are never throttled. argon2id makes this slow on
    // purpose.
    name: "Login POST /anmelden",
    method: "POST",
    path: "/anmelden",
    body: { email: "redaktion@kai.example", password: DEMO_PASSWORD },
    expectStatus: 302,
  },
];

/** Each route is measured at each of these connection counts. */
export const CONNECTIONS = [1, 16];
