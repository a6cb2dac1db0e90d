import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import type { Executor } from "#db/client";
import { db } from "~/db.server";
import type { AuditFilter } from "./audit.server";
import { listReadableAuditEvents } from "./trail.server";

/** More than a spreadsheet handles comfortably; a narrower filter gets the rest. */
export const AUDIT_CSV_MAX_EVENTS = 10_000;

export const AUDIT_CSV_HEADER = ["Zeitpunkt", "Person", "Aktion", "Objektart", "Objekt", "Feld", "Vorher", "Nachher"];

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with = + - @ (or a
 * tab / carriage return) may run as a formula when the file is opened in Excel or LibreOffice.
 * A leading apostrophe makes it plain text; the value stays readable.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The audit trail for a filter as CSV for German spreadsheets: UTF-8 with BOM, ";" between
 * fields, CRLF between records, German headers, one line per changed field (an entry without
 * changes gets one line), the same readable values as the page, newest first unless the
 * filter says otherwise.
 */
export async function auditTrailCsv(filter: AuditFilter, tx: Executor = db): Promise<string> {
  const { events } = await listReadableAuditEvents({ ...filter, page: 1, pageSize: AUDIT_CSV_MAX_EVENTS }, { maxValueLength: null }, tx);
  const records: string[][] = [];
  for (const e of events) {
    const head = [e.time, e.actor.name, e.action, e.entity.type, e.entity.name];
    if (e.changes.length === 0) records.push([...head, "", "", ""]);
    for (const c of e.changes) records.push([...head, c.label, c.before, c.after]);
  }
  return stringify(records.map((r) => r.map(neutraliseFormula)), {
    bom: true,
    delimiter: ";",
    record_delimiter: "\r\n",
    header: true,
    columns: AUDIT_CSV_HEADER,
    // Quote what needs it (";", quotes, line breaks); csv-stringify doubles inner quotes.
    quoted_match: /[;"\r\n]/,
  });
}

/** "kai-protokoll-2026-12-01.csv", the Berlin date of the download. */
export function auditCsvFilename(now = new Date()) {
  return `kai-protokoll-${DateTime.fromJSDate(now, { zone: "Europe/Berlin" }).toISODate()}.csv`;
}
