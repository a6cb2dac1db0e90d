import { brotliDecompressSync } from "node:zlib";

/**
 * WOFF2 → TrueType (sfnt), so pdfkit can embed the Fira Sans files that KERN ships (only WOFF2).
 *
 * Why: fontkit (inside pdfkit 0.20) opens WOFF2 but its subsetter copies glyph bytes out of the
 * *transformed* glyf table by the original loca offsets, which throws or embeds garbage. So we
 * undo the WOFF2 glyf/loca transform here (W3C WOFF2 §5) and hand pdfkit a plain TTF. Only what
 * the portal's fonts use is supported: a single font (no collection), glyf/loca transformed or
 * not, hmtx not transformed.
 */

const KNOWN_TAGS = (
  "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx " +
  "BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty " +
  "just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill"
)
  .match(/.{4}\s?/g)!
  .map((t) => t.slice(0, 4));

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  u8() {
    return this.buf.readUInt8(this.pos++);
  }
  u16() {
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  i16() {
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32() {
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number) {
    const v = this.buf.subarray(this.pos, this.pos + n);
    if (v.length !== n) throw new Error("WOFF2: truncated data");
    this.pos += n;
    return v;
  }
  base128() {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 0 && b === 0x80) throw new Error("WOFF2: bad UIntBase128");
      value = value * 128 + (b & 0x7f);
      if (!(b & 0x80)) return value;
    }
    throw new Error("WOFF2: UIntBase128 too long");
  }
  u255() {
    const code = this.u8();
    if (code === 253) return this.u16();
    if (code === 255) return this.u8() + 253;
    if (code === 254) return this.u8() + 506;
    return code;
  }
}

interface TableEntry {
  tag: string;
  origLength: number;
  transformed: boolean;
  data: Buffer;
}

function signed(flag: number, value: number) {
  return flag & 1 ? value : -value;
}

/** One point's delta from the triplet encoding (WOFF2 §5.2, table of 128 encodings). */
function readTriplet(flag: number, glyphs: Reader): [number, number] {
  if (flag < 10) return [0, signed(flag, ((flag >> 1) << 8) + glyphs.u8())];
  if (flag < 20) return [signed(flag, (((flag - 10) >> 1) << 8) + glyphs.u8()), 0];
  if (flag < 84) {
    const b0 = flag - 20;
    const b1 = glyphs.u8();
    return [signed(flag, 1 + (b0 & 0x30) + (b1 >> 4)), signed(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f))];
  }
  if (flag < 120) {
    const b0 = flag - 84;
    const dx = 1 + (Math.floor(b0 / 12) << 8) + glyphs.u8();
    const dy = 1 + (((b0 % 12) >> 2) << 8) + glyphs.u8();
    return [signed(flag, dx), signed(flag >> 1, dy)];
  }
  if (flag < 124) {
    const b1 = glyphs.u8();
    const b2 = glyphs.u8();
    const b3 = glyphs.u8();
    return [signed(flag, (b1 << 4) + (b2 >> 4)), signed(flag >> 1, ((b2 & 0x0f) << 8) + b3)];
  }
  return [signed(flag, glyphs.u16()), signed(flag >> 1, glyphs.u16())];
}

