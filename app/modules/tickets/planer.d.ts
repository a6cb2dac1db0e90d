/**
 * planer 1.2.0 ships CommonJS without types (lib/planer.js, compiled from src/planer.coffee). Only
 * the plain-text line marking is declared, which is what inbound-text.ts uses. The HTML mode needs
 * a DOM implementation (jsdom) on the server, which the portal does not carry; inbound HTML is
 * turned into text first.
 */
declare module "planer" {
  namespace planer {
    /** Set by processMarkedLines: whether lines were cut, and which (firstLine inclusive, lastLine exclusive). */
    type ReturnFlags = { wereLinesDeleted?: boolean; firstLine?: number; lastLine?: number };
  }
  const planer: {
    /** The newest message of a plain-text body, history removed, trimmed (reads at most 1000 lines). */
    extractFromPlain(msgBody: string): string;
    /** One marker per line: e empty, m quoted (">"), f forward separator, s splitter, t text. */
    markMessageLines(lines: string[]): string;
    /** The lines without the quoted part the markers show; fills `returnFlags`. */
    processMarkedLines(lines: string[], markers: string, returnFlags?: planer.ReturnFlags): string[];
  };
  export default planer;
}
