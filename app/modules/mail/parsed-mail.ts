import PostalMime, { type Attachment, type Email } from "postal-mime";

/**
 * Reading stored or received mail: the built-in mailbox and inbound mail (issue 7 items 3 and 9)
 * parse with postal-mime the same way and read attachments through these two functions.
 */
export function parseMail(raw: string | Uint8Array | ArrayBuffer): Promise<Email> {
  return PostalMime.parse(raw);
}

export const isCalendarType = (mimeType: string) => mimeType === "text/calendar" || mimeType === "application/ics";

/**
 * The part's bytes. postal-mime hands calendar parts back with LF line endings; iCalendar wants
 * CRLF (RFC 5545 3.1, ACCEPTANCE F32), so the download gets them back as they were sent.
 */
export function attachmentBytes(a: Attachment): Uint8Array<ArrayBuffer> {
  const { content } = a;
  if (isCalendarType(a.mimeType)) {
    const text = typeof content === "string" ? content : new TextDecoder().decode(content);
    return new TextEncoder().encode(text.replace(/\r?\n/g, "\r\n"));
  }
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? Uint8Array.from(content) : new Uint8Array(content);
}

/** Calendar parts inside multipart/alternative carry no file name; give them a usable one. */
export function attachmentName(a: Attachment, index: number): string {
  if (a.filename) return a.filename;
  if (a.mimeType === "text/calendar") return "termin.ics";
  return `anhang-${index + 1}`;
}
