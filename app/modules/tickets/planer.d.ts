/**
 * planer 1.2.0 ships CommonJS without types. Only the plain-text entry is declared: the HTML mode
 * needs a DOM implementation (jsdom) on the server, which the portal does not carry; inbound HTML
 * is turned into text first (see inbound-text.ts).
 */
declare module "planer" {
  /** The newest message of a plain-text mail body, quoted history removed, trimmed. */
  export function extractFromPlain(msgBody: string): string;
  const planer: { extractFromPlain: typeof extractFromPlain };
  export default planer;
}
