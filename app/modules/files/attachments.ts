/**
 * Uploaded attachments (issue 7 item 8, issue 9's working-group documents; ACCEPTANCE D20): the
 * type comes from the bytes, never from the name or the client's Content-Type; the stored name is
 * made safe; downloads always go out as `attachment` with `nosniff` and a sandbox CSP.
 * Pure: no database, no file system. Decisions in docs/decisions/ and the report of this branch.
 */

export type DetectedFileType = { mimeType: string; extension: string; label: string };

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const PNG: DetectedFileType = { mimeType: "image/png", extension: "png", label: "PNG" };
const JPEG: DetectedFileType = { mimeType: "image/jpeg", extension: "jpg", label: "JPEG" };
const GIF: DetectedFileType = { mimeType: "image/gif", extension: "gif", label: "GIF" };
const WEBP: DetectedFileType = { mimeType: "image/webp", extension: "webp", label: "WebP" };
const PDF: DetectedFileType = { mimeType: "application/pdf", extension: "pdf", label: "PDF" };
const TEXT: DetectedFileType = { mimeType: "text/plain", extension: "txt", label: "Text" };

const OOXML: Record<string, DetectedFileType> = {
  "word/": { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx", label: "Word" },
  "xl/": { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx", label: "Excel" },
  "ppt/": { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extension: "pptx", label: "PowerPoint" },
};

const OPEN_DOCUMENT: Record<string, DetectedFileType> = {
  "application/vnd.oasis.opendocument.text": { mimeType: "application/vnd.oasis.opendocument.text", extension: "odt", label: "OpenDocument-Text" },
  "application/vnd.oasis.opendocument.spreadsheet": { mimeType: "application/vnd.oasis.opendocument.spreadsheet", extension: "ods", label: "OpenDocument-Tabelle" },
  "application/vnd.oasis.opendocument.presentation": { mimeType: "application/vnd.oasis.opendocument.presentation", extension: "odp", label: "OpenDocument-Präsentation" },
};

/** Legacy Office files: a compound file (OLE) whose root holds the application's main stream. */
const OLE_STREAMS: Record<string, DetectedFileType> = {
  WordDocument: { mimeType: "application/msword", extension: "doc", label: "Word" },
  Workbook: { mimeType: "application/vnd.ms-excel", extension: "xls", label: "Excel" },
  Book: { mimeType: "application/vnd.ms-excel", extension: "xls", label: "Excel" },
  "PowerPoint Document": { mimeType: "application/vnd.ms-powerpoint", extension: "ppt", label: "PowerPoint" },
};
/** Storages and streams that carry VBA macros: such documents are refused (see checkAttachment). */
const OLE_MACRO_ENTRIES = new Set(["Macros", "_VBA_PROJECT_CUR", "_VBA_PROJECT", "VBA"]);

/** Every type this module accepts, for allow-list checks when serving. */
export const ACCEPTED_MIME_TYPES: ReadonlySet<string> = new Set(
  [PNG, JPEG, GIF, WEBP, PDF, TEXT, ...Object.values(OOXML), ...Object.values(OPEN_DOCUMENT), ...Object.values(OLE_STREAMS)].map((t) => t.mimeType),
);

/** File-name extensions under which a text file is accepted; any other (.sh, .js, .html …) is refused. */
const TEXT_EXTENSIONS = new Set(["txt", "log", "csv"]);
/** Other spellings of a detected type's extension that are kept as the user wrote them. */
const EXTENSION_ALIASES: Record<string, string[]> = { jpg: ["jpeg", "jpe", "jfif"] };

type Detection = DetectedFileType | { macros: true } | null;

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type by magic bytes, or null when it is not one this portal accepts. */
export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  const detected = detect(bytes);
  return detected && "mimeType" in detected ? detected : null;
}

function detect(bytes: Uint8Array): Detection {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return GIF;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return WEBP;
  if (startsWith(bytes, ascii("%PDF-"))) return PDF;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return detectOle(bytes);
  return isPlainText(bytes) ? TEXT : null;
}

/** ZIP: the names in the central directory (APPNOTE 4.3.12/4.3.16); ZIP64 is refused (no 10 MB file needs it). */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let eocd = bytes.length - 22; eocd >= lowest; eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
      const nameLength = view.getUint16(at + 28, true);
      const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      if (next > bytes.length) return null;
      names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
      at = next;
    }
    return names;
  }
  return null;
}

