// The ticket data set of `npm run bench` (issue 7, item 18): 100,000 tickets over three years in
// the 37 seeded municipalities, 20 generated advisers (five per centre), 2–3 replies per ticket
// and a status history, written by a handful of INSERT … SELECT over generate_series so that it
// takes well under two minutes on PostgreSQL. Then: EXPLAIN of the dashboard's statements (no
// sequential scan over tickets) of the dashboard, the queues, search and a ticket page, and the routing decision time. PostgreSQL only.
import { performance } from "node:perf_hooks";
import { berlinToday } from "~/format";
import postgres from "postgres";
import type { Logger } from "drizzle-orm";
import { openPostgres } from "#db/client";
import { installDatabase } from "~/db.server";
import { loadSupportDashboard } from "~/modules/tickets/dashboard.server";
import { getTicketPage, listTickets, ticketCounts } from "~/modules/tickets/queries.server";
import { routeTicket } from "~/modules/tickets/routing";
import { loadRoutingContext, loadRoutingProcedure } from "~/modules/tickets/routing-input.server";
import { BenchError } from "./errors";

export const TICKET_COUNT = 100_000;
export const ADVISER_COUNT = 20;
/** One of the generated advisers, signed in for the "Meine Tickets" row; the demo password. */
export const BENCH_ADVISER = "berater.bench01@kai.example";

export interface TicketData {
  seconds: number;
  tickets: number;
  replies: number;
  statusChanges: number;
  open: number;
  /** The procedure the centre-queue row filters by (EWOS). */
  procedureId: number;
}

const TITLES = [
  "Drucker druckt keine Meldebescheinigung",
  "Anmeldung im Fachverfahren schlägt fehl",
  "Schnittstelle zum Kassenverfahren meldet Fehler",
  "Frage zur Jahresabschlussbuchung",
  "Änderungswunsch: zusätzliches Feld im Formular",
  "Export nach Excel bricht ab",
  "Drucker im Bürgerbüro zeigt Fehler 49",
  "Zertifikat für die Anbindung abgelaufen",
  "Suche findet keine Einträge mehr",
  "Berechtigungen für neue Mitarbeiterin",
];

