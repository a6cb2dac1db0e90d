import { toPlainText } from "@react-email/components";
import planer from "planer";
import type { Email } from "postal-mime";
import { attachmentBytes, attachmentName } from "~/modules/mail/parsed-mail";

/**
 * The text side of inbound mail (issue 7 items 3 and 9): the new text of a reply without its
 * quoted history, the procedure a mail names, and the ticket fields of a mail. Pure functions;
 * receiving the mail and writing the ticket are elsewhere.
 */

// ---------------------------------------------------------------------------------------------
// Quoted history

/** "Von: …" / "From: …" starting an Outlook header block; Outlook's HTML-to-text writes "*Von:*". */
const HEADER_FROM = /^\s*\*?(?:Von|From)\*?:\*?\s/i;
/** The second line of such a block, within the next few lines. */
const HEADER_SENT = /^\s*\*?(?:Gesendet|Sent|Datum|Date)\*?:\*?\s/i;
/** Outlook's line of underscores above the header block. */
const UNDERSCORES = /^\s*_{10,}\s*$/;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:Ursprüngliche Nachricht|Original Message|Originalnachricht)\s*-{2,}\s*$/i;
/** A forward's separator (Gmail, Thunderbird, Apple Mail): what follows is content, not history. */
const FORWARD = /^\s*(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht)\s*-{2,}|Anfang der weitergeleiteten Nachricht:|Begin forwarded message:)\s*$/i;

/** History starts are short lines; longer ones are never tested, which keeps every test linear. */
const MAX_START_LINE = 300;
const HEADER_WINDOW = 6;
const WROTE_WINDOW = 3;

/**
 * "Am 30.11.2026 um 14:03 schrieb Anna:" (Thunderbird), "Am Mo., 30. Nov. 2026 um 14:03 Uhr schrieb
 * Anna <a@b.de>:" (Gmail), "On Mon, Nov 30, 2026 at 2:03 PM Anna wrote:" (Gmail English). A time
 * of day before "schrieb" is required, so that a sentence like "Am Montag schrieb die Software:"
 * in the new text is not taken for the start of the history.
 */
function isAttribution(text: string): boolean {
  if (text.length > MAX_START_LINE || !/^\s*(?:Am|On)\s/i.test(text) || !/:\s*$/.test(text)) return false;
  const time = text.search(/\d{1,2}[:.]\d{2}/);
  const wrote = text.search(/\s(?:schrieb|wrote)(?:\s|:)/i);
  return time >= 0 && wrote > time;
}

/** How many lines the history start at line `i` spans, by the stricter rules of this module; 0 if none starts there. */
function historyStart(lines: string[], i: number): number {
  const line = lines[i];
  if (line.length > MAX_START_LINE) return 0;
  if (ORIGINAL_MESSAGE.test(line)) return 1;
  const headerAt = UNDERSCORES.test(line) ? i + 1 : i;
  if (headerAt < lines.length && lines[headerAt].length <= MAX_START_LINE && HEADER_FROM.test(lines[headerAt])) {
    for (let j = headerAt + 1; j < Math.min(lines.length, headerAt + HEADER_WINDOW); j++) {
      if (HEADER_SENT.test(lines[j].slice(0, MAX_START_LINE))) return headerAt - i + 1;
    }
  }
  for (let n = 1; n <= WROTE_WINDOW && i + n <= lines.length; n++) {
    if (isAttribution(lines.slice(i, i + n).join(" "))) return n;
  }
  return 0;
}

/**
 * The lines as planer gets to see them: blank, quoted (">") and other text lines reduced to a
 * token, the first history start by our rules as it is. planer then decides only the shape (quoted
 * blocks, answers below or between quotes) and never cuts at a line our rules reject. It also keeps
 * planer's regular expressions, which backtrack badly on long or crafted lines, away from the text.
 */
