/** A ticket's priorities (issue 7 item 1), from the lowest to the highest: the one list that routing, the SLA clock, forms and the schema use. */
export const TICKET_PRIORITIES = ["niedrig", "normal", "hoch", "kritisch"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
