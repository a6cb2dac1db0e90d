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
            Telefon: <a href={telHref(centre.phone)}>{centre.phone}</a>
          </>
        ) : null}
        {centre.email ? (
          <>
            <br />
            E-Mail: <a href={`mailto:${centre.email}`}>{centre.email}</a>
          </>
        ) : null}
      </address>
      {centre.managers.length > 0 ? (
        <>
          <Heading>{centre.managers.length === 1 ? "Zentrumsleitung" : "Zentrumsleitungen"}</Heading>
          <ul className="centre-contact__managers">
            {centre.managers.map((m) => (
              <li key={m.email}>
                <address>
                  {m.name}
                  <br />
                  E-Mail: <a href={`mailto:${m.email}`}>{m.email}</a>
                  {m.phone ? (
                    <>
                      <br />
                      Telefon: <a href={telHref(m.phone)}>{m.phone}</a>
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
