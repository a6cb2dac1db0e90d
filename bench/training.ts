// The training data set of `npm run bench` (issue 8, item 12): 2,000 published seminars over the
// next two years, half of them in centre Nord (so /schulungen/feed/nord.ics holds 1,000 events),
// each with one date and its calendar-engine event; plus one seminar with 20 seats and 200 people
// with a session each, for "200 simultaneous registrations for 20 seats". Written with a few
// INSERT … SELECT over generate_series, before the server starts. PostgreSQL only.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { SESSION_COOKIE } from "~/modules/auth/cookie.server";
import { generateToken, hashToken } from "~/modules/auth/tokens.server";
import { BenchError } from "./errors";
import { percentile } from "./measure";

export const SEMINAR_COUNT = 2_000;
export const REGISTRANTS = 200;
export const REGISTRATION_SEATS = 20;

export interface TrainingData {
  seconds: number;
  seminars: number;
  nordEvents: number;
  /** The seminar with 20 seats the registration row fills. */
  registrationSeminarId: number;
  /** One session cookie per registrant (Cookie header value). */
  cookies: string[];
  /** A month with seminars, "yyyy-MM", for the month view row. */
  month: string;
}

export async function generateTrainingData(url: string): Promise<TrainingData> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    const tokens = Array.from({ length: REGISTRANTS }, () => generateToken());
    const registrationSeminarId = await sql.begin(async (tx) => {
      // 2,000 seminars, roughly 2.7 a day from tomorrow on, 09:00–16:00 Berlin; every other one in Nord.
      await tx`
        with p as (select array_agg(id order by sort_order, id) as ids, count(*)::int as n from procedures where kind = 'core'),
        g as (
          select g, ((current_date + 1 + (g * 730 / ${SEMINAR_COUNT}))::timestamp + time '09:00') at time zone 'Europe/Berlin' as starts
          from generate_series(1, ${SEMINAR_COUNT}) g
        )
        insert into seminars (title, description, type, procedure_id, audience, location_kind, centre_id, online_url, capacity, confirmed_seats,
          registration_deadline, cancellation_deadline, status, starts_at, ends_at, published_at)
        select format('Bench-Schulung %s', g.g), 'Eine Schulung des Benchmarks.', case when g.g % 5 = 0 then 'info' else 'schulung' end,
          p.ids[1 + g.g % p.n], 'all', 'online', case when g.g % 2 = 0 then 'nord' else (array['mitte','west','sued'])[1 + g.g % 3] end,
          'https://meet.kai.example/bench', 12, g.g % 13, g.starts - interval '7 days', g.starts - interval '3 days', 'veroeffentlicht',
          g.starts, g.starts + interval '7 hours', now()
        from g, p`;
      // The seminar the registration row fills: Mitte (so Nord's feed stays at 1,000 events), 20 seats, in a month.
      const [reg] = await tx<{ id: number }[]>`
        insert into seminars (title, type, audience, location_kind, centre_id, online_url, capacity, registration_deadline, cancellation_deadline,
          status, starts_at, ends_at, published_at)
        values ('Bench-Anmeldung: 20 Plätze', 'schulung', 'all', 'online', 'mitte', 'https://meet.kai.example/bench', ${REGISTRATION_SEATS},
          now() + interval '20 days', now() + interval '20 days', 'veroeffentlicht', now() + interval '30 days', now() + interval '30 days 7 hours', now())
        returning id`;
      await tx`
        insert into calendar_events (uid, kind, title, description, location, starts_at, ends_at)
        select format('bench-seminar-%s@kai.example', s.id), case when s.type = 'info' then 'info_event' else 'seminar' end, s.title, s.description, 'Online',
          s.starts_at, s.ends_at
        from seminars s where s.title like 'Bench-%'`;
      await tx`
        insert into seminar_dates (seminar_id, starts_at, ends_at, event_id)
        select s.id, s.starts_at, s.ends_at, e.id from seminars s join calendar_events e on e.uid = format('bench-seminar-%s@kai.example', s.id)
        where s.title like 'Bench-%'`;
      // 200 people of member municipalities, each signed in (a session whose token only this process knows).
      const [{ hash }] = await tx<{ hash: string }[]>`select password_hash as hash from users where email = 'admin@kai.example'`;
      if (!hash) throw new BenchError("The demo admin is missing; the demo seed did not run.");
      await tx`
        insert into users (email, name, password_hash, active, municipality_id)
        select format('teilnahme.bench%s@kai.example', lpad(g::text, 3, '0')), format('Bench-Teilnehmerin %s', g), ${hash}, true,
          (select array_agg(id order by id) from municipalities)[1 + g % (select count(*)::int from municipalities)]
        from generate_series(1, ${REGISTRANTS}) g`;
      await tx`
        insert into sessions (id, user_id, idle_expires_at, absolute_expires_at, user_agent)
        select t.hash, u.id, now() + interval '12 hours', now() + interval '12 hours', 'bench'
        from unnest(${tokens.map(hashToken)}::text[]) with ordinality as t(hash, n)
        join users u on u.email = format('teilnahme.bench%s@kai.example', lpad(t.n::text, 3, '0'))`;
      return reg.id;
    });
    await sql`analyze`;
    const [counts] = await sql<{ seminars: number; nord: number; month: string }[]>`
      select (select count(*)::int from seminars where title like 'Bench-%') as seminars,
        (select count(*)::int from seminar_dates d join seminars s on s.id = d.seminar_id where s.centre_id = 'nord' and s.published_at is not null) as nord,
        to_char((now() + interval '1 month') at time zone 'Europe/Berlin', 'YYYY-MM') as month`;
    return {
      seconds: (performance.now() - started) / 1000,
      seminars: counts.seminars,
      nordEvents: counts.nord,
      registrationSeminarId,
      cookies: tokens.map((t) => `${SESSION_COOKIE}=${t}`),
      month: counts.month,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface BurstResult {
  requests: number;
  /** Responses per status. */
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  /** From the first request sent to the last response, ms. */
  wallMs: number;
}

/** Sends one POST per cookie, all at once, and times each response. */
async function burst(origin: string, path: string, cookies: string[], form: Record<string, string>): Promise<BurstResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      const start = performance.now();
      try {
        const res = await fetch(new URL(path, origin), {
          method: "POST",
          redirect: "manual",
          headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
          body: new URLSearchParams(form).toString(),
        });
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
      }
      latencies.push(performance.now() - start);
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return { requests: cookies.length, statuses, p50: percentile(latencies, 50), p95: percentile(latencies, 95), wallMs };
}

