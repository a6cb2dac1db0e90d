import { linkifyText } from "~/modules/mail/linkify";
import { BreakableText } from "./breakable-text";

/**
 * The text body with its links clickable: React elements only, never HTML from the message
 * (ACCEPTANCE D17). Links open in a new tab, like the HTML view's buttons.
 */
export function MailText({ text }: { text: string }) {
  return (
    <pre className="mail-text">
      {linkifyText(text).map((segment, i) =>
        segment.kind === "link" ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer">
            <BreakableText text={segment.text} />
          </a>
        ) : (
          segment.text
        ),
      )}
    </pre>
  );
}
