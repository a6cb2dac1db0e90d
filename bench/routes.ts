import { DEMO_PASSWORD } from "../tests/factories";

// The routes `npm run bench` measures. Later issues add their rows here: one object per route.
// The rows marked `baseline` are the two floors; every row is reported as a ratio to both.

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
  /** Sends the signed-in session cookie of SESSION_ACCOUNT (or of `account`). */
  needsSession?: boolean;
  /** Whose session: SESSION_ACCOUNT (default), the bench's generated adviser (bench/tickets.ts) or the demo chair of FINAS (bench/groups.ts). */
  account?: "admin" | "adviser" | "chair";
  /** Measured only when the route exists (a first request is not 404): rows for pages still being built. */
  optional?: boolean;
  /** Which baseline this row is: the bare route (Express and Remix, no page) or the bare page (one heading in the root layout). */
  baseline?: "route" | "page";
  /** A page a person opens: held to the goal (issue 6, item 13) against the bare page. */
  page?: boolean;
  /**
   * The status every response must have. Without it any 2xx or 3xx counts as success. Set it
   * where a redirect would mean the measurement is wrong (a signed-in page that bounces to the
   * login), or where the success itself is a redirect (the login POST answers 302).
   */
  expectStatus?: number;
}

export const ROUTES: BenchRoute[] = [
  { name: "Bare route /healthz", method: "GET", path: "/healthz", expectStatus: 200, baseline: "route" },
  { name: "Bare page /leistung/leer", method: "GET", path: "/leistung/leer", expectStatus: 200, baseline: "page" },
  { name: "Members page /mitglieder", method: "GET", path: "/mitglieder", expectStatus: 200, page: true },
  { name: "Start page /start, signed in", method: "GET", path: "/start", needsSession: true, expectStatus: 200, page: true },
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

/**
 * Rows on the generated ticket data set (issue 7, item 18; bench/tickets.ts, PostgreSQL only).
 * `{procedureId}` in a path is the EWOS procedure's id. Add a row here for each new ticket page.
 */
export const TICKET_ROUTES: BenchRoute[] = [
  { name: "Support overview /betreuung/auswertung (admin, 100k tickets)", method: "GET", path: "/betreuung/auswertung", needsSession: true, expectStatus: 200, page: true },
  {
    name: "Adviser queue /betreuung/tickets?ansicht=meine",
    method: "GET",
    path: "/betreuung/tickets?ansicht=meine",
    needsSession: true,
    account: "adviser",
    expectStatus: 200,
    page: true,
    optional: true,
  },
  {
    name: "Centre queue by procedure /betreuung/tickets?ansicht=zentrum&verfahren=…",
    method: "GET",
    path: "/betreuung/tickets?ansicht=zentrum&verfahren={procedureId}",
    needsSession: true,
    account: "adviser",
    expectStatus: 200,
    page: true,
    optional: true,
  },
  { name: "Full-text search /betreuung/tickets?q=Drucker", method: "GET", path: "/betreuung/tickets?q=Drucker", needsSession: true, account: "adviser", expectStatus: 200, page: true, optional: true },
];

/**
 * What Chromium sends with a page request (issue 6, item 9): the bench measures what a browser
 * meets, compression negotiation included. Signed-in rows add the session cookie.
 */
export const BROWSER_HEADERS: Record<string, string> = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br",
  "accept-language": "de-DE,de;q=0.9,en;q=0.8",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

/** Each route is measured at each of these connection counts. */
export const CONNECTIONS = [1, 16];

// ---- Training (issue 8, item 12): rows on the training data set (bench/training.ts, PostgreSQL only) ----
// `{month}` is next month ("yyyy-MM"). The registration rush (200 people at once for 20 seats) is
// not an autocannon row: bench/training.ts `registrationRush` sends it and the report lists it.
export const TRAINING_ROUTES: BenchRoute[] = [
  { name: "Seminar calendar /schulungen (2,000 seminars, list, signed out)", method: "GET", path: "/schulungen", expectStatus: 200, page: true },
  { name: "Seminar calendar, month view /schulungen?ansicht=monat", method: "GET", path: "/schulungen?ansicht=monat&monat={month}", expectStatus: 200, page: true },
  { name: "Seminar calendar filtered /schulungen?zentrum=nord&art=schulung", method: "GET", path: "/schulungen?zentrum=nord&art=schulung", expectStatus: 200, page: true },
  { name: "ICS feed /schulungen/feed/nord.ics (1,000 events)", method: "GET", path: "/schulungen/feed/nord.ics", expectStatus: 200 },
  {
    name: "ICS feed nord.ics, revalidated (If-None-Match → 304)",
    method: "GET",
    path: "/schulungen/feed/nord.ics",
    headers: { "if-none-match": "{etag}" },
    expectStatus: 304,
  },
];
// ---- end Training ----

/** Rows on the working-group data set (issue 9, item 10; bench/groups.ts, PostgreSQL only), as the group's chair. */
export const GROUP_ROUTES: BenchRoute[] = [
  { name: "Group page /facharbeitskreise/finas (40 past meetings, 200 action items)", method: "GET", path: "/facharbeitskreise/finas", needsSession: true, account: "chair", expectStatus: 200, page: true, optional: true },
  {
    name: "Meeting page /facharbeitskreise/finas/sitzungen/… (50 agenda items)",
    method: "GET",
    path: "/facharbeitskreise/finas/sitzungen/{meetingId}",
    needsSession: true,
    account: "chair",
    expectStatus: 200,
    page: true,
    optional: true,
  },
];
