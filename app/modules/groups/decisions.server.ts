import { and, asc, desc, eq, ilike, isNotNull, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { WorkingGroup } from "#db/schema/auth";
import { agendaItems, decisions, meetings } from "#db/schema/groups";
import { db } from "~/db.server";
import { formatDate } from "~/format";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { formatDecisionNumber, formatVotes, parseDecisionNumber } from "./decision-number";
import { loadGroup } from "./group-access.server";
import { itemAnchor, meetingPath, minutesPath } from "./paths";

/**
 * The decisions register of a group (issue 9, item 8): every numbered decision (numbers are given
 * when minutes are released, so only released ones appear), newest first, each linked to its
 * meeting and to its item in the minutes. Searchable by text or number, filterable by year; open
 * to every signed-in person. Three statements whatever the size: the group, the list, the years.
 */

/** `%`, `_` and `\` typed by a person match themselves (ACCEPTANCE D18). */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function decisionRegister({ user, groupId, q = "", year }: { user: Pick<CurrentUser, "id" | "roles">; groupId: WorkingGroup; q?: string; year?: number }, tx: Executor = db) {
  const { group } = await loadGroup(user, groupId, {}, tx);
  const search = q.trim();
  const number = parseDecisionNumber(search);
  const searchCondition = !search
    ? undefined
    : number
      ? number.group === groupId
        ? and(eq(decisions.year, number.year), eq(decisions.number, number.number))
        : sql`false`
      : or(ilike(decisions.text, likePattern(search)), ilike(sql`${decisions.groupId} || '-' || ${decisions.year} || '-' || (case when ${decisions.number} < 10 then '0' else '' end) || ${decisions.number}`, likePattern(search)));
  const list = tx
    .select({
      id: decisions.id,
      year: decisions.year,
      number: decisions.number,
      text: decisions.text,
      votesYes: decisions.votesYes,
      votesNo: decisions.votesNo,
      votesAbstain: decisions.votesAbstain,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      startsAt: meetings.startsAt,
      agendaItemId: agendaItems.id,
      agendaItemTitle: agendaItems.title,
      agendaItemPosition: agendaItems.position,
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(agendaItems, eq(agendaItems.id, decisions.agendaItemId))
    .where(and(eq(decisions.groupId, groupId), isNotNull(decisions.number), eq(meetings.minutesStatus, "freigegeben"), year ? eq(decisions.year, year) : undefined, searchCondition))
    .orderBy(desc(decisions.year), desc(decisions.number), asc(decisions.id));
  const yearList = tx
    .select({ year: decisions.year })
    .from(decisions)
    .where(and(eq(decisions.groupId, groupId), isNotNull(decisions.number)))
    .groupBy(decisions.year)
    .orderBy(desc(decisions.year));
  const [rows, yearRows] = await Promise.all([list, yearList]);
  return {
    group: { id: group.id, name: group.name },
    years: yearRows.map((y) => y.year!),
    decisions: rows.map((r) => ({
      id: r.id,
      number: formatDecisionNumber(groupId, r.year!, r.number!),
      text: r.text,
      votes: formatVotes({ yes: r.votesYes, no: r.votesNo, abstain: r.votesAbstain }),
      date: formatDate(r.startsAt),
      meeting: { id: r.meetingId, title: r.meetingTitle, path: meetingPath(groupId, r.meetingId) },
      item: { title: r.agendaItemTitle, position: r.agendaItemPosition, path: `${minutesPath(groupId, r.meetingId)}#${itemAnchor(r.agendaItemId)}` },
    })),
  };
}
