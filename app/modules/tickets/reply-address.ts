/**
 * Per-ticket reply addresses (issue 7 item 9): `ticket+<token>@<domain>`, plus-addressing on a
 * local part from configuration. The token is made by generateToken (app/modules/auth/tokens.server.ts:
 * 160 random bits in lower-case base32, 32 characters); the parser accepts exactly that shape, so
 * nothing else that arrives at the listener is ever looked up as a token.
 */
export const DEFAULT_REPLY_LOCAL_PART = "ticket";

const TOKEN = /^[a-z2-7]{32}$/;
const LOCAL_PART = /^[a-z0-9][a-z0-9._-]{0,30}$/i;
/** Host names of one or more labels: "antwort.kai.example", also "localhost" for development and tests. */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function checkConfig(domain: string, localPart: string) {
  if (!DOMAIN.test(domain)) throw new Error(`Ungültige Domain für Antwortadressen: "${domain}"`);
  if (!LOCAL_PART.test(localPart) || localPart.includes("+")) throw new Error(`Ungültiger lokaler Teil für Antwortadressen: "${localPart}"`);
}

/** The reply address of a ticket, e.g. `ticket+<token>@support.kai.example`. */
export function replyAddress(ticketToken: string, domain: string, localPart: string = DEFAULT_REPLY_LOCAL_PART): string {
  checkConfig(domain, localPart);
  if (!TOKEN.test(ticketToken)) throw new Error("Ungültiges Ticket-Token für die Antwortadresse");
  return `${localPart}+${ticketToken}@${domain.toLowerCase()}`;
}

/** Local part and domain of a bare address (`a@b`, optionally in angle brackets); null for anything else. */
function splitAddress(address: string): { local: string; domain: string } | null {
  const bare = address.trim().replace(/^<(.*)>$/, "$1");
  const at = bare.lastIndexOf("@");
  if (at <= 0 || /[\s"<>(),;:\\[\]]/.test(bare)) return null;
  return { local: bare.slice(0, at), domain: bare.slice(at + 1) };
}

/**
 * The ticket token in a reply address, or null: only our own domain (any case), only our local part
 * with a "+" tag, only a token of generateToken's shape. Upper-case tokens are accepted and lowered,
 * since some mail systems upper-case addresses and base32 carries no case.
 */
export function parseReplyAddress(address: string, domain: string, localPart: string = DEFAULT_REPLY_LOCAL_PART): string | null {
  const parts = splitAddress(address);
  if (!parts || parts.domain.toLowerCase() !== domain.toLowerCase()) return null;
  const plus = parts.local.indexOf("+");
  if (plus < 0 || parts.local.slice(0, plus).toLowerCase() !== localPart.toLowerCase()) return null;
  const token = parts.local.slice(plus + 1).toLowerCase();
  return TOKEN.test(token) ? token : null;
}

/** Whether a mail went to the support address itself (filing by email, item 3); case-insensitive, no "+" tags. */
export function isSupportAddress(address: string, supportAddress: string): boolean {
  const parts = splitAddress(address);
  const support = splitAddress(supportAddress);
  if (!parts || !support) return false;
  return parts.local.toLowerCase() === support.local.toLowerCase() && parts.domain.toLowerCase() === support.domain.toLowerCase();
}
