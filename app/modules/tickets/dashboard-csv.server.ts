import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { neutraliseFormula } from "~/modules/audit/csv.server";
import type { SupportDashboard } from "./dashboard.server";
import { ticketStatusLabel } from "./lifecycle";

export const DASHBOARD_CSV_HEADER = ["Auswertung", "Zentrum", "Verfahren", "Zeitraum", "Kennzahl", "Wert"];

const number = (n: number) => n.toLocaleString("de-DE");
/** A share as German spreadsheets read it: "87,5". */
const percent = (share: number | null) => (share == null ? "" : (Math.round(share * 1000) / 10).toLocaleString("de-DE", { minimumFractionDigits: 1 }));

/**
 * The support overview as one long table (a row per number), for German spreadsheets in the
 * same form as the audit CSV: UTF-8 with BOM, ";", CRLF, formula-neutralised cells.
 */
export function supportDashboardCsv(d: SupportDashboard): string {
  const rows: string[][] = [];
  for (const c of d.openByCentre) rows.push(["Offene Tickets je Zentrum", c.centre, "", "aktuell", "Offene Tickets", number(c.open)]);
  for (const p of d.openByProcedure) rows.push(["Offene Tickets je Verfahren", "", p.procedure, "aktuell", "Offene Tickets", number(p.open)]);
  for (const w of d.weeks) {
    rows.push(["Tickets je Woche", "", "", w.label, "Eröffnet", number(w.opened)]);
    rows.push(["Tickets je Woche", "", "", w.label, "Geschlossen", number(w.closed)]);
  }
  for (const c of d.sla) {
    d.months.forEach((m, i) => {
      const cell = c.months[i];
      rows.push(["SLA-Einhaltung je Zentrum und Monat", c.centre, "", m.label, "Gelöste Tickets", number(cell.solved)]);
      rows.push(["SLA-Einhaltung je Zentrum und Monat", c.centre, "", m.label, "Davon im Lösungsziel", number(cell.met)]);
      rows.push(["SLA-Einhaltung je Zentrum und Monat", c.centre, "", m.label, "Anteil im Lösungsziel (%)", percent(cell.share)]);
    });
  }
  for (const t of d.oldest) {
    const opened = DateTime.fromISO(t.createdAt, { zone: "Europe/Berlin" }).toFormat("dd.MM.yyyy");
    rows.push(["Älteste offene Tickets", t.centre, t.procedure ?? "", `seit ${opened}`, `${t.number} ${t.title} (${ticketStatusLabel(t.status)})`, `${number(t.ageDays)} Tage`]);
  }
  return stringify(
    rows.map((r) => r.map(neutraliseFormula)),
    { bom: true, delimiter: ";", record_delimiter: "\r\n", header: true, columns: DASHBOARD_CSV_HEADER, quoted_match: /[;"\r\n]/ },
  );
}

/** "kai-betreuung-auswertung-2026-12-01.csv", the Berlin date of the download. */
export function supportDashboardCsvFilename(now = new Date()) {
  return `kai-betreuung-auswertung-${DateTime.fromJSDate(now, { zone: "Europe/Berlin" }).toISODate()}.csv`;
}
