/**
 * Email addresses and phone numbers, the same way everywhere: addresses wrap on a narrow screen
 * after the "@" and before a dot (<wbr>), as typesetters break them, never inside a name; phone
 * links dial a global number.
 */

/** A global tel: URI (RFC 3966) from a German number: "04161 555-0100" → "tel:+4941615550100". */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return `tel:${digits}`;
  if (digits.startsWith("00")) return `tel:+${digits.slice(2)}`;
  return `tel:${digits.replace(/^0/, "+49")}`;
}

/** An email address as text that may wrap after the "@" and before a dot. */
export function EmailText({ email }: { email: string }) {
  const [local, domain = ""] = email.split("@");
  return (
    <>
      {local}@<wbr />
      {domain.split(".").map((part, i) => (
        <span key={i}>
          {i > 0 ? (
            <>
              <wbr />.
            </>
          ) : null}
          {part}
        </span>
      ))}
    </>
  );
}

export function EmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`}>
      <EmailText email={email} />
    </a>
  );
}

/** A phone number as a tel: link with a global number (RFC 3966). */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}
