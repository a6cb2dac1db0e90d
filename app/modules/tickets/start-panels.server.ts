import { hasRole } from "~/modules/auth/roles";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { defineStartPanel } from "~/modules/start/panel";
import { isTicketStaff } from "./access.server";
import { listTickets, ticketCounts } from "./queries.server";

const brief = (rows: Awaited<ReturnType<typeof listTickets>>["rows"]) =>
  rows.map((r) => ({ number: r.number, title: hyphenate(r.title), status: r.status, priority: r.priority, municipality: r.municipality, sla: r.sla }));

/** "Meine Tickets" (advisers): their open tickets with SLA state, and the centre's unassigned count (item 20). */
export const myTicketsPanel = defineStartPanel({
  id: "meine-tickets",
  title: "Meine Tickets",
  order: 5,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "adviser"),
  async load({ user, now }) {
    const [list, counts] = await Promise.all([listTickets(user, { view: "meine", sort: "aktivitaet", direction: "asc" }, now), ticketCounts(user)]);
    return { tickets: brief(list.rows.slice(0, 8)), more: list.hasMore || list.rows.length > 8, mine: counts.mine, unassigned: counts.unassigned };
  },
});

/** Centre managers: the centre's backlog and the tickets at SLA risk (item 20). */
export const centreBacklogPanel = defineStartPanel({
  id: "zentrum-tickets",
  title: "Tickets meines Zentrums",
  order: 6,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "centre_manager"),
  async load({ user, now }) {
    const [list, counts] = await Promise.all([listTickets(user, { view: "zentrum", sort: "eingang", direction: "asc" }, now), ticketCounts(user)]);
    const atRisk = list.rows.filter((r) => r.sla && r.sla.level !== "ok");
    return { open: counts.centreOpen, unassigned: counts.unassigned, atRisk: brief(atRisk.slice(0, 8)), atRiskCount: atRisk.length, scannedAll: !list.hasMore };
  },
});

/** Municipal IT: its municipality's open tickets and a button to file one (item 20). */
export const municipalityTicketsPanel = defineStartPanel({
  id: "tickets-kommune",
  title: "Tickets meiner Kommune",
  order: 5,
  kind: "work",
  appliesTo: (user) => hasRole(user.roles, "municipal_it") && !isTicketStaff(user),
  async load({ user, now }) {
    const list = await listTickets(user, { view: "alle" }, now);
    const open = list.rows.filter((r) => r.status !== "geloest" && r.status !== "geschlossen");
    return { tickets: brief(open.slice(0, 8)), openCount: open.length };
  },
});