function planerView(lines: string[]): string[] {
  const view = lines.map((line): string => {
    if (line.trim() === "") return "";
    if (line.startsWith(">")) return ">";
    // planer's check for a wrapped "(https://…)" link that would look like an inline answer.
    if (/^\s*\(https?:\/\//.test(line)) return "(https://";
    return /\(https?:\/\//.test(line) ? "x (https://" : "x";
  });
  for (let i = 0; i < lines.length; i++) {
    const span = historyStart(lines, i);
    if (span === 0) continue;
    for (let k = i; k < i + span; k++) view[k] = lines[k];
    break;
  }
  return view;
}

function joinTrimmed(lines: string[]): string {
  return lines.join("\n").replace(/\s+$/, "").replace(/^(?:[ \t]*\n)+/, "");
}

/**
 * The new text of a reply, without the quoted history (issue 7 item 9). planer (a port of Mailgun's
 * talon) marks the lines and decides what is quoted; this wrapper keeps it from eating new text and
 * adds what it misses in German mail:
 * - planer alone cuts at any line beginning "Von:" or "Datum:" and at any "Am …, … schrieb"
 *   sentence. Here a history starts only at the "Ursprüngliche Nachricht" separator, an Outlook
 *   header block ("Von:" followed by "Gesendet:"/"Datum:", underscores above it or not), an
 *   "Am/On … <time> … schrieb/wrote …:" line, or quoted ">" lines.
 * - planer misses Outlook's "*Von:* … *Gesendet:*" (bold headers turned into text); cut here.
 * - a forwarded message ("---------- Weitergeleitete Nachricht ----------") is content, not
 *   history: the text is returned whole, as planer does for English forwards.
 * A signature above the history stays (planer does not remove signatures, and neither do we). A
 * mail that starts with its history is returned whole, so that nothing is lost. Lines are LF.
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const forward = lines.findIndex((line) => FORWARD.test(line));
  if (forward >= 0 && !lines.slice(0, forward).some((_, i) => historyStart(lines, i) > 0)) return joinTrimmed(lines);
  const view = planerView(lines);
  const flags: planer.ReturnFlags = {};
  planer.processMarkedLines(view, planer.markMessageLines(view), flags);
  const kept = flags.wereLinesDeleted ? [...lines.slice(0, flags.firstLine), ...lines.slice(flags.lastLine)] : lines;
  const at = kept.findIndex((_, i) => historyStart(kept, i) > 0);
  const result = joinTrimmed(at < 0 ? kept : kept.slice(0, at));
  return result === "" ? joinTrimmed(lines) : result;
}

/**
 * Text of an HTML-only mail. planer's HTML mode needs a DOM (jsdom) on the server; instead the
 * HTML goes through html-to-text (via react-email's toPlainText, the same converter that writes our
 * own outgoing text parts), which turns <blockquote> into "> " lines that stripQuotedHistory removes.
 */
export function htmlToText(html: string): string {
  return toPlainText(html);
}

// ---------------------------------------------------------------------------------------------
// Procedure guess

/** A catalogue row as the database gives it (procedures with their modules). */
export type CatalogueProcedure = { id: number; code: string; name: string; modules: { id: number; name: string }[] };
export type ProcedureGuess = { procedureId: number; moduleId: number | null };

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `term` occurs in `text` as a whole word (letters and digits around it end a match), ignoring case. */
function occurs(text: string, term: string): boolean {
  const t = term.trim();
  if (t.length < 2) return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, "iu").test(text);
}

/** A catalogue name and the same without a trailing "(…)": "KAI-Personalwesen (Marktprodukt LOGA 2000)", "Haushaltsplan (…)". */
const nameForms = (name: string) => [name, name.replace(/\s*\([^)]*\)\s*$/, "")];
const procedureTerms = (p: CatalogueProcedure) => [p.code, ...nameForms(p.name)];

function longest(text: string, terms: string[]): number {
  return Math.max(0, ...terms.filter((t) => occurs(text, t)).map((t) => t.trim().length));
}

/** The single best item by score; null when nothing scores or two items share the best score. */
function unique<T>(items: T[], score: (item: T) => number): T | null {
  let best: T | null = null;
  let bestScore = 0;
  let tied = false;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) [best, bestScore, tied] = [item, s, false];
    else if (s > 0 && s === bestScore) tied = true;
  }
  return tied ? null : best;
}

