import type { BadgeTone } from "~/components/badge";
import type { InhouseStatus } from "#db/schema/training";

/** How an in-house request's status shows as a badge (the word is always there; the colour adds to it). */
export const INHOUSE_STATUS_TONES: Record<InhouseStatus, BadgeTone> = { offen: "info", geplant: "success", abgelehnt: "danger" };

/** "01.03.2027 bis 31.03.2027", or one day; dates are YYYY-MM-DD. */
export function formatWishedPeriod(from: string, to: string): string {
  const de = (v: string) => `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`;
  return from === to ? de(from) : `${de(from)} bis ${de(to)}`;
}
