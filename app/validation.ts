import { z } from "zod";
import { notFound } from "~/errors";

export const NO_CONTROL_CHARACTERS = "Bitte keine Steuerzeichen verwenden.";

/**
 * Every typed text field starts here (ACCEPTANCE D16): trimmed, and without control characters
 * (NUL and the other C0 and C1 codes, DEL). Nobody types them, PostgreSQL refuses NUL in text,
 * and the person gets a German field error instead of a 500. The checks run in order, so the
 * trim comes first and a pasted trailing tab or line break is simply dropped.
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  z.string(params).trim().regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, NO_CONTROL_CHARACTERS);

/** The `page` query parameter of paged lists (mailbox, audit trail). */
export const pageNumber = z
  .number({ invalid_type_error: "Bitte eine gültige Seitenzahl angeben." })
  .int("Bitte eine gültige Seitenzahl angeben.")
  .min(1, "Bitte eine gültige Seitenzahl angeben.")
  .max(100_000, "Bitte eine gültige Seitenzahl angeben.")
  .default(1);

/**
 * A list page's query filters, each checked on its own (D18): a bad value drops only that filter
 * and gives a German message for the field `filter-<key>`; empty values are no filter at all.
 */
export function parseQueryFilters<S extends Record<string, z.ZodTypeAny>>(
  params: URLSearchParams,
  schemas: S,
  messageFor: (key: keyof S & string, error: z.ZodError) => string,
): { value: Partial<{ [K in keyof S]: z.infer<S[K]> }>; errors: { id: string; message: string }[] } {
  const value: Partial<{ [K in keyof S]: z.infer<S[K]> }> = {};
  const errors: { id: string; message: string }[] = [];
  for (const key of Object.keys(schemas) as (keyof S & string)[]) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = schemas[key].safeParse(raw);
    if (parsed.success) value[key] = parsed.data === "" ? undefined : parsed.data;
    else errors.push({ id: `filter-${key}`, message: messageFor(key, parsed.error) });
  }
  return { value, errors };
}

/**
 * The key of `?erledigt=` (the message after a redirect) when it is one of the page's own keys, or
 * null. Only own keys: "constructor", "__proto__" or "toString" name no message (they would hand
 * the page a function, or fail it with a 500).
 */
export function doneKey<K extends string>(messages: Record<K, string>, key: string | null | undefined): K | null {
  return key && Object.hasOwn(messages, key) ? (key as K) : null;
}

/** The message for `?erledigt=`, or null (see doneKey). */
export function doneMessage<K extends string>(messages: Record<K, string>, key: string | null | undefined): string | null {
  const own = doneKey(messages, key);
  return own ? messages[own] : null;
}

/** The largest id a serial column holds (PostgreSQL's integer); a larger one fails the query. */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether a number can be a row's id: a whole number from 1 to MAX_ROW_ID. */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;
}

/** A row id as a URL or form sends it: plain digits from 1 to MAX_ROW_ID ("1e0", "0x1", " 1" are none); anything else null. */
export function parseRowId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return isRowId(id) ? id : null;
}

/** The row id a URL names (a path segment, a query value): parseRowId, or else the 404 (no row has that id). */
export function rowIdOrNotFound(value: string | null | undefined): number {
  const id = parseRowId(value);
  if (id === null) notFound();
  return id;
}

/** A form field or query filter holding a row id (zod): 1 to MAX_ROW_ID. */
export const rowIdField = () => z.coerce.number().int().positive().max(MAX_ROW_ID);