/**
 * The procedure (and module) a mail names (issue 7 item 3): a catalogue code or name occurring as
 * a whole word, ignoring case; the longest match wins. A procedure named directly beats one only
 * implied by a module name ("Meldewesen" is a module of EWOS and of PERSOS). Null when nothing is
 * named or two procedures are named equally: the adviser decides.
 */
export function guessProcedure(text: string, catalogue: CatalogueProcedure[]): ProcedureGuess | null {
  const moduleScore = (p: CatalogueProcedure) => longest(text, p.modules.flatMap((m) => nameForms(m.name)));
  const named = catalogue.filter((p) => longest(text, procedureTerms(p)) > 0);
  const procedure = named.length > 0 ? unique(named, (p) => longest(text, procedureTerms(p))) : unique(catalogue, moduleScore);
  if (!procedure) return null;
  const module = unique(procedure.modules, (m) => longest(text, nameForms(m.name)));
  return { procedureId: procedure.id, moduleId: module?.id ?? null };
}

// ---------------------------------------------------------------------------------------------
// Ticket fields from a mail

export const INBOUND_TITLE_MAX_LENGTH = 200;
export const NO_SUBJECT_TITLE = "(ohne Betreff)";

/** "AW:", "Re:", "WG:", "Fwd:" (also "RE[2]:", "Fw:", "Antw:") at the start, repeated. */
const REPLY_PREFIX = /^\s*(?:AW|Antw|Re|WG|Fw|Fwd)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*/i;
const FORWARD_PREFIX = /^\s*(?:WG|Fw|Fwd)\s*(?:\[\d+\]|\(\d+\))?\s*:/i;

/** The ticket title from a mail subject: reply and forward prefixes off, whitespace collapsed, at most the title length. */
export function titleFromSubject(subject: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a title
  let title = (subject ?? "").replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  while (REPLY_PREFIX.test(title)) title = title.replace(REPLY_PREFIX, "").trim();
  if (title === "") return NO_SUBJECT_TITLE;
  return title.length > INBOUND_TITLE_MAX_LENGTH ? `${title.slice(0, INBOUND_TITLE_MAX_LENGTH - 1).trimEnd()}…` : title;
}

export type InboundAttachment = { name: string; mimeType: string; content: Uint8Array };
export type InboundTicketFields = {
  title: string;
  description: string;
  senderAddress: string | null;
  attachments: InboundAttachment[];
};

/** The text of a mail: its text part, or its HTML as text when it has none; with `stripHistory`, the new text only. */
export function mailBodyText(parsed: Pick<Email, "text" | "html">, { stripHistory = true } = {}): string {
  const text = parsed.text?.trim() ? parsed.text : parsed.html ? htmlToText(parsed.html) : "";
  return stripHistory ? stripQuotedHistory(text) : text.replace(/\r\n?/g, "\n").trim();
}

/**
 * The ticket fields of a parsed mail (issue 7 item 3): the subject is the title, the text the
 * description. A forward (subject "WG:"/"Fwd:" first) keeps its whole text: Outlook forwards look
 * like replies, and what a municipality forwards (a citizen's complaint, a vendor's error report)
 * is the ticket's content.
 */
export function ticketFromMail(parsed: Pick<Email, "from" | "subject" | "text" | "html" | "attachments">): InboundTicketFields {
  const sender = parsed.from?.address?.trim().toLowerCase();
  return {
    title: titleFromSubject(parsed.subject),
    description: mailBodyText(parsed, { stripHistory: !FORWARD_PREFIX.test(parsed.subject ?? "") }),
    senderAddress: sender ? sender : null,
    attachments: parsed.attachments.map((a, index) => ({ name: attachmentName(a, index), mimeType: a.mimeType, content: attachmentBytes(a) })),
  };
}
