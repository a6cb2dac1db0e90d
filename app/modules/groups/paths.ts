import type { WorkingGroup } from "#db/schema/auth";

/** Where the working groups' pages live (issue 9); plain functions, safe for the browser too. */
export function groupPath(group: WorkingGroup) {
  return `/facharbeitskreise/${group.toLowerCase()}`;
}

export function meetingPath(group: WorkingGroup, meetingId: number) {
  return `${groupPath(group)}/sitzungen/${meetingId}`;
}

export function minutesPath(group: WorkingGroup, meetingId: number) {
  return `${meetingPath(group, meetingId)}/protokoll`;
}

/** The anchor of an agenda item in the minutes. */
export function itemAnchor(agendaItemId: number) {
  return `top-${agendaItemId}`;
}

/** The anchors of a decision and of an action item in the minutes. */
export function decisionAnchor(decisionId: number) {
  return `beschluss-${decisionId}`;
}

export function actionItemAnchor(actionItemId: number) {
  return `aufgabe-${actionItemId}`;
}

/** The anchor of the attendance section in the minutes (attendance and guests). */
export const ATTENDANCE_ANCHOR = "anwesenheit";

export function actionItemPath(id: number) {
  return `/facharbeitskreise/aufgaben/${id}`;
}
