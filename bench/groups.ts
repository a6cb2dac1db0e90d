// The working-group data set of `npm run bench` (issue 9, item 10): the FINAS group with 40 bench
// members from the member municipalities, 40 past meetings with released minutes (3 items, 2
// numbered decisions and 5 action items each: 200 action items in history, a quarter still open),
// and one upcoming meeting with 50 agenda items (the two automatic ones first) and RSVPs. Written
// with a few INSERT … SELECT over generate_series, before the server starts. PostgreSQL only.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { BenchError } from "./errors";

export const GROUP_MEMBERS = 40;
export const PAST_MEETINGS = 40;
export const ACTION_ITEMS_PER_MEETING = 5;
export const AGENDA_ITEMS = 50;
/** The demo chair of FINAS, whose session the group rows send. */
export const BENCH_CHAIR = "fak.finanzen@kai.example";

export interface GroupData {
  seconds: number;
  meetingId: number;
  agendaItems: number;
  actionItems: number;
  pastMeetings: number;
}

export async function generateGroupData(url: string): Promise<GroupData> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    const meetingId = await sql.begin(async (tx) => {
      const [chair] = await tx<{ id: string }[]>`select id from users where email = ${BENCH_CHAIR}`;
      if (!chair) throw new BenchError(`The demo chair ${BENCH_CHAIR} is missing; the demo seed did not run.`);
      await tx`
        insert into users (email, name, active, municipality_id)
        select format('fak.bench%s@kai.example', lpad(g::text, 3, '0')), format('Bench-Mitglied %s', g), true,
          (select array_agg(id order by id) from municipalities)[1 + g % (select count(*)::int from municipalities)]
        from generate_series(1, ${GROUP_MEMBERS}) g`;
      await tx`
        insert into user_roles (user_id, role, working_group)
        select id, 'wg_member', 'FINAS' from users where email like 'fak.bench%@kai.example'`;
      // Past meetings, one every four weeks back from last month, 10:00–14:00 Berlin, minutes released and approved.
      await tx`
        insert into meetings (group_id, title, starts_at, ends_at, location_kind, minutes_status, minutes_released_at, minutes_approved_on, created_by_id)
        select 'FINAS', format('Bench-Sitzung %s', g),
          ((current_date - 30 - g * 28)::timestamp + time '10:00') at time zone 'Europe/Berlin',
          ((current_date - 30 - g * 28)::timestamp + time '14:00') at time zone 'Europe/Berlin',
          'zentral', 'freigegeben', now() - (g * 28 || ' days')::interval, current_date - 30 - (g - 1) * 28, ${chair.id}
        from generate_series(1, ${PAST_MEETINGS}) g`;
      await tx`
        insert into agenda_items (meeting_id, position, title, presenter, duration_minutes, notes)
        select m.id, p, format('Bench-Punkt %s', p), 'Bench-Mitglied 1', 30, 'Notizen zum Punkt mit **Markdown**.'
        from meetings m, generate_series(1, 3) p where m.title like 'Bench-Sitzung %'`;
      await tx`
        insert into decisions (group_id, meeting_id, agenda_item_id, text, votes_yes, votes_no, votes_abstain, year, number)
        select 'FINAS', a.meeting_id, a.id, format('Der Facharbeitskreis beschließt Bench-Anforderung %s.', a.id), 12, 1, 2,
          extract(year from m.starts_at at time zone 'Europe/Berlin')::int,
          -- from 501 on, clear of the demo's own decisions in the same years
          500 + row_number() over (partition by extract(year from m.starts_at at time zone 'Europe/Berlin') order by m.starts_at, a.position)::int
        from agenda_items a join meetings m on m.id = a.meeting_id
        where m.title like 'Bench-Sitzung %' and a.position <= 2`;
      await tx`
        insert into action_items (group_id, meeting_id, agenda_item_id, title, owner_id, due_on, status)
        select 'FINAS', a.meeting_id, a.id, format('Bench-Aufgabe %s-%s', a.id, k),
          (select array_agg(id order by email) from users where email like 'fak.bench%@kai.example')[1 + (a.id * 7 + k) % ${GROUP_MEMBERS}],
          (m.starts_at at time zone 'Europe/Berlin')::date + 21 + k,
          case when (a.id + k) % 4 = 0 then 'offen' when (a.id + k) % 4 = 1 then 'erledigt' when (a.id + k) % 4 = 2 then 'vertagt' else 'verworfen' end
        from agenda_items a join meetings m on m.id = a.meeting_id, generate_series(1, ${ACTION_ITEMS_PER_MEETING}) k
        where m.title like 'Bench-Sitzung %' and a.position = 3`;
      await tx`
        insert into action_item_updates (action_item_id, status, note, by_id)
        select id, status, 'Bench-Vermerk', ${chair.id} from action_items where title like 'Bench-Aufgabe %' and status <> 'offen'`;
      // The upcoming meeting: in two weeks, all day, 50 agenda items of 10 minutes.
      const [meeting] = await tx<{ id: number }[]>`
        insert into meetings (group_id, title, starts_at, ends_at, location_kind, created_by_id)
        values ('FINAS', 'Bench-Sitzung mit 50 Tagesordnungspunkten',
          ((current_date + 14)::timestamp + time '09:00') at time zone 'Europe/Berlin',
          ((current_date + 14)::timestamp + time '18:00') at time zone 'Europe/Berlin', 'zentral', ${chair.id})
        returning id`;
      await tx`
        insert into agenda_items (meeting_id, position, kind, title, presenter, duration_minutes)
        select ${meeting.id}, p,
          case p when 1 then 'protokoll_genehmigung' when 2 then 'offene_aufgaben' else 'eintrag' end,
          case p when 1 then 'Genehmigung des Protokolls der letzten Sitzung' when 2 then 'Offene Aufgaben' else format('Bench-Tagesordnungspunkt %s', p) end,
          case when p > 2 then format('Bench-Mitglied %s', p % ${GROUP_MEMBERS} + 1) else '' end, 10
        from generate_series(1, ${AGENDA_ITEMS}) p`;
      await tx`
        insert into meeting_rsvps (meeting_id, user_id, answer)
        select ${meeting.id}, id, (array['zusage','absage','vielleicht'])[1 + (row_number() over (order by email))::int % 3]
        from users where email like 'fak.bench%@kai.example'`;
      return meeting.id;
    });
    await sql`analyze`;
    const [counts] = await sql<{ agenda: number; actions: number; past: number }[]>`
      select (select count(*)::int from agenda_items where meeting_id = ${meetingId}) as agenda,
        (select count(*)::int from action_items where group_id = 'FINAS') as actions,
        (select count(*)::int from meetings where group_id = 'FINAS' and starts_at < now()) as past`;
    return { seconds: (performance.now() - started) / 1000, meetingId, agendaItems: counts.agenda, actionItems: counts.actions, pastMeetings: counts.past };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
