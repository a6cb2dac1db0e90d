/** A centre's public contact: address, phone, email and its manager(s). Renders only what is known. */
export interface CentreContactData {
  name: string;
  city: string;
  street: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  managers: { name: string; email: string; phone: string | null }[];
}

/** The contact fields of a centre row, as the loaders send them to `CentreContact`. */
export function centreContactFields(c: CentreContactData & { id: string }) {
  return { id: c.id, name: c.name, city: c.city, street: c.street, postalCode: c.postalCode, phone: c.phone, email: c.email, managers: c.managers };
}

/** A global tel: URI (RFC 3966) from a German number: "04161 555-0100" → "tel:+4941615550100". */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return `tel:${digits}`;
  if (digits.startsWith("00")) return `tel:+${digits.slice(2)}`;
  return `tel:${digits.replace(/^0/, "+49")}`;
}

export function CentreContact({ centre, headingLevel = 3 }: { centre: CentreContactData; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const hasAddress = Boolean(centre.street || centre.postalCode);
  return (
    <div className="centre-contact">
      <address>
        Zentrum {centre.name}
        {hasAddress ? (
          <>
            <br />
            {centre.street ? (
              <>
                {centre.street}
                <br />
              </>
            ) : null}
            {centre.postalCode ? `${centre.postalCode} ` : ""}
            {centre.city}
          </>
        ) : null}
        {centre.phone ? (
          <>
            <br />
            Telefon: <PhoneLink phone={centre.phone} />
          </>
        ) : null}
        {centre.email ? (
          <>
            <br />
            E-Mail: <EmailLink email={centre.email} />
          </>
        ) : null}
      </address>
      {centre.managers.length > 0 ? (
        <>
          <Heading>Geschäftsführung</Heading>
          <ul className="centre-contact__managers">
            {centre.managers.map((m) => (
              <li key={m.email}>
                <address>
                  {m.name}
                  <br />
                  E-Mail: <EmailLink email={m.email} />
                  {m.phone ? (
                    <>
                      <br />
                      Telefon: <PhoneLink phone={m.phone} />
                    </>
                  ) : null}
                </address>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * An email address as a link that may wrap on a narrow screen after the "@" and before a dot
 * (<wbr>), as typesetters break addresses, never in the middle of a name.
 */
export function EmailLink({ email }: { email: string }) {
  const [local, domain = ""] = email.split("@");
  const parts = domain.split(".");
  return (
    <a href={`mailto:${email}`}>
      {local}@<wbr />
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? (
            <>
              <wbr />.
            </>
          ) : null}
          {part}
        </span>
      ))}
    </a>
  );
}

/** A phone number as a tel: link with a global number (RFC 3966). */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}
