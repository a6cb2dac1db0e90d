import { and, count, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { userRoles, type WorkingGroup } from "#db/schema/auth";
import { MAX_CHAIRS } from "./access";
import { lockGroupRow } from "./group-access.server";

export const CHAIRS_FULL_MESSAGE = `Ein Facharbeitskreis hat höchstens ${MAX_CHAIRS} Vorsitzende. Bitte berufen Sie zuerst einen Vorsitz ab.`;

/**
 * Takes the group row FOR UPDATE and refuses when the group has MAX_CHAIRS chairs already. Every
 * path that grants wg_chair calls it in its transaction (the group page and the people admin), so
 * two appointments at once take turns and cannot make a third chair.
 */
export async function lockGroupForChairSeat(groupId: WorkingGroup, tx: Executor) {
  const group = await lockGroupRow(groupId, tx);
  const [chairs] = await tx
    .select({ n: count() })
    .from(userRoles)
    .where(and(eq(userRoles.role, "wg_chair"), eq(userRoles.workingGroup, groupId)));
  return { group, chairs: chairs?.n ?? 0, full: (chairs?.n ?? 0) >= MAX_CHAIRS };
}
