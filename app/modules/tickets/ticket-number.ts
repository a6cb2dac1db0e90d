/**
 * Human ticket numbers (issue 7, item 2): `KAI-2026-00042`, the year and a sequence per year,
 * at least five digits (`KAI-2026-123456` once a year has more than 99,999 tickets). Handing out
 * the sequence gap-free is the database's job; this is only the text form.
 */
import { berlinYear } from "~/format";

export type TicketNumber = { year: number; sequence: number };

const PREFIX = "KAI";
const DIGITS = 5;

export function formatTicketNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`Ungültiges Jahr für eine Ticketnummer: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Error(`Ungültige laufende Nummer für ein Ticket: ${sequence}`);
  return `${PREFIX}-${year}-${String(sequence).padStart(DIGITS, "0")}`;
}

/** The number shown as an example in hints and messages: the 42nd ticket of the current Berlin year. */
export function ticketNumberExample(now: Date = new Date()): string {
  return formatTicketNumber(berlinYear(now), 42);
}

// Only the canonical form: five digits, or more without a leading zero.
const NUMBER = String.raw`KAI-(\d{4})-(\d{5}|[1-9]\d{5,})`;
const EXACT = new RegExp(`^${NUMBER}$`, "i");
// Inside a text: not glued to letters, digits or a hyphen on either side ("[KAI-2026-00042]", "#KAI-2026-00042:").
const IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}-])${NUMBER}(?![\\p{L}\\p{N}]|-\\p{N})`, "giu");

function toNumber(year: string, sequence: string): TicketNumber | null {
  const parsed = { year: Number(year), sequence: Number(sequence) };
  return parsed.year >= 1000 && parsed.sequence >= 1 && Number.isSafeInteger(parsed.sequence) ? parsed : null;
}

/** `"kai-2026-00042"` → `{ year: 2026, sequence: 42 }`; anything else (spaces, other padding) → null. */
export function parseTicketNumber(text: string): TicketNumber | null {
  const match = EXACT.exec(text);
  return match ? toNumber(match[1], match[2]) : null;
}

/** The first ticket number in a text such as a mail subject ("AW: [KAI-2026-00042] Drucker"), or null. */
export function findTicketNumber(text: string): TicketNumber | null {
  for (const match of text.matchAll(IN_TEXT)) {
    const found = toNumber(match[1], match[2]);
    if (found) return found;
  }
  return null;
}
