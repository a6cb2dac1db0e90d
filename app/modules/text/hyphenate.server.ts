import { createRequire } from "node:module";

// German hyphenation on the server: soft hyphens (U+00AD) in long words, so a browser without
// German hyphenation dictionaries (some Linux builds) can still break "Informationsveranstaltung"
// at a syllable, with a visible hyphen, instead of overflowing a 320 px screen. Browsers that do
// hyphenate (CSS `hyphens: auto`) simply use the same break points. The patterns (≈750 KB) stay on
// the server; only the hyphenated strings travel to the page.
const require = createRequire(import.meta.url);
const { hyphenateSync } = require("hyphen/de") as { hyphenateSync: (text: string, options?: { minWordLength?: number }) => string };

/** Only words this long get break points: shorter ones always fit a line. */
const MIN_WORD_LENGTH = 12;

export function hyphenate(text: string): string;
export function hyphenate(text: string | null): string | null;
export function hyphenate(text: string | null): string | null {
  if (!text) return text;
  let hyphenated = memo.get(text);
  if (hyphenated === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    hyphenated = hyphenateSync(text, { minWordLength: MIN_WORD_LENGTH });
    memo.set(text, hyphenated);
  }
  return hyphenated;
}

/**
 * The same titles come back on every request (an agenda of 50 items, a seminar list): each is
 * hyphenated once. Bounded; when full it starts over, which costs one pass over the patterns.
 */
const MEMO_SIZE = 5_000;
const memo = new Map<string, string>();
