import { ScrollableTable } from "~/components/table";
import { formatDate } from "~/format";
import type { StartPanelView } from "~/modules/start/panel";
import { formatEuro, formatNumber } from "./levy";
import type { centreMembersPanel, contactsPanel, municipalityPanel } from "./start-panels.server";

/** "04161 555-0100" → "tel:04161555-0100"-style href: digits and a leading + only. */
function telHref(phone: string) {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

function Reach({ email, phone }: { email: string | null; phone: string | null }) {
  return (
    <>
      {email ? (
        <>
          <dt>E-Mail</dt>
          <dd>
            <a href={`mailto:${email}`}>{email}</a>
          </dd>
        </>
      ) : null}
      {phone ? (
        <>
          <dt>Telefon</dt>
          <dd>
            <a href={telHref(phone)}>{phone}</a>
          </dd>
        </>
      ) : null}
    </>
  );
}

export const ContactsView: StartPanelView<typeof contactsPanel> = ({ data }) => (
  <>
    {data.centres.map((c) => {
      const address = [c.street, [c.postalCode, c.city].filter(Boolean).join(" ")].filter(Boolean);
      return (
        <div key={c.id}>
          <h3>
            Zentrum {c.name} ({c.city})
          </h3>
          <p>Ihr Zentrum betreut Ihre Kommune bei Fragen und Problemen mit den KAI-Verfahren.</p>
          <dl className="facts">
            <dt>Anschrift</dt>
            <dd>
              {address.map((line, i) => (
                <span key={i}>
                  {i ? <br /> : null}
                  {line}
                </span>
              ))}
            </dd>
            <Reach email={c.email} phone={c.phone} />
          </dl>
          <h4>Zentrumsleitung</h4>
          {c.managers.length ? (
            <ul className="cards">
              {c.managers.map((p) => (
                <li key={p.email} className="card">
                  <p>
                    <strong>{p.name}</strong>
                  </p>
                  <dl className="facts">
                    <Reach email={p.email} phone={p.phone} />
                  </dl>
                </li>
              ))}
            </ul>
          ) : (
            <p>Für dieses Zentrum ist im Portal noch keine Leitung eingetragen.</p>
          )}
          <h4>Betreuung</h4>
          {c.advisers.length ? (
            <ul className="cards">
              {c.advisers.map((p) => (
                <li key={p.email} className="card">
                  <p>
                    <strong>{p.name}</strong>
                  </p>
                  <dl className="facts">
                    {p.procedures.length ? (
                      <>
                        <dt>Verfahren</dt>
                        <dd>{p.procedures.map((v) => `KAI-${v.code}`).join(", ")}</dd>
                      </>
                    ) : null}
                    <Reach email={p.email} phone={p.phone} />
                  </dl>
                </li>
              ))}
            </ul>
          ) : (
            <p>Für dieses Zentrum sind im Portal noch keine Betreuerinnen oder Betreuer eingetragen. Wenden Sie sich an das Zentrum.</p>
          )}
        </div>
      );
    })}
  </>
);

export const MunicipalityView: StartPanelView<typeof municipalityPanel> = ({ data }) => (
  <>
    {data.municipalities.map((m) => (
      <div key={m.id}>
        <h3>{m.name}</h3>
        <dl className="facts">
          <dt>Art</dt>
          <dd>{m.kind}</dd>
          <dt>Kreis</dt>
          <dd>{m.district}</dd>
          <dt>Zentrum</dt>
          <dd>
            Zentrum {m.centreName} ({m.centreCity})
          </dd>
          <dt>Einwohner</dt>
          <dd>{formatNumber(m.inhabitants)}</dd>
          {m.memberSince ? (
            <>
              <dt>Mitglied seit</dt>
              <dd>{formatDate(m.memberSince)}</dd>
            </>
          ) : null}
          <dt>Umlage pro Jahr</dt>
          <dd>{formatEuro(m.yearlyLevyCents)}</dd>
        </dl>
      </div>
    ))}
  </>
);

export const CentreMembersView: StartPanelView<typeof centreMembersPanel> = ({ data }) => (
  <>
    {data.centres.map((c) => {
      const label = `Mitglieder im Zentrum ${c.name} (${c.city})`;
      return (
        <ScrollableTable key={c.id} label={label} caption={label}>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col" className="num">
                Einwohner
              </th>
              <th scope="col" className="num">
                Umlage pro Jahr
              </th>
            </tr>
          </thead>
          <tbody>
            {c.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <a href={m.href}>{m.name}</a>
                </th>
                <td className="num">{formatNumber(m.inhabitants)}</td>
                <td className="num">{formatEuro(m.yearlyLevyCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Summe: {c.members.length} Mitglieder</th>
              <td className="num">{formatNumber(c.inhabitants)}</td>
              <td className="num">{formatEuro(c.yearlyLevyCents)}</td>
            </tr>
          </tfoot>
        </ScrollableTable>
      );
    })}
  </>
);