/** Plain glyf bytes for one simple glyph (no flag repeats: smaller code beats smaller fonts here). */
function encodeSimple(endPts: number[], xs: number[], ys: number[], onCurve: boolean[], instructions: Buffer, bbox: number[], overlap: boolean) {
  const flags: number[] = [];
  const xBytes: number[] = [];
  const yBytes: number[] = [];
  let px = 0;
  let py = 0;
  for (let i = 0; i < xs.length; i++) {
    let flag = onCurve[i] ? 0x01 : 0;
    if (i === 0 && overlap) flag |= 0x40;
    const dx = xs[i] - px;
    const dy = ys[i] - py;
    px = xs[i];
    py = ys[i];
    if (dx === 0) flag |= 0x10;
    else if (Math.abs(dx) <= 255) {
      flag |= 0x02 | (dx > 0 ? 0x10 : 0);
      xBytes.push(Math.abs(dx));
    } else xBytes.push((dx >> 8) & 0xff, dx & 0xff);
    if (dy === 0) flag |= 0x20;
    else if (Math.abs(dy) <= 255) {
      flag |= 0x04 | (dy > 0 ? 0x20 : 0);
      yBytes.push(Math.abs(dy));
    } else yBytes.push((dy >> 8) & 0xff, dy & 0xff);
    flags.push(flag);
  }
  const out = Buffer.alloc(10 + 2 * endPts.length + 2 + instructions.length + flags.length + xBytes.length + yBytes.length);
  let o = out.writeInt16BE(endPts.length, 0);
  for (const v of bbox) o = out.writeInt16BE(v, o);
  for (const e of endPts) o = out.writeUInt16BE(e, o);
  o = out.writeUInt16BE(instructions.length, o);
  o += instructions.copy(out, o);
  for (const b of [...flags, ...xBytes, ...yBytes]) o = out.writeUInt8(b, o);
  return out;
}

/** Undoes the glyf transform; returns the glyf and (long-format) loca tables. */
function reconstructGlyf(data: Buffer): { glyf: Buffer; loca: Buffer; numGlyphs: number } {
  const head = new Reader(data);
  head.u16(); // reserved/version
  const optionFlags = head.u16();
  const numGlyphs = head.u16();
  head.u16(); // indexFormat: we always write long offsets
  const sizes = Array.from({ length: 7 }, () => head.u32());
  const streams: Reader[] = [];
  let at = head.pos;
  for (const size of sizes) {
    streams.push(new Reader(data.subarray(at, at + size)));
    at += size;
  }
  const [nContours, nPoints, flagStream, glyphStream, compositeStream, bboxStream, instructionStream] = streams;
  const overlapBitmap = optionFlags & 1 ? data.subarray(at, at + ((numGlyphs + 7) >> 3)) : null;
  const bboxBitmap = bboxStream.bytes(4 * ((numGlyphs + 31) >> 5));
  const hasBit = (bitmap: Buffer, i: number) => (bitmap[i >> 3] & (0x80 >> (i & 7))) !== 0;

  const glyphs: Buffer[] = [];
  for (let g = 0; g < numGlyphs; g++) {
    const contours = nContours.i16();
    const explicitBbox = hasBit(bboxBitmap, g) ? [bboxStream.i16(), bboxStream.i16(), bboxStream.i16(), bboxStream.i16()] : null;
    if (contours === 0) {
      glyphs.push(Buffer.alloc(0));
    } else if (contours > 0) {
      const endPts: number[] = [];
      let total = 0;
      for (let c = 0; c < contours; c++) {
        total += nPoints.u255();
        endPts.push(total - 1);
      }
      const xs: number[] = [];
      const ys: number[] = [];
      const onCurve: boolean[] = [];
      let x = 0;
      let y = 0;
      for (let p = 0; p < total; p++) {
        const flag = flagStream.u8();
        const [dx, dy] = readTriplet(flag & 0x7f, glyphStream);
        x += dx;
        y += dy;
        xs.push(x);
        ys.push(y);
        onCurve.push(!(flag & 0x80));
      }
      const instructions = instructionStream.bytes(glyphStream.u255());
      const bbox = explicitBbox ?? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      glyphs.push(encodeSimple(endPts, xs, ys, onCurve, instructions, bbox, !!overlapBitmap && hasBit(overlapBitmap, g)));
    } else {
      if (!explicitBbox) throw new Error("WOFF2: composite glyph without bbox");
      const start = compositeStream.pos;
      let flags = 0x20;
      let haveInstructions = false;
      while (flags & 0x20) {
        flags = compositeStream.u16();
        compositeStream.u16(); // glyph index
        if (flags & 0x0100) haveInstructions = true;
        compositeStream.pos += flags & 0x0001 ? 4 : 2;
        if (flags & 0x0008) compositeStream.pos += 2;
        else if (flags & 0x0040) compositeStream.pos += 4;
        else if (flags & 0x0080) compositeStream.pos += 8;
      }
      const components = compositeStream.buf.subarray(start, compositeStream.pos);
      const instructions = haveInstructions ? instructionStream.bytes(glyphStream.u255()) : Buffer.alloc(0);
      const out = Buffer.alloc(10 + components.length + (haveInstructions ? 2 + instructions.length : 0));
      let o = out.writeInt16BE(-1, 0);
      for (const v of explicitBbox) o = out.writeInt16BE(v, o);
      o += components.copy(out, o);
      if (haveInstructions) {
        o = out.writeUInt16BE(instructions.length, o);
        instructions.copy(out, o);
      }
      glyphs.push(out);
    }
  }
  const padded = glyphs.map((b) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b));
  const loca = Buffer.alloc(4 * (numGlyphs + 1));
  let offset = 0;
  padded.forEach((b, i) => {
    loca.writeUInt32BE(offset, 4 * i);
    offset += b.length;
  });
  loca.writeUInt32BE(offset, 4 * numGlyphs);
  return { glyf: Buffer.concat(padded), loca, numGlyphs };
}

