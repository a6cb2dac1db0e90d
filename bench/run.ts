// `npm run bench` (issue 2, item 18): builds the production server, runs it on a fresh
// database (PostgreSQL with BENCH_DATABASE_URL or DATABASE_URL, else PGlite), measures the routes
// in bench/routes.ts with autocannon at 1 and 16 connections, prints a Markdown table and the
// gzip size of the first page's JavaScript, CSS and fonts, fails when the first page is over its
// budget (issue 5, item 18), and cleans up after itself. See bench/README.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, signInByHttp, startServer, type RunningServer } from "../tests/e2e/server";
import { measureFirstPageJs } from "./bundle";
import { createBenchDatabase, prepareDatabase, type BenchDatabase } from "./database";
import { BenchError } from "./errors";
import { measure, type Measurement } from "./measure";
import { bundleReport, pageGoalMisses, resultsTable } from "./report";
import { budgetViolations, measureFirstPageWeight, weightReport } from "./weight";
import { CONNECTIONS, DEMO_PASSWORD, GROUP_ROUTES, ROUTES, SESSION_ACCOUNT, TICKET_ROUTES, TRAINING_ROUTES, type BenchRoute } from "./routes";
import { BENCH_ADVISER, explainTicketStatements, generateTicketData, timeRouting, type TicketData } from "./tickets";
import { BENCH_CHAIR, generateGroupData, type GroupData } from "./groups";
import { generateTrainingData, registrationRush, rushReport, type TrainingData } from "./training";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WARMUP_SECONDS = 1;
/** A measurement may fail at most this share of its requests. */
const MAX_ERROR_SHARE = 0.01;

