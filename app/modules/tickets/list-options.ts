/** The ticket list's queues and sort columns (item 15): allow-lists the route checks and the query uses. */
export const TICKET_VIEWS = ["meine", "zentrum", "offen", "alle"] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];
export const TICKET_SORT_KEYS = ["nummer", "eingang", "aktivitaet", "prioritaet", "titel"] as const;
export type TicketSort = (typeof TICKET_SORT_KEYS)[number];
