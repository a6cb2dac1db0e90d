/**
 * The mailbox's text view with clickable links (issue 5, item 13; ACCEPTANCE D17). Pure: it
 * splits text into plain and link segments; the component renders them as React elements, so
 * nothing in a message is ever parsed as HTML. Only http(s) and mailto become links.
 */
export type TextSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
/** Sentence punctuation after a URL belongs to the sentence, not the URL. */
const TRAILING = /[.,;:!?)\]}»“”’]+$/;

function safeHref(candidate: string): string | null {
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if (url.protocol === "mailto:") return url.pathname.includes("@") ? url.href : null;
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.hostname ? url.href : null;
}

export function linkifyText(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  const push = (s: TextSegment) => {
    const prev = segments[segments.length - 1];
    if (s.kind === "text" && prev?.kind === "text") prev.text += s.text;
    else if (s.kind === "link" || s.text) segments.push(s);
  };
  for (const match of text.matchAll(CANDIDATE)) {
    let candidate = match[0];
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
    const trailing = TRAILING.exec(candidate)?.[0] ?? "";
    candidate = candidate.slice(0, candidate.length - trailing.length);
    let rest = trailing;
    if (rest.startsWith(")") && (candidate.match(/\(/g)?.length ?? 0) > (candidate.match(/\)/g)?.length ?? 0)) {
      candidate += ")";
      rest = rest.slice(1);
    }
    const href = safeHref(candidate);
    push({ kind: "text", text: text.slice(last, match.index) });
    if (href) push({ kind: "link", text: candidate, href });
    else push({ kind: "text", text: candidate });
    push({ kind: "text", text: rest });
    last = match.index + match[0].length;
  }
  push({ kind: "text", text: text.slice(last) });
  return segments;
}
