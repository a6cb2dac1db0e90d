import { eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { WORKING_GROUPS, type WorkingGroup } from "#db/schema/auth";
import { meetings, workingGroups, type Meeting, type WorkingGroupRow } from "#db/schema/groups";
import { db, runPrepared } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { notFound } from "~/errors";
import { isChairOf, isMemberOf } from "./access";
import { isRowId } from "~/validation";

type Viewer = Pick<CurrentUser, "id" | "roles">;

/** `/facharbeitskreise/finas` → "FINAS"; anything else is 404. */
export function groupIdFromSlug(slug: string | undefined): WorkingGroup {
  const id = (slug ?? "").toUpperCase();
  if (!(WORKING_GROUPS as readonly string[]).includes(id)) notFound();
  return id as WorkingGroup;
}

export function groupSlug(id: WorkingGroup): string {
  return id.toLowerCase();
}

/** Group pages are open to every signed-in person; `chair` narrows to the group's chairs (else 404). */
export async function loadGroup(user: Viewer, groupId: WorkingGroup, opts: { chair?: boolean } = {}, tx: Executor = db) {
  const [group] = await runPrepared("working-group", (d) => d.select().from(workingGroups).where(eq(workingGroups.id, sql.placeholder("groupId"))).prepare("working_group"), { groupId }, tx);
  if (!group) notFound();
  const chairs = isChairOf(user, group.id);
  if (opts.chair && !chairs) notFound();
  return { group, chairs, member: isMemberOf(user, group.id) };
}

/**
 * Takes the group's row FOR UPDATE: who is a member and who is invited change under it. Scheduling
 * (which invites the members), accepting, removing, leaving, appointing and the people admin's
 * group roles all take it first, so a new meeting and a changed membership cannot miss each other.
 */
export async function lockGroupRow(groupId: WorkingGroup, tx: Executor) {
  const [group] = await tx.select().from(workingGroups).where(eq(workingGroups.id, groupId)).for("update");
  if (!group) notFound();
  return group;
}

/**
 * A meeting as a person may see it: every signed-in person sees a meeting and its agenda; `chair`
 * narrows to the group's chairs, `member` to its members (chairs included). Others get 404.
 * `lock` takes the meeting row FOR UPDATE: every write to a meeting goes through it.
 */
export async function loadMeeting(
  user: Viewer,
  meetingId: number,
  opts: { chair?: boolean; member?: boolean; lock?: boolean } = {},
  tx: Executor = db,
): Promise<{ meeting: Meeting; group: WorkingGroupRow; chairs: boolean; member: boolean }> {
  if (!isRowId(meetingId)) notFound();
  const query = tx.select().from(meetings).where(eq(meetings.id, meetingId));
  const [meeting] = opts.lock ? await query.for("update") : await query;
  if (!meeting) notFound();
  const [group] = await tx.select().from(workingGroups).where(eq(workingGroups.id, meeting.groupId));
  const chairs = isChairOf(user, meeting.groupId);
  const member = isMemberOf(user, meeting.groupId);
  if (opts.chair && !chairs) notFound();
  if (opts.member && !member) notFound();
  return { meeting, group, chairs, member };
}