function checksum(buf: Buffer) {
  let sum = 0;
  const padded = buf.length % 4 ? Buffer.concat([buf, Buffer.alloc(4 - (buf.length % 4))]) : buf;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeSfnt(flavor: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 16 * 2 ** entrySelector;
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + 16 * i;
    header.write(tag, rec, 4, "latin1");
    header.writeUInt32BE(checksum(data), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    const body = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
    bodies.push(body);
    offset += body.length;
  });
  return Buffer.concat([header, ...bodies]);
}

/** Converts a WOFF2 font file into a TrueType/OpenType file that fontkit subsets correctly. */
export function woff2ToSfnt(woff2: Buffer): Buffer {
  const r = new Reader(woff2);
  if (r.u32() !== 0x774f4632) throw new Error("WOFF2: not a WOFF2 file");
  const flavor = r.u32();
  if (flavor === 0x74746366) throw new Error("WOFF2: font collections are not supported");
  r.u32(); // length
  const numTables = r.u16();
  r.u16(); // reserved
  r.u32(); // totalSfntSize
  const totalCompressedSize = r.u32();
  r.pos = 48;
  const entries: Omit<TableEntry, "data">[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = r.u8();
    const tag = (flags & 0x3f) === 63 ? r.bytes(4).toString("latin1") : KNOWN_TAGS[flags & 0x3f];
    const version = flags >> 6;
    const origLength = r.base128();
    const transformed = tag === "glyf" || tag === "loca" ? version === 0 : version !== 0;
    const length = transformed ? r.base128() : origLength;
    entries.push({ tag, origLength, transformed });
    lengths.push(length);
  }
  const data = brotliDecompressSync(r.bytes(totalCompressedSize));
  const tables = new Map<string, Buffer>();
  let at = 0;
  const raw = entries.map((e, i) => {
    const slice = data.subarray(at, at + lengths[i]);
    at += lengths[i];
    return { ...e, data: slice };
  });
  for (const t of raw) {
    if (t.tag === "loca" && t.transformed) continue; // rebuilt together with glyf
    if (t.tag === "glyf" && t.transformed) {
      const { glyf, loca } = reconstructGlyf(t.data);
      tables.set("glyf", glyf);
      tables.set("loca", loca);
      continue;
    }
    if (t.transformed) throw new Error(`WOFF2: transformed ${t.tag} table is not supported`);
    tables.set(t.tag, Buffer.from(t.data));
  }
  const head = tables.get("head");
  if (head && raw.some((t) => t.tag === "glyf" && t.transformed)) {
    const copy = Buffer.from(head);
    copy.writeInt16BE(1, 50); // indexToLocFormat: long offsets, as written above
    copy.writeUInt32BE(0, 8); // checkSumAdjustment: no longer valid; fontkit ignores it
    tables.set("head", copy);
  }
  return writeSfnt(flavor, tables);
}