function detectZip(bytes: Uint8Array): Detection {
  const names = zipEntryNames(bytes);
  if (!names) return null;
  if (names.includes("[Content_Types].xml")) {
    const part = Object.keys(OOXML).find((prefix) => names.some((n) => n.startsWith(prefix)));
    if (!part) return null;
    return names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n)) ? { macros: true } : OOXML[part];
  }
  // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the type (ODF 1.2 part 3, 3.3).
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 30 || view.getUint16(8, true) !== 0) return null;
  const nameLength = view.getUint16(26, true);
  const start = 30 + nameLength + view.getUint16(28, true);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  if (name !== "mimetype") return null;
  const type = new TextDecoder().decode(bytes.subarray(start, start + view.getUint32(18, true)));
  const known = Object.hasOwn(OPEN_DOCUMENT, type) ? OPEN_DOCUMENT[type] : null;
  if (!known) return null;
  return names.some((n) => n.startsWith("Basic/") || n.startsWith("Scripts/")) ? { macros: true } : known;
}

/** Compound file (MS-CFB): the names in the directory chain, read through the FAT. */
function oleEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorCount = Math.floor(bytes.length / size) - 1;
  const offset = (sector: number) => (sector + 1) * size;
  // Free, end-of-chain and out-of-range sector numbers all end a chain.
  const inFile = (sector: number) => sector >= 0 && sector < sectorCount;
  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(view.getUint32(0x4c + i * 4, true));
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; inFile(difat) && guard < sectorCount; guard++) {
    for (let i = 0; i < size / 4 - 1; i++) fatSectors.push(view.getUint32(offset(difat) + i * 4, true));
    difat = view.getUint32(offset(difat) + size - 4, true);
  }
  const fat = fatSectors.filter(inFile);
  const nextSector = (sector: number) => {
    const perSector = size / 4;
    const fatSector = fat[Math.floor(sector / perSector)];
    return fatSector === undefined ? -1 : view.getUint32(offset(fatSector) + (sector % perSector) * 4, true);
  };
  const names: string[] = [];
  let sector = view.getUint32(0x30, true);
  for (let guard = 0; inFile(sector) && guard < sectorCount; guard++) {
    for (let entry = offset(sector); entry < offset(sector) + size; entry += 128) {
      const nameBytes = Math.min(64, view.getUint16(entry + 0x40, true));
      const type = bytes[entry + 0x42];
      if (nameBytes < 2 || type === 0) continue;
      names.push(new TextDecoder("utf-16le").decode(bytes.subarray(entry, entry + nameBytes - 2)));
    }
    sector = nextSector(sector);
  }
  return names.length > 0 ? names : null;
}

function detectOle(bytes: Uint8Array): Detection {
  const names = oleEntryNames(bytes);
  if (!names) return null;
  const main = names.find((n) => Object.hasOwn(OLE_STREAMS, n));
  if (!main) return null; // installers (.msi), Outlook items, encrypted OOXML …
  return names.some((n) => OLE_MACRO_ENTRIES.has(n)) ? { macros: true } : OLE_STREAMS[main];
}

/** What browsers sniff as markup (WHATWG MIME Sniffing 7.1): never accepted as a text file. */
const MARKUP = /^\s*<(!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--|style|title|div|a|p|b|br|h1|font|table|img|object|embed)[\s>/]/i;

/**
 * Plain text: no NUL and no control characters but tab, line breaks, form feed and ESC (coloured
 * logs). Every such byte string is valid Latin-1 (and valid UTF-8 passes too), so nothing needs
 * decoding to be accepted; markup is ASCII, so reading the start as Latin-1 finds it in either.
 */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) return false;
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return !MARKUP.test(new TextDecoder("latin1").decode(bytes.subarray(bom, bom + 1024)));
}

const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
const MAX_NAME_LENGTH = 150;