const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`Clean-up failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

const HELP = `npm run bench -- [options]

  --no-build      reuse the last build (npm run build)
  --weight-only   only the first page's weight and its budget
  --no-tickets    skip the ticket data set (100,000 tickets; PostgreSQL only) and its rows
  --tickets-only  only the baselines and the ticket rows (with the data set)
  --no-training   skip the training data set (2,000 seminars; PostgreSQL only) and its rows
  --training-only only the baselines, the training rows and the registration rush
  --no-groups     skip the working-group data set (issue 9; PostgreSQL only) and its rows
  --groups-only   only the baselines and the working-group rows
  --explain       print the EXPLAIN plans of the ticket statements (always written to
                  bench/results/explain.md)
  --help          this text

  BENCH_DURATION=<s>   seconds per measurement (default 5)
  BENCH_DATABASE_URL   a PostgreSQL server; the bench creates and drops its own database there`;

async function main() {
  if (process.argv.includes("--help")) {
    console.log(HELP);
    return;
  }
  const build = !process.argv.includes("--no-build");
  const ticketsOnly = process.argv.includes("--tickets-only");
  const trainingOnly = process.argv.includes("--training-only");
  const groupsOnly = process.argv.includes("--groups-only");
  const weightOnly = process.argv.includes("--weight-only");
  const duration = Number(process.env.BENCH_DURATION || 5);
  if (!Number.isFinite(duration) || duration <= 0 || duration > 600) {
    throw new BenchError(`BENCH_DURATION must be a number of seconds between 0 and 600, got "${process.env.BENCH_DURATION}"`);
  }
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || undefined;

  // Bounded whatever happens: a hung server or database must not keep the run alive.
  const budgetMs = 1000 * (300 + 180 + (ROUTES.length + TICKET_ROUTES.length + TRAINING_ROUTES.length + GROUP_ROUTES.length) * (WARMUP_SECONDS + 2 + CONNECTIONS.length * (duration + 35)));
  setTimeout(() => {
    console.error(`The benchmark took longer than ${Math.round(budgetMs / 1000)} s; stopping.`);
    void cleanUp().finally(() => process.exit(1));
  }, budgetMs).unref();

  if (build) {
    console.log("Building the production server (npm run build)…");
    const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8", timeout: 300_000 });
    if (result.status !== 0) {
      throw new BenchError(`npm run build failed:\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`);
    }
  }

  const database: BenchDatabase = await createBenchDatabase(serverUrl);
  cleanups.push(() => database.drop());
  console.log(`Preparing ${database.label}…`);
  prepareDatabase(database);

  // The ticket data set (issue 7, item 18), before the server starts: PostgreSQL only.
  let tickets: TicketData | undefined;
  const ticketNotes: string[] = [];
  if (process.argv.includes("--no-tickets") || weightOnly || trainingOnly || groupsOnly) ticketNotes.push("Ticket rows skipped (--no-tickets).");
  else if (!database.env.DATABASE_URL) ticketNotes.push("Ticket rows skipped: the ticket data set needs PostgreSQL (BENCH_DATABASE_URL).");
  else {
    console.log("Generating the ticket data set (100,000 tickets, 20 advisers, replies, status history)…");
    tickets = await generateTicketData(database.env.DATABASE_URL);
    ticketNotes.push(
      `Ticket data set: ${tickets.tickets.toLocaleString("en")} tickets (${tickets.open.toLocaleString("en")} open), ${tickets.replies.toLocaleString("en")} replies, ` +
        `${tickets.statusChanges.toLocaleString("en")} status changes, generated in ${tickets.seconds.toFixed(1)} s.`,
    );
    const plans = await explainTicketStatements(database.env.DATABASE_URL);
    const seqScans = plans.filter((p) => p.seqScanOnTickets);
    const explainText = plans.map((p, i) => `### Statement ${i + 1}\n\n\`\`\`sql\n${p.statement}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\``).join("\n\n");
    fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
    fs.writeFileSync(path.join(root, "bench/results/explain.md"), `# EXPLAIN ANALYZE of the ticket statements (dashboard, queues, search, ticket page, routing)\n\n${explainText}\n`);
    if (process.argv.includes("--explain")) console.log(`\n${explainText}\n`);
    ticketNotes.push(
      `Ticket statements: ${plans.length} EXPLAINed (dashboard for admin and one centre, queues, search, counts, ticket page, routing); ${seqScans.length ? `SEQUENTIAL SCAN on tickets in ${seqScans.length}` : "none scans tickets sequentially"} (plans: bench/results/explain.md).`,
    );
    const routing = await timeRouting(database.env.DATABASE_URL, tickets.procedureId);
    ticketNotes.push(
      `Routing one ticket: loadRoutingContext ${routing.loadMs.toFixed(2)} ms (median of 20), routeTicket ${routing.decisionUs.toFixed(1)} µs (median of ${routing.runs}).`,
    );
    for (const note of ticketNotes) console.log(note);
    if (seqScans.length) throw new BenchError(`A dashboard statement scans tickets sequentially:\n${seqScans.map((p) => p.plan).join("\n\n")}`);
  }

  // The training data set (issue 8, item 12), also before the server starts: PostgreSQL only.
  let training: TrainingData | undefined;
  if (process.argv.includes("--no-training") || weightOnly || ticketsOnly || groupsOnly) ticketNotes.push("Training rows skipped (--no-training).");
  else if (!database.env.DATABASE_URL) ticketNotes.push("Training rows skipped: the training data set needs PostgreSQL (BENCH_DATABASE_URL).");
  else {
    console.log("Generating the training data set (2,000 seminars with dates and calendar events, 200 registrants)…");
    training = await generateTrainingData(database.env.DATABASE_URL);
    const note = `Training data set: ${training.seminars.toLocaleString("en")} seminars (${training.nordEvents.toLocaleString("en")} dates in Nord's feed), generated in ${training.seconds.toFixed(1)} s.`;
    ticketNotes.push(note);
    console.log(note);
  }

  // The working-group data set (issue 9, item 10), likewise before the server starts: PostgreSQL only.
  let groups: GroupData | undefined;
  if (process.argv.includes("--no-groups") || weightOnly || ticketsOnly || trainingOnly) ticketNotes.push("Working-group rows skipped (--no-groups).");
  else if (!database.env.DATABASE_URL) ticketNotes.push("Working-group rows skipped: the data set needs PostgreSQL (BENCH_DATABASE_URL).");
  else {
    console.log("Generating the working-group data set (40 members, 40 past meetings, 200 action items, a meeting with 50 agenda items)…");
    groups = await generateGroupData(database.env.DATABASE_URL);
    const note = `Working-group data set: FINAS with ${groups.pastMeetings} past meetings, ${groups.actionItems} action items, a meeting with ${groups.agendaItems} agenda items; generated in ${groups.seconds.toFixed(1)} s.`;
    ticketNotes.push(note);
    console.log(note);
  }

  const port = await freePort();
  // All load goes to the IPv4 loopback ("localhost" may resolve to ::1 first on one machine and
  // not on another). APP_URL names the same origin, because both the server's CSRF check and
  // Remix's (Host must match Origin) compare with it.
  const origin = `http://127.0.0.1:${port}`;
  let server: RunningServer;
  try {
    server = await startServer({
      ...database.env,
      KAI_DEMO: "1",
      PORT: String(port),
      APP_URL: origin,
      SMTP_URL: "",
      LOG_LEVEL: "warn",
    });
  } catch (error) {
    throw new BenchError(`The server failed to start: ${(error as Error).message}`);
  }
  cleanups.push(async () => {
    const code = await server.stop("SIGTERM");
    // The graceful shutdown exits 0; anything else is worth knowing about.
    if (code !== 0) console.error(`The server exited with ${code} on SIGTERM.`);
  });
  console.log(`Server running at ${origin}; ${duration} s per measurement, ${WARMUP_SECONDS} s warm-up per route.\n`);

  // Whatever fails from here on, the server's own log usually says why.
  cleanups.push(async () => {
    if (process.exitCode && server.output().trim()) console.error(`\nServer output (last lines):\n${tail(server.output(), 15)}`);
  });
  const sessionCookie = await signIn(origin);
  const adviserCookie = tickets ? await signInByHttp(origin, BENCH_ADVISER, DEMO_PASSWORD) : undefined;
  const chairCookie = groups ? await signInByHttp(origin, BENCH_CHAIR, DEMO_PASSWORD) : undefined;
  // Before the load, while public/build still matches the build the server loaded (a rebuild
  // during the run replaces the hashed files and the old URLs answer 404).
  const bundle = await measureFirstPageJs(origin);
  const weight = await measureFirstPageWeight(origin);
  const rows: Measurement[] = [];
  const routes: BenchRoute[] = weightOnly
    ? []
    : [...(ticketsOnly || trainingOnly || groupsOnly ? ROUTES.filter((r) => r.baseline) : ROUTES), ...(tickets ? TICKET_ROUTES : []), ...(training ? TRAINING_ROUTES : []), ...(groups ? GROUP_ROUTES : [])];
  // The revalidation row sends the feed's current ETag.
  const feedEtag = training ? ((await fetch(new URL("/schulungen/feed/nord.ics", origin)).then(async (r) => (await r.arrayBuffer(), r.headers.get("etag")))) ?? "") : "";
  for (const template of routes) {
    const route = {
      ...template,
      path: template.path.replace("{procedureId}", String(tickets?.procedureId ?? "")).replace("{month}", training?.month ?? "").replace("{meetingId}", String(groups?.meetingId ?? "")),
      headers: template.headers && Object.fromEntries(Object.entries(template.headers).map(([k, v]) => [k, v.replace("{etag}", feedEtag)])),
    };
    const cookie = route.account === "adviser" ? adviserCookie : route.account === "chair" ? chairCookie : sessionCookie;
    if (route.optional) {
      const probe = await fetch(new URL(route.path, origin), { redirect: "manual", headers: cookie ? { cookie } : {} });
      await probe.arrayBuffer();
      if (probe.status === 404) {
        ticketNotes.push(`Not measured (the route does not exist yet): ${route.name}.`);
        continue;
      }
    }
    const opts = { baseUrl: origin, origin, sessionCookie: cookie, serverPid: server.process.pid };
    await measure(route, { ...opts, connections: Math.max(...CONNECTIONS), durationSeconds: WARMUP_SECONDS });
    for (const connections of CONNECTIONS) {
      await settle();
      const row = await measure(route, { ...opts, connections, durationSeconds: duration });
      console.log(`  ${route.method} ${route.path} × ${connections}: ${row.requestsPerSecond.toFixed(0)} req/s`);
      rows.push(row);
    }
  }

  // The seminar page (and its register form) may not exist yet on a branch: then the rush is reported as not measured.
  const seminarPage = training ? await fetch(new URL(`/schulungen/${training.registrationSeminarId}`, origin), { redirect: "manual" }).then(async (r) => (await r.arrayBuffer(), r.status)) : 0;
  if (training && !weightOnly && seminarPage === 404) ticketNotes.push("Not measured (the seminar page /schulungen/<id> does not exist yet): 200 simultaneous registrations for 20 seats.");
  else if (training && !weightOnly) {
    console.log("200 simultaneous registrations for 20 seats…");
    await settle();
    const rush = await registrationRush(database.env.DATABASE_URL!, origin, training);
    const text = rushReport(rush);
    console.log(text);
    ticketNotes.push(...text.split("\n"));
    if (rush.confirmed !== 20 || rush.waitlisted !== 180) throw new BenchError(`The registration rush gave ${rush.confirmed} confirmed and ${rush.waitlisted} waiting, not 20 and 180.`);
  }

  const misses = pageGoalMisses(rows, Math.max(...CONNECTIONS));
  const goal = misses.length
    ? `Page rows missing the goal at ${Math.max(...CONNECTIONS)} connections:\n\n${misses.map((m) => `- ${m}`).join("\n")}`
    : `Every page row meets the goal at ${Math.max(...CONNECTIONS)} connections (≥ 0.5× the bare page's requests/s, p95 ≤ 3× its p95).`;
  const table = weightOnly ? "(routes not measured: --weight-only)" : `${resultsTable(rows)}\n\n${goal}`;
  const report = [
    `# Benchmark ${new Date().toISOString()}`,
    "",
    `${database.label.replace(/ \(.*/, "")}, Node ${process.version}, ${duration} s per measurement after a ${WARMUP_SECONDS} s warm-up per route. ` +
      `Latency percentiles over every response. Ratios: requests/s ÷ the bare route's and ÷ the bare page's at the same connection count. Every request sends a browser's headers (Accept-Encoding: gzip, deflate, br).`,
    "",
    table,
    "",
    ...ticketNotes.flatMap((n) => [n, ""]),
    bundleReport(bundle),
    "",
    weightReport(weight),
    "",
  ].join("\n");
  console.log(`\n${table}\n\n${ticketNotes.join("\n")}\n\n${bundleReport(bundle)}\n\n${weightReport(weight)}\n`);
  fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench/results/latest.md"), report);
  console.log("Written to bench/results/latest.md");

  const failing = rows.filter((r) => r.failed > MAX_ERROR_SHARE * (r.ok + r.failed) || r.ok === 0);
  if (failing.length) {
    const why = failing.map(
      (r) => `${r.route.method} ${r.route.path} × ${r.connections}: ${r.failed} of ${r.ok + r.failed} failed (${describe(r.unexpected)})`,
    );
    throw new BenchError(`More than ${MAX_ERROR_SHARE * 100} % errors:\n  ${why.join("\n  ")}`);
  }
  const overBudget = budgetViolations(weight, bundle);
  if (overBudget.length) throw new BenchError(`The first page is too heavy:\n  ${overBudget.join("\n  ")}`);
}

