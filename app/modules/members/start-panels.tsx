import { EmailLink, PhoneLink } from "~/components/contact-links";
import { Card, CardGrid } from "~/components/card";
import { DescriptionList, type Description } from "~/components/description-list";
import { DataTable, TotalCell } from "~/components/table";
import { formatDate } from "~/format";
import type { StartPanelView } from "~/modules/start/panel";
import { formatEuro, formatNumber } from "./levy";
import type { centreMembersPanel, contactsPanel, municipalityPanel } from "./start-panels.server";

function reach(email: string | null, phone: string | null): Description[] {
  return [
    { term: "E-Mail", value: email ? <EmailLink email={email} /> : null },
    { term: "Telefon", value: phone ? <PhoneLink phone={phone} /> : null },
  ];
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
          <DescriptionList
            items={[
              {
                term: "Anschrift",
                value: (
                  <address>
                    {address.map((line, i) => (
                      <span key={i}>
                        {i ? <br /> : null}
                        {line}
                      </span>
                    ))}
                  </address>
                ),
              },
              ...reach(c.email, c.phone),
            ]}
          />
          <h4>Geschäftsführung</h4>
          {c.managers.length ? (
            <CardGrid>
              {c.managers.map((p) => (
                <li key={p.email}>
                  <Card title={p.name} level={4}>
                    <DescriptionList items={reach(p.email, p.phone)} />
                  </Card>
                </li>
              ))}
            </CardGrid>
          ) : (
            <p>Für dieses Zentrum ist im Portal noch keine Leitung eingetragen.</p>
          )}
          <h4>Betreuung</h4>
          {c.advisers.length ? (
            <CardGrid>
              {c.advisers.map((p) => (
                <li key={p.email}>
                  <Card title={p.name} level={4}>
                    <DescriptionList
                      items={[
                        { term: "Verfahren", value: p.procedures.length ? p.procedures.map((v) => `KAI-${v.code}`).join(", ") : null },
                        ...reach(p.email, p.phone),
                      ]}
                    />
                  </Card>
                </li>
              ))}
            </CardGrid>
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
        <DescriptionList
          items={[
            { term: "Art", value: m.kind },
            { term: "Kreis", value: m.district },
            { term: "Zentrum", value: `Zentrum ${m.centreName} (${m.centreCity})` },
            { term: "Einwohner", value: formatNumber(m.inhabitants) },
            { term: "Mitglied seit", value: m.memberSince ? formatDate(m.memberSince) : null },
            { term: "Umlage pro Jahr", value: formatEuro(m.yearlyLevyCents) },
          ]}
        />
      </div>
    ))}
  </>
);

export const CentreMembersView: StartPanelView<typeof centreMembersPanel> = ({ data }) => (
  <>
    {data.centres.map((c) => (
      <DataTable
        key={c.id}
        caption={`Mitglieder im Zentrum ${c.name} (${c.city})`}
        rows={c.members}
        rowKey={(m) => m.id}
        columns={[
          { key: "name", header: "Kommune", rowHeader: true, cell: (m) => <a href={m.href}>{m.name}</a> },
          { key: "inhabitants", header: "Einwohner", numeric: true, cell: (m) => formatNumber(m.inhabitants) },
          { key: "levy", header: "Umlage pro Jahr", numeric: true, cell: (m) => formatEuro(m.yearlyLevyCents) },
        ]}
        footer={
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__header">
              Summe: {c.members.length} Mitglieder
            </th>
            <TotalCell label="Einwohner">{formatNumber(c.inhabitants)}</TotalCell>
            <TotalCell label="Umlage pro Jahr">{formatEuro(c.yearlyLevyCents)}</TotalCell>
          </tr>
        }
      />
    ))}
  </>
);
