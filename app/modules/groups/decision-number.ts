import type { WorkingGroup } from "#db/schema/auth";

/**
 * Decision numbers (issue 9, item 6): per group and Berlin year of the meeting, at least two
 * digits: `FINAS-2026-07`, `FINAS-2026-123`. Handing them out gap-free is releaseMinutes' job
 * (under the group's row lock); this is only the text form, safe for the browser too.
 */
export function formatDecisionNumber(group: WorkingGroup, year: number, number: number): string {
  return `${group}-${year}-${String(number).padStart(2, "0")}`;
}

const NUMBER = /^(EWOS|FINAS|PERSOS)-(\d{4})-(\d{2,})$/i;

/** `"finas-2026-07"` → its parts; anything else → null (a search then looks in the text). */
export function parseDecisionNumber(text: string): { group: WorkingGroup; year: number; number: number } | null {
  const match = NUMBER.exec(text.trim());
  if (!match) return null;
  const number = Number(match[3]);
  return number >= 1 && Number.isSafeInteger(number) ? { group: match[1].toUpperCase() as WorkingGroup, year: Number(match[2]), number } : null;
}

/** "12 dafür, 1 dagegen, 2 Enthaltungen"; null when no vote was counted. */
export function formatVotes(votes: { yes: number | null; no: number | null; abstain: number | null }): string | null {
  if (votes.yes === null && votes.no === null && votes.abstain === null) return null;
  const abstain = votes.abstain ?? 0;
  return `${votes.yes ?? 0} dafür, ${votes.no ?? 0} dagegen, ${abstain} ${abstain === 1 ? "Enthaltung" : "Enthaltungen"}`;
}
