import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { seminars, seminarTrainers, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { notFound } from "~/errors";
import { mayManageSeminar } from "./access";
import { isRowId } from "~/validation";

type Viewer = Pick<CurrentUser, "id" | "roles"> | null;

async function trainerIdsOf(seminarId: number, tx: Executor) {
  const rows = await tx.select({ userId: seminarTrainers.userId }).from(seminarTrainers).where(eq(seminarTrainers.seminarId, seminarId));
  return rows.map((r) => r.userId);
}

/**
 * The seminar as a person may see it: published (or cancelled after publishing) for everyone,
 * a draft only for those who manage it. Anything else is 404 (ACCEPTANCE C14).
 * `lock` takes the row FOR UPDATE: every write to a seminar's seats or dates goes through it.
 */
export async function loadSeminar(
  user: Viewer,
  seminarId: number,
  opts: { manage?: boolean; lock?: boolean } = {},
  tx: Executor = db,
): Promise<{ seminar: Seminar; trainerIds: string[]; manages: boolean }> {
  if (!isRowId(seminarId)) notFound();
  const query = tx.select().from(seminars).where(and(eq(seminars.id, seminarId)));
  const [seminar] = opts.lock ? await query.for("update") : await query;
  if (!seminar) notFound();
  const trainerIds = await trainerIdsOf(seminar.id, tx);
  const manages = mayManageSeminar(user, { createdBy: seminar.createdBy, trainerIds });
  if (opts.manage && !manages) notFound();
  if (!manages && seminar.publishedAt === null) notFound();
  return { seminar, trainerIds, manages };
}

/** Published and not cancelled: what the public calendar, the feeds and registration use. */
export const seminarIsOpen = sql`${seminars.status} = 'veroeffentlicht'`;