/**
 * The user's file name, safe to store and to offer for download: no path, no control or bidi
 * characters, no characters Windows reserves, NFC (umlauts from macOS stay one character).
 */
export function safeFileName(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const safe = WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
  if (safe.length <= MAX_NAME_LENGTH) return safe || "anhang";
  const extension = extensionOf(safe).slice(0, 10);
  const stem = [...safe.slice(0, safe.length - (extension ? extension.length + 1 : 0))].slice(0, MAX_NAME_LENGTH - 11).join("");
  return extension ? `${stem}.${extension}` : stem;
}

export type CheckedAttachment = DetectedFileType & { name: string; size: number };
export type AttachmentRefusal = { ok: false; reason: "empty" | "too-large" | "type" | "macros"; error: string };

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString("de-DE", { maximumFractionDigits: 1 });

/**
 * Checks an upload. A binary type whose name carries another extension keeps the user's name with
 * the right extension appended ("bericht.exe" that is a PDF is stored as "bericht.exe.pdf"), so
 * the name never claims a type the bytes are not. Text has no magic bytes: it is accepted only as
 * .txt, .log or .csv (or without an extension, then .txt is added), so scripts are refused.
 * `reason: "too-large"` is the route's cue for 413 (ACCEPTANCE D20).
 */
export function checkAttachment(
  upload: { name: string; bytes: Uint8Array },
  options: { maxBytes?: number } = {},
): { ok: true; file: CheckedAttachment } | AttachmentRefusal {
  const maxBytes = options.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const name = safeFileName(upload.name);
  const size = upload.bytes.byteLength;
  if (size === 0) return { ok: false, reason: "empty", error: `Die Datei „${name}“ ist leer.` };
  if (size > maxBytes) return { ok: false, reason: "too-large", error: `Die Datei „${name}“ ist größer als ${megabytes(maxBytes)} MB.` };
  const detected = detect(upload.bytes);
  if (detected && "macros" in detected) {
    return { ok: false, reason: "macros", error: `Die Datei „${name}“ enthält Makros. Dokumente mit Makros werden nicht angenommen; bitte speichern Sie sie ohne Makros.` };
  }
  const extension = extensionOf(name);
  const refused: AttachmentRefusal = {
    ok: false,
    reason: "type",
    error: `Die Datei „${name}“ hat ein Format, das nicht angenommen wird. Erlaubt sind Bilder (PNG, JPEG, GIF, WebP), PDF, Office-Dokumente und Textdateien.`,
  };
  if (!detected) return refused;
  if (detected === TEXT) {
    if (!extension) return { ok: true, file: { ...TEXT, name: `${name}.txt`, size } };
    return TEXT_EXTENSIONS.has(extension) ? { ok: true, file: { ...TEXT, extension, name, size } } : refused;
  }
  const fits = extension === detected.extension || (EXTENSION_ALIASES[detected.extension] ?? []).includes(extension);
  return { ok: true, file: { ...detected, name: fits ? name : `${name}.${detected.extension}`, size } };
}

/** Types a browser might render or run: never declared, even for a download. */
const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript)$/;
const WELL_FORMED_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** RFC 5987 ext-value characters: everything else is percent-encoded. */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Response headers for downloading a file: always `attachment` (ASCII fallback plus the exact
 * UTF-8 name, RFC 6266 / RFC 5987), `nosniff`, a sandbox CSP in case it is opened anyway, and no
 * caching. Text types are declared as UTF-8; markup and script types as plain bytes. The one way
 * to serve an attachment: tickets, working groups and the mailbox use it.
 */
export function attachmentHeaders(file: { name: string; mimeType: string; size?: number }): Record<string, string> {
  const name = safeFileName(file.name);
  const fallback =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._ -]+/g, "_")
      .slice(0, 100) || "anhang";
  const type = file.mimeType.toLowerCase();
  const contentType =
    !WELL_FORMED_TYPE.test(type) || ACTIVE_TYPES.test(type) ? "application/octet-stream" : type.startsWith("text/") ? `${type}; charset=utf-8` : type;
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`,
    ...(file.size === undefined ? {} : { "Content-Length": String(file.size) }),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
  };
}