export async function generateTicketData(url: string, ticketCount = TICKET_COUNT): Promise<TicketData> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    const [{ hash }] = await sql<{ hash: string }[]>`select password_hash as hash from users where email = 'betreuung.west@kai.example'`;
    if (!hash) throw new BenchError("The demo adviser betreuung.west@kai.example is missing; the demo seed did not run.");
    let last = performance.now();
    const step = (what: string) => {
      if (process.env.BENCH_VERBOSE) console.log(`  ${what}: ${((performance.now() - last) / 1000).toFixed(1)} s`);
      last = performance.now();
    };
    await sql.begin(async (tx) => {
      // 20 advisers, five per centre, with the demo password; competent for two or three core procedures.
      await tx`
        insert into users (email, name, password_hash, active)
        select format('berater.bench%s@kai.example', lpad(g::text, 2, '0')), format('Bench-Beraterin %s', g), ${hash}, true
        from generate_series(1, ${ADVISER_COUNT}) g`;
      await tx`
        insert into user_roles (user_id, role, centre_id)
        select u.id, 'adviser', (array['nord','mitte','west','sued'])[1 + (substring(u.email from 'bench(\\d+)')::int - 1) % 4]
        from users u where u.email like 'berater.bench%@kai.example'`;
      step("advisers");
      await tx`
        insert into adviser_competences (user_id, procedure_id)
        select u.id, p.id from users u
        join lateral (select id from procedures where kind = 'core' order by (id * 7 + substring(u.email from 'bench(\\d+)')::int) % 11 limit 3) p on true
        where u.email like 'berater.bench%@kai.example'`;
      step("competences");

      // The tickets: created evenly over three years (with jitter), numbered per year in creation order.
      await tx`
        with m as (select array_agg(id order by id) as ids, array_agg(centre_id order by id) as centres, count(*)::int as n from municipalities),
        p as (select array_agg(id order by id) as ids, count(*)::int as n from procedures where kind = 'core'),
        a as materialized (
          select ur.centre_id, array_agg(u.id order by u.email) as ids
          from users u join user_roles ur on ur.user_id = u.id
          where u.email like 'berater.bench%@kai.example' group by ur.centre_id
        ),
        base as (
          select g,
            now() - (interval '1095 days') * (1 - g::float8 / ${ticketCount}) + (random() - 0.5) * interval '2 hours' as created,
            random() as r_status, random() as r_prio, random() as r_res
          from generate_series(1, ${ticketCount}) g
        ),
        shaped as (
          select b.*, m.ids[1 + b.g % m.n] as municipality_id, m.centres[1 + b.g % m.n] as centre_id,
            case when b.g % 20 = 0 then null else p.ids[1 + (b.g * 7) % p.n] end as procedure_id,
            extract(day from now() - b.created) as age_days
          from base b, m, p
        ),
        statused as (
          select s.*,
            case
              when s.age_days > 60 then (case when s.r_status < 0.99 then 'geschlossen' else (array['zugewiesen','in_bearbeitung','rueckfrage'])[1 + s.g % 3] end)
              when s.age_days > 14 then (case when s.r_status < 0.85 then 'geschlossen' else (array['zugewiesen','in_bearbeitung','rueckfrage','neu'])[1 + s.g % 4] end)
              else (case when s.r_status < 0.35 then 'geloest' when s.r_status < 0.45 then 'neu' else (array['zugewiesen','in_bearbeitung','rueckfrage'])[1 + s.g % 3] end)
            end as status,
            case when s.r_prio < 0.05 then 'kritisch' when s.r_prio < 0.25 then 'hoch' when s.r_prio < 0.85 then 'normal' else 'niedrig' end as priority
          from shaped s
        ),
        -- Materialised: read once before the insert (a correlated read of tickets per row would
        -- scan the rows being inserted, quadratic).
        existing as materialized (select year, max(sequence) as last from tickets group by year),
        yeared as (select st.*, extract(year from st.created at time zone 'Europe/Berlin')::int as year from statused st),
        numbered as materialized (
          select y.*, (coalesce(e.last, 0) + row_number() over (partition by y.year order by y.created, y.g))::int as seq
          from yeared y left join existing e on e.year = y.year
        )
        insert into tickets (year, sequence, number, municipality_id, home_centre_id, centre_id, procedure_id, type, priority, title, description,
          status, assignee_id, assigned_at, reporter_name, reporter_email, channel, routing_kind, routing_summary, reply_token,
          first_response_at, resolved_at, closed_at, last_activity_at, created_at, updated_at)
        select n.year, n.seq, format('KAI-%s-%s', n.year, lpad(n.seq::text, 5, '0')), n.municipality_id, n.centre_id, n.centre_id, n.procedure_id,
          (array['stoerung','frage','aenderungswunsch'])[1 + n.g % 3], n.priority,
          format('%s (%s)', (${TITLES}::text[])[1 + n.g % ${TITLES.length}], n.g),
          format('Seit heute früh tritt das Problem auf. Betroffen ist der Arbeitsplatz %s. Bitte um Rückruf.', n.g % 50),
          n.status,
          case when n.status = 'neu' then null else a.ids[1 + n.g % array_length(a.ids, 1)] end,
          case when n.status = 'neu' then null else n.created + interval '5 minutes' end,
          'Kommunale IT', 'it.bench@kai.example', (array['portal','telefon','email'])[1 + n.g % 3], 'adviser', 'Zentrum · geringste Auslastung',
          md5(n.g::text || random()::text),
          case when n.status = 'neu' then null else n.created + interval '30 minutes' end,
          case when n.status in ('geloest','geschlossen') then n.created + n.r_res * interval '8 days' + interval '1 hour' end,
          case when n.status = 'geschlossen' then n.created + n.r_res * interval '8 days' + interval '1 hour' + interval '14 days' end,
          n.created + interval '1 hour', n.created, n.created + interval '1 hour'
        from numbered n join a on a.centre_id = n.centre_id`;
      step("tickets");
      await tx`insert into ticket_counters (year, last) select year, max(sequence) from tickets group by year
        on conflict (year) do update set last = greatest(ticket_counters.last, excluded.last)`;

      // The status history: neu, then zugewiesen, a Rückfrage for every tenth, gelöst, geschlossen.
      await tx`
        insert into ticket_status_changes (ticket_id, status, at)
        select id, 'neu', created_at from tickets where reply_token ~ '^[0-9a-f]{32}$'
        union all select id, 'zugewiesen', assigned_at from tickets where assigned_at is not null and reply_token ~ '^[0-9a-f]{32}$'
        union all select id, 'rueckfrage', created_at + interval '2 hours' from tickets where id % 10 = 0 and status <> 'neu' and reply_token ~ '^[0-9a-f]{32}$'
        union all select id, 'in_bearbeitung', created_at + interval '1 day' from tickets where id % 10 = 0 and status in ('in_bearbeitung','geloest','geschlossen') and reply_token ~ '^[0-9a-f]{32}$'
        union all select id, 'geloest', resolved_at from tickets where resolved_at is not null and reply_token ~ '^[0-9a-f]{32}$'
        union all select id, 'geschlossen', closed_at from tickets where closed_at is not null and reply_token ~ '^[0-9a-f]{32}$'`;
      step("status changes");

      // 2–3 replies per ticket: the adviser's answer, the municipality's, and for every other an internal note.
      await tx`
        insert into ticket_replies (ticket_id, visibility, author_name, author_email, source, body, created_at)
        select t.id, case when r = 3 then 'internal' else 'public' end,
          case when r = 2 then 'Kommunale IT' else 'Bench-Beraterin' end,
          case when r = 2 then 'it.bench@kai.example' end,
          case when r = 2 and t.id % 3 = 0 then 'email' else 'portal' end,
          case r
            when 1 then 'Vielen Dank für Ihre Meldung. Bitte starten Sie den Druckdienst neu und prüfen Sie die Warteschlange.'
            when 2 then 'Das hat leider nicht geholfen, der Fehler tritt weiterhin auf.'
            else 'Interne Notiz: Treiberversion beim Hersteller angefragt.'
          end,
          t.created_at + r * interval '40 minutes'
        from tickets t, generate_series(1, 2 + t.id % 2) r
        where t.reply_token ~ '^[0-9a-f]{32}$'`;
      step("replies");
    });
    await sql`analyze`;
    step("analyze");
    const [counts] = await sql<{ tickets: number; replies: number; changes: number; open: number; ewos: number }[]>`
      select (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_replies) as replies,
        (select count(*)::int from ticket_status_changes) as changes,
        (select count(*)::int from tickets where status in ('neu','zugewiesen','in_bearbeitung','rueckfrage')) as open,
        (select id from procedures where code = 'EWOS') as ewos`;
    return {
      seconds: (performance.now() - started) / 1000,
      tickets: counts.tickets,
      replies: counts.replies,
      statusChanges: counts.changes,
      open: counts.open,
      procedureId: counts.ewos,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface ExplainResult {
  statement: string;
  plan: string;
  /** The plan reads the tickets table with a sequential scan. */
  seqScanOnTickets: boolean;
}

/**
 * EXPLAIN (ANALYZE) of every statement the dashboard sends, captured from drizzle as the admin's
 * overview (all centres) and a centre manager's (one centre) send them.
 */
/**
 * EXPLAIN ANALYZE of every statement on tickets that the pages run (issue 7 item 18): the dashboard
 * (admin and one centre), the adviser's and the centre's queue, a search, the counts, a ticket's
 * page and the routing context. The statements are recorded through drizzle's logger while the
 * real module functions run, then explained with their parameters.
 */
export async function explainTicketStatements(url: string): Promise<ExplainResult[]> {
  const statements: { query: string; params: unknown[] }[] = [];
  const logger: Logger = { logQuery: (query, params) => statements.push({ query, params }) };
  const handle = openPostgres(url, { logger });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // The list functions read SLA settings through the app's reference cache, which needs the app's handle.
  installDatabase(handle);
  try {
    await loadSupportDashboard({ scope: { centreIds: null } }, handle.db);
    await loadSupportDashboard({ scope: { centreIds: ["west"] } }, handle.db);
    const [adviser] = await sql<{ id: string; name: string; email: string; centre_id: string }[]>`
      select u.id, u.name, u.email, r.centre_id from users u join user_roles r on r.user_id = u.id where u.email = ${BENCH_ADVISER} and r.role = 'adviser'`;
    const [procedure] = await sql<{ id: number }[]>`select id from procedures where code = 'EWOS'`;
    const [municipality] = await sql<{ id: number }[]>`select id from municipalities order by id limit 1`;
    const grant = { centreId: adviser.centre_id, workingGroup: null, municipalityId: null };
    const staff = { id: adviser.id, name: adviser.name, email: adviser.email, municipalityId: null, secondFactor: false, roles: [{ role: "adviser" as const, ...grant }], session: { id: "bench", idleExpiresAt: new Date(), absoluteExpiresAt: new Date() } };
    const it = { ...staff, id: "00000000-0000-0000-0000-000000000000", roles: [{ role: "municipal_it" as const, centreId: null, workingGroup: null, municipalityId: municipality.id }] };
    await listTickets(staff, { view: "meine" }, new Date(), handle.db);
    await listTickets(staff, { view: "zentrum", procedureId: procedure.id }, new Date(), handle.db);
    await listTickets(staff, { view: "alle", q: "Drucker" }, new Date(), handle.db);
    await listTickets(staff, { view: "alle" }, new Date(), handle.db);
    await listTickets(it, { view: "alle" }, new Date(), handle.db);
    await ticketCounts(staff, handle.db);
    const [one] = await sql<{ number: string }[]>`select number from tickets where centre_id = ${adviser.centre_id} order by id desc limit 1`;
    await getTicketPage(staff, one.number, new Date(), handle.db);
    await loadRoutingContext(berlinToday(), handle.db);
    const seen = new Set<string>();
    const results: ExplainResult[] = [];
    for (const s of statements) {
      if (!/"tickets"|"ticket_status_changes"|"ticket_replies"/.test(s.query)) continue;
      const key = `${s.query}|${JSON.stringify(s.params)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rows = await sql.unsafe(`explain (analyze, costs off, timing off) ${s.query}`, s.params as never[]);
      const plan = rows.map((r) => (r as Record<string, string>)["QUERY PLAN"]).join("\n");
      results.push({ statement: s.query, plan, seqScanOnTickets: /Seq Scan on tickets\b/.test(plan) });
    }
    return results;
  } finally {
    installDatabase(undefined);
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

export interface RoutingTiming {
  /** Loading the context (advisers, loads, absences, overrides), ms, median of the runs. */
  loadMs: number;
  /** One `routeTicket` call on the loaded context, µs, median. */
  decisionUs: number;
  runs: number;
}

/** The routing decision for one ticket: loading its context and deciding, timed separately. */
export async function timeRouting(url: string, procedureId: number): Promise<RoutingTiming> {
  const handle = openPostgres(url);
  try {
    const [municipality] = await handle.db.query.municipalities.findMany({ limit: 1, orderBy: (m, { asc }) => asc(m.id) });
    const procedure = await loadRoutingProcedure(procedureId, handle.db);
    const today = berlinToday();
    const loads: number[] = [];
    let context = await loadRoutingContext(today, handle.db);
    for (let i = 0; i < 20; i += 1) {
      const t0 = performance.now();
      context = await loadRoutingContext(today, handle.db);
      loads.push(performance.now() - t0);
    }
    const ticket = { municipalityId: municipality.id, centreId: municipality.centreId, procedure, priority: "normal" as const };
    for (let i = 0; i < 200; i += 1) routeTicket({ ...context, ticket });
    const decisions: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const t0 = performance.now();
      routeTicket({ ...context, ticket });
      decisions.push((performance.now() - t0) * 1000);
    }
    return { loadMs: median(loads), decisionUs: median(decisions), runs: decisions.length };
  } finally {
    await handle.close();
  }
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