/**
 * Signs in once as SESSION_ACCOUNT (an admin: password, then the code of the account's known
 * second factor) and checks the cookie really opens a signed-in page.
 */
async function signIn(origin: string): Promise<string> {
  let cookie: string;
  try {
    cookie = await signInByHttp(origin, SESSION_ACCOUNT, DEMO_PASSWORD);
  } catch (error) {
    throw new BenchError(`Sign-in as ${SESSION_ACCOUNT} failed: ${(error as Error).message}`);
  }
  const check = await fetch(new URL("/start", origin), { redirect: "manual", headers: { cookie } });
  if (check.status !== 200) throw new BenchError(`The session cookie does not open /start (status ${check.status})`);
  return cookie;
}

/** Lets requests still in flight from the previous run (slow logins) finish first. */
function settle() {
  return new Promise((resolve) => setTimeout(resolve, 500));
}

function tail(text: string, lines: number) {
  return text
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .join("\n");
}

function describe(unexpected: Record<string, number>) {
  return Object.entries(unexpected)
    .map(([what, n]) => `${what}: ${n}`)
    .join(", ");
}

// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and an
// unhandled second signal would kill it before the clean-up has finished.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`${signal}: stopping the server and removing the bench database…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(`\nBenchmark failed: ${error instanceof BenchError ? error.message : ((error as Error).stack ?? error)}`);
}
await cleanUp();
process.exit();
