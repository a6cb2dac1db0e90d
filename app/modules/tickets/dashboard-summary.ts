/** The overview's periods; shared by the queries and the page (which must not import server modules). */
export const DASHBOARD_WEEKS = 12;
export const DASHBOARD_MONTHS = 6;
export const DASHBOARD_OLDEST = 10;

// German text summaries of the support overview's charts (issue 7, item 14): the text
// alternative each chart carries, from the same numbers. Pure.

const n = (v: number) => v.toLocaleString("de-DE");
export const formatShare = (share: number | null) => (share == null ? "–" : `${Math.round(share * 100).toLocaleString("de-DE")} %`);

function names(list: string[]) {
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} und ${list.at(-1)}`;
}

/** The leaders of a list by value: "Zentrum West (12)", or "Zentrum West und Zentrum Nord (je 12)". */
function leaders(items: { label: string; value: number }[]) {
  const top = Math.max(...items.map((i) => i.value));
  const best = items.filter((i) => i.value === top).map((i) => i.label);
  return { text: best.length > 1 ? `${names(best)} (je ${n(top)})` : `${best[0]} (${n(top)})`, plural: best.length > 1 };
}

export function openByCentreSummary(rows: { centre: string; open: number }[]) {
  const total = rows.reduce((s, r) => s + r.open, 0);
  if (total === 0) return "Zurzeit gibt es keine offenen Tickets.";
  if (rows.length === 1) return `${rows[0].centre} hat ${n(total)} offene ${total === 1 ? "Ticket" : "Tickets"}.`;
  const top = leaders(rows.map((r) => ({ label: r.centre, value: r.open })));
  return `Die meisten offenen Tickets ${top.plural ? "haben" : "hat"} ${top.text}. Offen sind insgesamt ${n(total)}.`;
}

export function openByProcedureSummary(rows: { procedure: string; open: number }[]) {
  const total = rows.reduce((s, r) => s + r.open, 0);
  if (total === 0) return "Zurzeit gibt es keine offenen Tickets.";
  const top = leaders(rows.map((r) => ({ label: r.procedure, value: r.open })));
  return `Die meisten offenen Tickets betreffen ${top.text}; ${n(total)} offene Tickets in ${n(rows.length)} ${rows.length === 1 ? "Verfahren" : "Verfahren"}.`;
}

export function weeksSummary(rows: { label: string; opened: number; closed: number }[]) {
  const opened = rows.reduce((s, r) => s + r.opened, 0);
  const closed = rows.reduce((s, r) => s + r.closed, 0);
  const head = `In den letzten ${rows.length} Wochen wurden ${n(opened)} Tickets eröffnet und ${n(closed)} geschlossen.`;
  if (opened === 0) return head;
  return `${head} Die meisten neuen Tickets kamen in ${leaders(rows.map((r) => ({ label: r.label, value: r.opened }))).text}.`;
}

export function slaSummary(
  rows: { centre: string; total: { solved: number; met: number; share: number | null } }[],
  months: { label: string }[],
) {
  const solved = rows.reduce((s, r) => s + r.total.solved, 0);
  const met = rows.reduce((s, r) => s + r.total.met, 0);
  const span = `${months[0]?.label ?? ""} bis ${months.at(-1)?.label ?? ""}`;
  if (solved === 0) return `Von ${span} wurde kein Ticket gelöst.`;
  const head = `Von ${span} wurden ${formatShare(met / solved)} der gelösten Tickets innerhalb ihres Lösungsziels gelöst (${n(met)} von ${n(solved)}).`;
  const rated = rows.filter((r) => r.total.share != null);
  if (rated.length < 2) return head;
  const lowest = rated.reduce((a, b) => (b.total.share! < a.total.share! ? b : a));
  return `${head} Am niedrigsten ist der Anteil bei ${lowest.centre} (${formatShare(lowest.total.share)}).`;
}
