import { Fragment } from "react";

/**
 * A URL or a mail address as text that may wrap at its natural joints (after "/", "@", "?", "&"
 * and "=", before "." and "+"), so a long one never forces a letter per line or a page wider than
 * a phone (issue 5 item 2). Plain text pieces with <wbr>: nothing breaks inside a word.
 */
export function BreakableText({ text }: { text: string }) {
  const pieces = text.split(/(?<=[/@?&=])|(?=[.+])/);
  return (
    <>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
