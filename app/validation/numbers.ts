import { z } from "zod";

/**
 * Numbers typed the German way (issue 5, item 3). One preprocessor for every numeric field, so
 * "12.500", "12 500" and "12500" mean the same everywhere, and the messages name the field.
 *
 * Whole numbers: digits, optionally grouped in threes by "." or a space (also the non-breaking
 * U+00A0, narrow U+202F and thin U+2009 spaces that copying from documents brings), one kind of
 * separator per number. Amounts: the same, plus a decimal comma with one or two places
 * ("1.234,50", "1234,5"), returned as integer euro cents. Anything else ("12,5" for a whole
 * number, "1.23.4", "1234.50", "abc") is refused rather than guessed.
 */

/** How a message names the field: "die Einwohnerzahl" / "Die Einwohnerzahl". */
export interface FieldName {
  /** Accusative, as in "Bitte geben Sie … an." */
  accusative: string;
  /** Nominative, as in "… ist keine ganze Zahl."; defaults to the capitalised accusative. */
  nominative?: string;
}

const SPACES = "\u0020\u00a0\u202f\u2009";
const GROUPED = new RegExp(`^(\\d{1,3})((?:[.${SPACES}]\\d{3})+)$`);
const MINUS = /^[-\u2212]/;

/** The integer part: "12500", "12.500", "12 500". Null when it is not one of those. */
function parseDigits(text: string): bigint | null {
  if (/^\d+$/.test(text)) return BigInt(text);
  const grouped = GROUPED.exec(text);
  if (!grouped) return null;
  const separators = new Set(grouped[2].replace(/\d/g, ""));
  if (separators.size !== 1) return null;
  return BigInt(grouped[1] + grouped[2].replace(/\D/g, ""));
}

function splitSign(raw: string): { negative: boolean; rest: string } {
  const text = raw.trim();
  return MINUS.test(text) ? { negative: true, rest: text.slice(1).trimStart() } : { negative: false, rest: text };
}

function toSafeNumber(value: bigint, negative: boolean): number {
  const n = Number(negative ? -value : value);
  // Beyond the safe range: a value the schema's min/max refuses, with its message.
  return Number.isSafeInteger(n) ? n : negative ? -Number.MAX_VALUE : Number.MAX_VALUE;
}

/** "12.500" → 12500; "" → undefined; garbage → NaN. */
export function parseGermanInteger(input: unknown): number | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === "number") return input;
  if (typeof input !== "string") return Number.NaN;
  if (input.trim() === "") return undefined;
  const { negative, rest } = splitSign(input);
  const digits = parseDigits(rest);
  return digits === null ? Number.NaN : toSafeNumber(digits, negative);
}

/** "1.234,50" → 123450 cents; "1234,5" → 123450; "1234" → 123400; "" → undefined; garbage → NaN. */
export function parseGermanAmountCents(input: unknown): number | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === "number") return Number.isInteger(input) ? input : Number.NaN;
  if (typeof input !== "string") return Number.NaN;
  if (input.trim() === "") return undefined;
  const { negative, rest } = splitSign(input.trim().replace(/\s*(€|EUR)$/i, ""));
  const match = /^([^,]+)(?:,(\d{1,2}))?$/.exec(rest);
  if (!match) return Number.NaN;
  const euros = parseDigits(match[1]);
  if (euros === null) return Number.NaN;
  const cents = BigInt((match[2] ?? "0").padEnd(2, "0"));
  return toSafeNumber(euros * 100n + cents, negative);
}

const thousands = (n: number) =>
  `${n < 0 ? "-" : ""}${Math.abs(Math.trunc(n))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;
const euro = (cents: number) => `${thousands(Math.trunc(cents / 100))},${String(Math.abs(cents % 100)).padStart(2, "0")}\u00a0€`;

function names(field: FieldName) {
  const nominative = field.nominative ?? field.accusative.charAt(0).toUpperCase() + field.accusative.slice(1);
  return { accusative: field.accusative, nominative };
}

/** A whole number typed the German way; min/max messages in German, with German digit groups. */
export function germanInteger(field: FieldName, { min, max }: { min?: number; max?: number } = {}) {
  const { accusative, nominative } = names(field);
  let schema: z.ZodNumber = z
    .number({ required_error: `Bitte geben Sie ${accusative} an.`, invalid_type_error: `${nominative} ist keine ganze Zahl.` })
    .int(`${nominative} ist keine ganze Zahl.`);
  schema = schema.min(min ?? -Number.MAX_SAFE_INTEGER, min !== undefined ? `${nominative} muss mindestens ${thousands(min)} sein.` : `${nominative} ist keine ganze Zahl.`);
  schema = schema.max(max ?? Number.MAX_SAFE_INTEGER, max !== undefined ? `${nominative} darf höchstens ${thousands(max)} sein.` : `${nominative} ist keine ganze Zahl.`);
  return z.preprocess(parseGermanInteger, schema);
}

/** An amount in euros typed the German way ("1.234,50"), parsed to integer cents. */
export function germanAmountCents(field: FieldName, { min, max }: { min?: number; max?: number } = {}) {
  const { accusative, nominative } = names(field);
  let schema: z.ZodNumber = z
    .number({ required_error: `Bitte geben Sie ${accusative} an.`, invalid_type_error: `${nominative} ist kein gültiger Betrag.` })
    .int(`${nominative} ist kein gültiger Betrag.`);
  schema = schema.min(min ?? -Number.MAX_SAFE_INTEGER, min !== undefined ? `${nominative} muss mindestens ${euro(min)} betragen.` : `${nominative} ist kein gültiger Betrag.`);
  schema = schema.max(max ?? Number.MAX_SAFE_INTEGER, max !== undefined ? `${nominative} darf höchstens ${euro(max)} betragen.` : `${nominative} ist kein gültiger Betrag.`);
  return z.preprocess(parseGermanAmountCents, schema);
}
