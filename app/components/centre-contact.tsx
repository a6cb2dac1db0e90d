import { EmailLink, PhoneLink } from "./contact-links";

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

