import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { attachmentHeaders, checkAttachment, detectFileType, MAX_ATTACHMENT_BYTES, safeFileName } from "./attachments";

// Tiny but valid files, built here so that every byte of a sample is visible.
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function pngChunk(type: string, data: Uint8Array) {
  const body = bytes(type, data);
  return bytes(be32(data.length), body, be32(crc32(body)));
}
/** A 1×1 white PNG: signature, IHDR, IDAT (one filter byte and one grey pixel), IEND. */
const PNG_1X1 = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pngChunk("IHDR", bytes(be32(1), be32(1), [8, 0, 0, 0, 0])),
  pngChunk("IDAT", deflateSync(Buffer.from([0, 0xff]))),
  pngChunk("IEND", new Uint8Array()),
);
/** SOI, a JFIF APP0 segment, EOI. */
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], u16(16).reverse(), "JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]);
/** The classic 1×1 transparent GIF. */
const GIF_1X1 = bytes("GIF89a", u16(1), u16(1), [0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0], "!\xf9\x04\x01\0\0\0\0", ",\0\0\0\0", u16(1), u16(1), [0, 2, 2, 0x44, 1, 0], ";");
/** A 1×1 lossless WebP: RIFF header and a VP8L chunk. */
const VP8L = [0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0];
const WEBP_1X1 = bytes("RIFF", u32(4 + 8 + VP8L.length), "WEBP", "VP8L", u32(VP8L.length - 1), VP8L);
const PDF = bytes("%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

/** A ZIP with stored (uncompressed) entries: local headers, the central directory, its end record. */
function zip(entries: [name: string, content: string][]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const common = bytes(u16(20), u16(0), u16(0), u16(0), u16(0x21), u32(crc32(data)), u32(data.length), u32(data.length), u16(name.length));
    const local = bytes(u32(0x04034b50), common, u16(0), name, data);
    centrals.push(bytes(u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = bytes(u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0));
  return Buffer.concat([...locals, directory, end]);
}
const CONTENT_TYPES: [string, string] = ["[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'];
const RELS: [string, string] = ["_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'];
const DOCX = zip([CONTENT_TYPES, RELS, ["word/document.xml", "<w:document/>"]]);
const XLSX = zip([CONTENT_TYPES, RELS, ["xl/workbook.xml", "<workbook/>"]]);
const PPTX = zip([CONTENT_TYPES, RELS, ["ppt/presentation.xml", "<p:presentation/>"]]);
const odf = (type: string) => zip([["mimetype", type], ["content.xml", "<office:document-content/>"], ["META-INF/manifest.xml", "<manifest:manifest/>"]]);

/**
 * A compound file (MS-CFB version 3 with 512-byte sectors, or version 4 with 4096): sector 0 is
 * the FAT, the directory follows in as many sectors as the entries need, chained through the FAT.
 */
function ole(streams: string[], sectorSize: 512 | 4096 = 512) {
  const entries = ["Root Entry", ...streams].map((name, i) => {
    const entry = Buffer.alloc(128);
    entry.write(name, 0, "utf16le");
    entry.writeUInt16LE((name.length + 1) * 2, 0x40);
    entry[0x42] = i === 0 ? 5 : 2;
    entry.writeUInt32LE(0xfffffffe, 0x74);
    return entry;
  });
  const dirSectors = Math.ceil((entries.length * 128) / sectorSize);
  const header = Buffer.alloc(sectorSize, 0);
  header.fill(0xff, 0x4c, 512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(sectorSize === 512 ? 3 : 4, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(sectorSize === 512 ? 9 : 12, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(1, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.writeUInt32LE(0, 0x4c);
  const fat = Buffer.alloc(sectorSize, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  for (let s = 1; s <= dirSectors; s++) fat.writeUInt32LE(s === dirSectors ? 0xfffffffe : s + 1, s * 4);
  const directory = Buffer.alloc(dirSectors * sectorSize);
  entries.forEach((entry, i) => directory.set(entry, i * 128));
  return Buffer.concat([header, fat, directory]);
}

const MZ = bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0], "This program cannot be run in DOS mode.");
const ELF = bytes([0x7f], "ELF", [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe("issue 7 item 8, D20: detectFileType reads the type from the bytes", () => {
  it.each([
    ["PNG", PNG_1X1, "image/png", "png"],
    ["JPEG", JPEG, "image/jpeg", "jpg"],
    ["GIF", GIF_1X1, "image/gif", "gif"],
    ["WebP", WEBP_1X1, "image/webp", "webp"],
    ["PDF", PDF, "application/pdf", "pdf"],
    ["docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
    ["xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
    ["pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"],
    ["odt", odf("application/vnd.oasis.opendocument.text"), "application/vnd.oasis.opendocument.text", "odt"],
    ["ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet", "ods"],
    ["doc", ole(["WordDocument", "\u0001CompObj", "\u0005SummaryInformation"]), "application/msword", "doc"],
    ["xls", ole(["Workbook", "\u0005SummaryInformation"]), "application/vnd.ms-excel", "xls"],
    ["xls (Excel 5 stream name)", ole(["Book"]), "application/vnd.ms-excel", "xls"],
    // Entry names are the author's: one named like an object's own property is just another entry.
    ["doc with an entry named constructor before its main stream", ole(["constructor", "WordDocument"]), "application/msword", "doc"],
    ["ppt", ole(["PowerPoint Document", "Current User"]), "application/vnd.ms-powerpoint", "ppt"],
    ["doc with 4096-byte sectors (CFB version 4)", ole(["WordDocument", "1Table"], 4096), "application/msword", "doc"],
    ["odp", odf("application/vnd.oasis.opendocument.presentation"), "application/vnd.oasis.opendocument.presentation", "odp"],
    ["doc with its main stream in the third directory sector", ole(["1Table", "Data", "ObjectPool", "\u0001CompObj", "\u0001Ole", "\u0003ObjInfo", "\u0005SummaryInformation", "\u0005DocumentSummaryInformation", "WordDocument"]), "application/msword", "doc"],
    ["UTF-8 text", bytes("Fehlerprotokoll: Übertragung an EWOS fehlgeschlagen\r\n"), "text/plain", "txt"],
    ["UTF-8 text with a BOM", bytes([0xef, 0xbb, 0xbf], "Gemeinde;Einwohner\r\n"), "text/plain", "txt"],
    ["Latin-1 text", bytes("Gr\xfc\xdfe aus M\xfcnster\n"), "text/plain", "txt"],
    ["a log with ANSI colours and tabs", bytes("\x1b[31mERROR\x1b[0m\t2026-12-01 10:00 Verbindung abgelehnt\n"), "text/plain", "txt"],
  ])("%s", (_label, sample, mimeType, extension) => {
    expect(detectFileType(sample)).toMatchObject({ mimeType, extension });
  });

  it.each([
    ["an executable (MZ)", MZ],
    ["an ELF binary", ELF],
    ["HTML", bytes("<!DOCTYPE html><html><script>alert(1)</script></html>")],
    ["HTML fragment after blank lines", bytes("\n\n  <script>alert(document.cookie)</script>")],
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["SVG with an XML declaration", bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["HTML behind a UTF-8 BOM", bytes([0xef, 0xbb, 0xbf], "<html><body>x</body></html>")],
    ["text with a NUL byte", bytes("Zeile 1\n\0Zeile 2\n")],
    ["UTF-16 text (NUL bytes)", Buffer.from("\ufeffHallo", "utf16le")],
    ["a plain ZIP", zip([["bericht.pdf", "%PDF-1.4"]])],
    ["a Java archive", zip([["META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"], ["Main.class", "\xca\xfe\xba\xbe"]])],
    ["a ZIP with [Content_Types].xml but no Office part", zip([CONTENT_TYPES, ["payload.exe", "MZ"]])],
    ["a ZIP whose mimetype is not OpenDocument", zip([["mimetype", "application/epub+zip"], ["content.opf", "<package/>"]])],
    ["a truncated ZIP", DOCX.subarray(0, 60)],
    ["a compound file that is an installer (.msi)", ole(["\u4840\u3f3f\u4577\u446c\u3b6a\u45e4\u4824", "\u0005SummaryInformation"])],
    ["a truncated compound file", ole(["WordDocument"]).subarray(0, 300)],
    // Entry names are the uploader's: a name every object has is no Office stream.
    ["a compound file whose entries are named constructor and __proto__", ole(["constructor", "__proto__", "toString"])],
    ["a ZIP whose mimetype names an inherited property", odf("constructor")],
    ["a ZIP whose mimetype is __proto__", odf("__proto__")],
    ["nothing", new Uint8Array()],
  ])("refuses %s", (_label, sample) => {
    expect(detectFileType(sample)).toBeNull();
  });
});

const typeError = (name: string) =>
  `Die Datei „${name}“ hat ein Format, das nicht angenommen wird. Erlaubt sind Bilder (PNG, JPEG, GIF, WebP), PDF, Office-Dokumente und Textdateien.`;

describe("issue 7 item 8, D20: checkAttachment", () => {
  it("accepts a PDF with its detected type, safe name and size", () => {
    expect(checkAttachment({ name: "Protokoll.pdf", bytes: PDF })).toEqual({
      ok: true,
      file: { mimeType: "application/pdf", extension: "pdf", label: "PDF", name: "Protokoll.pdf", size: PDF.length },
    });
  });

  it("a renamed executable is refused, whatever its name claims", () => {
    for (const name of ["bericht.pdf", "foto.png", "liesmich.txt", "setup.exe"]) {
      expect(checkAttachment({ name, bytes: MZ })).toEqual({ ok: false, reason: "type", error: typeError(name) });
    }
  });

  it("a name that claims another type gets the detected extension appended", () => {
    const check = (name: string, sample: Uint8Array) => {
      const result = checkAttachment({ name, bytes: sample });
      return result.ok ? result.file.name : result.error;
    };
    expect(check("bericht.exe", PDF)).toBe("bericht.exe.pdf");
    expect(check("foto.png", JPEG)).toBe("foto.png.jpg");
    expect(check("tabelle.docx", XLSX)).toBe("tabelle.docx.xlsx");
    expect(check("scan", PNG_1X1)).toBe("scan.png");
    // Equal spellings stay as the user wrote them.
    expect(check("Foto.JPEG", JPEG)).toBe("Foto.JPEG");
    expect(check("SCAN.PDF", PDF)).toBe("SCAN.PDF");
  });

  it("text is accepted as .txt, .log or .csv only; scripts and markup are refused", () => {
    const text = bytes("echo hallo\n");
    expect(checkAttachment({ name: "fehler.log", bytes: text })).toMatchObject({ ok: true, file: { name: "fehler.log", extension: "log", mimeType: "text/plain" } });
    expect(checkAttachment({ name: "liste.CSV", bytes: text })).toMatchObject({ ok: true, file: { name: "liste.CSV", extension: "csv" } });
    expect(checkAttachment({ name: "notiz", bytes: text })).toMatchObject({ ok: true, file: { name: "notiz.txt", extension: "txt" } });
    for (const name of ["start.sh", "start.bat", "start.ps1", "app.js", "seite.html", "bild.svg"]) {
      expect(checkAttachment({ name, bytes: text })).toEqual({ ok: false, reason: "type", error: typeError(name) });
    }
    expect(checkAttachment({ name: "seite.txt", bytes: bytes("<html><script>alert(1)</script>") })).toMatchObject({ ok: false, reason: "type" });
    expect(checkAttachment({ name: "bild.txt", bytes: bytes("<svg onload=alert(1)>") })).toMatchObject({ ok: false, reason: "type" });
    expect(checkAttachment({ name: "daten.txt", bytes: bytes("a\0b") })).toMatchObject({ ok: false, reason: "type" });
  });

  it("documents with macros are refused with their own message", () => {
    const docm = zip([CONTENT_TYPES, RELS, ["word/document.xml", "<w:document/>"], ["word/vbaProject.bin", "\xd0\xcf\x11\xe0"]]);
    const xlsWithMacros = ole(["Workbook", "_VBA_PROJECT_CUR"]);
    const odtWithMacros = zip([["mimetype", "application/vnd.oasis.opendocument.text"], ["content.xml", "<x/>"], ["Basic/Standard/Module1.xml", "<script/>"]]);
    for (const [name, sample] of [["brief.docm", docm], ["liste.xls", xlsWithMacros], ["text.odt", odtWithMacros]] as const) {
      expect(detectFileType(sample)).toBeNull();
      expect(checkAttachment({ name, bytes: sample })).toEqual({
        ok: false,
        reason: "macros",
        error: `Die Datei „${name}“ enthält Makros. Dokumente mit Makros werden nicht angenommen; bitte speichern Sie sie ohne Makros.`,
      });
    }
  });

  it("the size limit is 10 MiB exactly: 10 MiB passes, one byte more is refused", () => {
    expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    const exact = new Uint8Array(MAX_ATTACHMENT_BYTES);
    exact.set(PDF);
    expect(checkAttachment({ name: "gross.pdf", bytes: exact })).toMatchObject({ ok: true, file: { size: 10_485_760 } });
    const over = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    over.set(PDF);
    expect(checkAttachment({ name: "zu-gross.pdf", bytes: over })).toEqual({ ok: false, reason: "too-large", error: "Die Datei „zu-gross.pdf“ ist größer als 10 MB." });
    expect(checkAttachment({ name: "klein.pdf", bytes: PDF }, { maxBytes: 100 })).toMatchObject({ ok: false, reason: "too-large" });
    expect(checkAttachment({ name: "bild.png", bytes: new Uint8Array(600_000) }, { maxBytes: 512 * 1024 })).toMatchObject({ error: "Die Datei „bild.png“ ist größer als 0,5 MB." });
  });

  it("an empty file is refused", () => {
    expect(checkAttachment({ name: "leer.txt", bytes: new Uint8Array() })).toEqual({ ok: false, reason: "empty", error: "Die Datei „leer.txt“ ist leer." });
  });
});

describe("D20: safeFileName", () => {
  it.each([
    ["C:\\Users\\mueller\\Desktop\\bericht.pdf", "bericht.pdf"],
    ["../../etc/passwd", "passwd"],
    ["/var/log/../syslog.log", "syslog.log"],
    ["Übersicht „Q4“.pdf", "Übersicht „Q4“.pdf"],
    ["Gr\u0075\u0308\u00dfe.txt", "Grüße.txt"], // macOS sends decomposed umlauts
    ['Angebot "final".pdf', "Angebot _final_.pdf"],
    ["a<b>c:d|e?f*.pdf", "a_b_c_d_e_f_.pdf"],
    ["Zeile\r\nBcc: x@example.com.pdf", "ZeileBcc_ x@example.com.pdf"],
    ["tab\there.txt", "tabhere.txt"],
    ["rechnung\u202efdp.exe", "rechnungfdp.exe"], // a right-to-left override would show "rechnungexe.pdf"
    ["  .versteckt.txt.  ", "versteckt.txt"],
    ["CON.txt", "_CON.txt"],
    ["nul", "_nul"],
    ["...", "anhang"],
    ["", "anhang"],
  ])("%j → %j", (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it("long names are cut, keeping the extension", () => {
    const name = safeFileName(`${"ä".repeat(400)}.pdf`);
    expect(name).toHaveLength(143);
    expect(name).toMatch(/^ä+\.pdf$/);
  });
});

describe("D20: attachmentHeaders", () => {
  it('"Übersicht „Q4“.pdf" gets an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987)', () => {
    expect(attachmentHeaders({ name: "Übersicht „Q4“.pdf", mimeType: "application/pdf", size: 1234 })).toEqual({
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="Ubersicht _Q4_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%E2%80%9EQ4%E2%80%9C.pdf`,
      "Content-Length": "1234",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    });
  });

  it("text is declared as UTF-8; markup, script and malformed types as plain bytes", () => {
    const type = (mimeType: string) => attachmentHeaders({ name: "x", mimeType })["Content-Type"];
    expect(type("text/plain")).toBe("text/plain; charset=utf-8");
    expect(type("image/png")).toBe("image/png");
    for (const active of ["text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "TEXT/HTML", "text/plain\r\nX-Evil: 1", ""]) {
      expect(type(active)).toBe("application/octet-stream");
    }
  });

  it("quotes, CRLF and RFC 5987 specials never break out of the header", () => {
    const headers = attachmentHeaders({ name: "a\"b\r\nSet-Cookie: x=1;'(1)*.txt", mimeType: "text/plain" });
    expect(headers["Content-Disposition"]).toBe(`attachment; filename="a_bSet-Cookie_ x_1_1__.txt"; filename*=UTF-8''a_bSet-Cookie_%20x%3D1%3B%27%281%29_.txt`);
    expect(Object.values(headers).join("")).not.toMatch(/[\r\n]/);
    expect(attachmentHeaders({ name: "x", mimeType: "text/plain" })).not.toHaveProperty("Content-Length");
  });
});
