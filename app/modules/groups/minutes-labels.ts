import type { ActionItemStatus, AttendanceStatus } from "#db/schema/groups";
import type { BadgeTone } from "~/components/badge";

/** German labels of the minutes and action items (issue 9, items 5–7); plain, safe for the browser. */
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  anwesend: "anwesend",
  entschuldigt: "entschuldigt",
  abwesend: "abwesend",
};
/** The attendance statuses in the order the forms, the minutes and the PDF list them. */
export const ATTENDANCE_ORDER = Object.keys(ATTENDANCE_LABELS) as AttendanceStatus[];

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  offen: "offen",
  erledigt: "erledigt",
  vertagt: "vertagt",
  verworfen: "verworfen",
};

export const ACTION_ITEM_STATUS_TONES: Record<ActionItemStatus, BadgeTone> = {
  offen: "info",
  erledigt: "success",
  vertagt: "warning",
  verworfen: "danger",
};

/** Open = still to do: new, or carried over to a new due date. */
export const OPEN_ACTION_ITEM_STATUSES = ["offen", "vertagt"] as const satisfies readonly ActionItemStatus[];

export function isOpenActionItem(status: ActionItemStatus): boolean {
  return (OPEN_ACTION_ITEM_STATUSES as readonly string[]).includes(status);
}

/** What an owner or chair may set: done, carried over (with a new due date), dropped. */
export const ACTION_ITEM_CHANGES = ["erledigt", "vertagt", "verworfen"] as const;
export type ActionItemChange = (typeof ACTION_ITEM_CHANGES)[number];

/** The minutes' stage as people read it. */
export function minutesStageLabel(status: "entwurf" | "freigegeben" | null): string {
  return status === "freigegeben" ? "freigegeben" : status === "entwurf" ? "Entwurf" : "noch nicht begonnen";
}
