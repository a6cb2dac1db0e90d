import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import { woff2ToSfnt } from "./woff2.server";

/**
 * The portal's PDF layer (issue 8: attendance lists, certificates; issue 9: agendas, minutes).
 * pdfkit with the portal's own typeface, Fira Sans from the KERN package, embedded: the 14 standard
 * PDF fonts would silently garble "≥" or "Ł". A4 portrait (or landscape), a header with "KAI" and
 * the title, a footer "Seite X von Y", a table that wraps long cells and repeats its header row on
 * every page. `toBuffer()` finishes the document.
 */

// Resolved through the package, not relative to this file: the server runs from build/, where a
// relative path would point nowhere; node_modules is there in production.
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("@kern-ux/native/package.json")), "dist/fonts/fira-sans");

const FONT_FILES = { regular: "FiraSans-Regular.woff2", bold: "FiraSans-SemiBold.woff2" } as const;
type FontWeight = keyof typeof FONT_FILES;
const fontCache = new Map<FontWeight, Buffer>();

/** TrueType bytes of the weight, converted once per process (KERN ships WOFF2 only). */
export function fontData(weight: FontWeight): Buffer {
  let ttf = fontCache.get(weight);
  if (!ttf) {
    ttf = woff2ToSfnt(readFileSync(join(FONT_DIR, FONT_FILES[weight])));
    fontCache.set(weight, ttf);
  }
  return ttf;
}

const REGULAR = "Fira";
const BOLD = "Fira-Bold";
const TEXT = "#1b1b1b";
const MUTED = "#555555";
const RULE = "#8a8a8a";
const HEADER_FILL = "#e8edf3";

export interface PdfOptions {
  /** In the header of every page, and the document's title. */
  title: string;
  /** A second header line, e.g. the seminar's dates. */
  subtitle?: string;
  landscape?: boolean;
  /** The document's author field; "KAI" when not given. */
  author?: string;
}

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in these proportions. */
  width: number;
  align?: "left" | "center" | "right";
}

export interface TableOptions {
  columns: TableColumn[];
  rows: string[][];
  /** At least this tall, e.g. room for a signature. */
  minRowHeight?: number;
  fontSize?: number;
}

const PAD = 4;