export interface RegistrationRush {
  bare: BurstResult;
  register: BurstResult;
  confirmed: number;
  waitlisted: number;
}

/**
 * "200 simultaneous registrations for 20 seats" (issue 8, item 12): first 200 simultaneous bare
 * POSTs (/sitzung/verlaengern: the session lookup and one update, the floor of a signed-in POST),
 * then 200 simultaneous registrations through the seminar page's form (POST /schulungen/<id>,
 * intent=register), each as a different person; then the database says who got a seat.
 */
export async function registrationRush(url: string, origin: string, data: TrainingData): Promise<RegistrationRush> {
  const bare = await burst(origin, "/sitzung/verlaengern", data.cookies, {});
  const register = await burst(origin, `/schulungen/${data.registrationSeminarId}`, data.cookies, { intent: "register" });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from seminar_participants where seminar_id = ${data.registrationSeminarId} group by status`;
    const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
    const [{ seats }] = await sql<{ seats: number }[]>`select confirmed_seats as seats from seminars where id = ${data.registrationSeminarId}`;
    if (seats !== count("bestaetigt")) throw new BenchError(`confirmed_seats is ${seats}, but ${count("bestaetigt")} participants are confirmed`);
    return { bare, register, confirmed: count("bestaetigt"), waitlisted: count("wartend") };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function rushReport(rush: RegistrationRush): string {
  const fmt = (r: BurstResult) =>
    `p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms, all ${r.requests} answered in ${r.wallMs.toFixed(0)} ms (${Object.entries(r.statuses)
      .map(([s, n]) => `${n}× ${s}`)
      .join(", ")})`;
  return [
    `200 simultaneous registrations for ${REGISTRATION_SEATS} seats (POST /schulungen/<id>, intent=register, 200 different people): ` +
      `${rush.confirmed} confirmed, ${rush.waitlisted} on the waiting list; ${fmt(rush.register)}.`,
    `Bare POST, 200 simultaneous (/sitzung/verlaengern, signed in): ${fmt(rush.bare)}.`,
    `Registration p95 ÷ bare POST p95: ${(rush.register.p95 / rush.bare.p95).toFixed(1)}×.`,
  ].join("\n");
}
