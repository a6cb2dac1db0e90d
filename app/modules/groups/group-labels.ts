import type { BadgeTone } from "~/components/badge";
import type { JoinRequestStatus, MeetingStatus, MinutesStatus } from "#db/schema/groups";

/** German names of the working groups' states, for pages (plain .ts: the browser needs them too). */
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { geplant: "geplant", abgesagt: "abgesagt" };
export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = { entwurf: "Protokoll im Entwurf", freigegeben: "Protokoll freigegeben" };
export const JOIN_REQUEST_STATUS_LABELS: Record<JoinRequestStatus, string> = { offen: "wartet auf Entscheidung", angenommen: "angenommen", abgelehnt: "abgelehnt" };
export const JOIN_REQUEST_STATUS_TONES: Record<JoinRequestStatus, BadgeTone> = { offen: "warning", angenommen: "success", abgelehnt: "danger" };