export class PortalPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly options: PdfOptions;

  constructor(options: PdfOptions) {
    this.options = options;
    this.doc = new PDFDocument({
      size: "A4",
      layout: options.landscape ? "landscape" : "portrait",
      margins: { top: 78, bottom: 62, left: 56, right: 56 },
      bufferPages: true,
      lang: "de-DE",
      displayTitle: true,
      info: { Title: options.title, Author: options.author ?? "KAI", Creator: "KAI-Portal" },
    });
    this.doc.registerFont(REGULAR, fontData("regular"));
    this.doc.registerFont(BOLD, fontData("bold"));
    this.doc.font(REGULAR).fontSize(10.5).fillColor(TEXT);
  }

  get contentWidth() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get left() {
    return this.doc.page.margins.left;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Room for `height` points on this page, or a new page. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string, size = 16) {
    this.ensureSpace(size * 2.5);
    this.doc.font(BOLD).fontSize(size).fillColor(TEXT).text(text, this.left, this.doc.y, { width: this.contentWidth });
    this.doc.moveDown(0.4);
    this.doc.font(REGULAR).fontSize(10.5);
    return this;
  }

  paragraph(text: string, opts: { size?: number; bold?: boolean; align?: "left" | "center" | "right" | "justify"; muted?: boolean } = {}) {
    this.doc
      .font(opts.bold ? BOLD : REGULAR)
      .fontSize(opts.size ?? 10.5)
      .fillColor(opts.muted ? MUTED : TEXT)
      .text(text, this.left, this.doc.y, { width: this.contentWidth, align: opts.align ?? "left" });
    this.doc.moveDown(0.5).font(REGULAR).fontSize(10.5).fillColor(TEXT);
    return this;
  }

  /** Label–value lines ("Ort: …"), labels in bold in a narrow column. */
  facts(rows: [label: string, value: string][], labelWidth = 120) {
    const size = 10.5;
    for (const [label, value] of rows) {
      this.doc.font(REGULAR).fontSize(size);
      const height = Math.max(this.doc.heightOfString(value, { width: this.contentWidth - labelWidth }), size * 1.2);
      this.ensureSpace(height);
      const y = this.doc.y;
      this.doc.font(BOLD).text(label, this.left, y, { width: labelWidth - 8 });
      this.doc.font(REGULAR).text(value, this.left + labelWidth, y, { width: this.contentWidth - labelWidth });
      this.doc.y = y + height + 3;
    }
    this.doc.x = this.left;
    this.doc.moveDown(0.5);
    return this;
  }

  space(points: number) {
    this.doc.y += points;
    return this;
  }

  /**
   * A bordered table. Cells wrap; a row never splits across pages, and the header row repeats on
   * each page the table reaches. A cell taller than a page is cut with an ellipsis.
   */
  table({ columns, rows, minRowHeight = 0, fontSize = 9.5 }: TableOptions) {
    const doc = this.doc;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const maxCell = this.bottom - doc.page.margins.top - 40;

    const measure = (cells: string[], font: string) => {
      doc.font(font).fontSize(fontSize);
      let height = minRowHeight;
      cells.forEach((cell, i) => {
        const h = cell ? Math.min(doc.heightOfString(cell, { width: widths[i] - 2 * PAD }), maxCell) : 0;
        height = Math.max(height, h + 2 * PAD);
      });
      return Math.max(height, fontSize * 1.25 + 2 * PAD);
    };
    const drawRow = (cells: string[], height: number, header: boolean) => {
      const y = doc.y;
      if (header) doc.rect(this.left, y, this.contentWidth, height).fill(HEADER_FILL);
      doc.lineWidth(0.6).strokeColor(RULE);
      cells.forEach((cell, i) => {
        doc.rect(xs[i], y, widths[i], height).stroke();
        if (!cell) return;
        doc
          .font(header ? BOLD : REGULAR)
          .fontSize(fontSize)
          .fillColor(TEXT)
          .text(cell, xs[i] + PAD, y + PAD, { width: widths[i] - 2 * PAD, height: height - 2 * PAD, ellipsis: true, align: columns[i].align ?? "left" });
      });
      doc.x = this.left;
      doc.y = y + height;
    };

    const headerCells = columns.map((c) => c.header);
    const headerHeight = measure(headerCells, BOLD);
    const firstHeight = rows.length ? measure(rows[0], REGULAR) : 0;
    this.ensureSpace(headerHeight + firstHeight);
    drawRow(headerCells, headerHeight, true);
    for (const row of rows) {
      const height = measure(row, REGULAR);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawRow(headerCells, headerHeight, true);
      }
      drawRow(row, height, false);
    }
    doc.moveDown(0.8);
    return this;
  }

  /** Header and footer on every page, then the finished file. */
  async toBuffer(): Promise<Buffer> {
    const doc = this.doc;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on("data", (chunk: Buffer) => chunks.push(chunk));
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.on("error", reject);
    });
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      this.decorate(i - range.start + 1, range.count);
    }
    doc.end();
    return done;
  }

  private decorate(page: number, pages: number) {
    const doc = this.doc;
    const { left, right, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Writing below the bottom margin would add a page; lift it while the footer is drawn.
    doc.page.margins.bottom = 0;
    doc.font(BOLD).fontSize(15).fillColor(TEXT).text("KAI", left, 30, { width: 60, lineBreak: false });
    doc
      .font(BOLD)
      .fontSize(10)
      .text(this.options.title, left + 60, 30, { width: width - 60, align: "right", height: 13, ellipsis: true });
    if (this.options.subtitle) {
      doc
        .font(REGULAR)
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(this.options.subtitle, left + 60, 44, { width: width - 60, align: "right", height: 11, ellipsis: true });
    }
    doc
      .moveTo(left, 60)
      .lineTo(left + width, 60)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    const footerY = doc.page.height - bottom + 22;
    doc
      .moveTo(left, footerY - 6)
      .lineTo(left + width, footerY - 6)
      .lineWidth(0.5)
      .stroke();
    doc
      .font(REGULAR)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text("KAI – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik", left, footerY, { width: width - 100, lineBreak: false });
    doc.text(`Seite ${page} von ${pages}`, left + width - 100, footerY, { width: 100, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export function createPdf(options: PdfOptions) {
  return new PortalPdf(options);
}

/** A PDF download response; `inline` lets the browser show it. */
export function pdfResponse(pdf: Buffer, filename: string, { inline = true } = {}) {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${safe}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
