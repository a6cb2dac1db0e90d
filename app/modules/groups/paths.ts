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

export function actionItemPath(id: number) {
  return `/facharbeitskreise/aufgaben/${id}`;
}
