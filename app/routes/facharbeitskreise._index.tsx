import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { Card, CardGrid } from "~/components/card";
import { DescriptionList } from "~/components/description-list";
import { formatDate, formatRange } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { listGroups } from "~/modules/groups/queries.server";
import { hyphenate } from "~/modules/text/hyphenate.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { groups, totalMunicipalities } = await listGroups(user);
  return {
    totalMunicipalities,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      nameHyphenated: hyphenate(g.name),
      link: `/facharbeitskreise/${g.slug}`,
      members: g.members,
      municipalities: g.municipalities,
      member: g.member,
      chair: g.chair,
      openRequestSince: g.openRequestSince ? formatDate(g.openRequestSince) : null,
      next: g.nextMeeting
        ? { title: g.nextMeeting.title, when: formatRange(g.nextMeeting.startsAt, g.nextMeeting.endsAt), link: `/facharbeitskreise/${g.slug}/sitzungen/${g.nextMeeting.id}` }
        : null,
    })),
  };
}

export const handle: PageHandle = { area: "facharbeitskreise", breadcrumb: { label: "Übersicht" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Übersicht", "facharbeitskreise") }];

export default function GroupsOverview() {
  const { groups, totalMunicipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Facharbeitskreise</h1>
      <p className="kern-body">
        Für jedes Kernverfahren gibt es einen Facharbeitskreis. Er erarbeitet die fachlichen Anforderungen an sein Verfahren; jede Mitgliedskommune kann Fachleute
        entsenden. Die Sitzungen finden nach Bedarf zentral in Buxtehude, in einem der vier Zentren oder online statt.
      </p>
      <CardGrid>
        {groups.map((g) => (
          <li key={g.id}>
            <Card
              title={<Link to={g.link}>{g.nameHyphenated}</Link>}
              preline={`KAI-${g.id}`}
              footer={
                g.chair ? (
                  <Badge tone="success">Sie haben den Vorsitz</Badge>
                ) : g.member ? (
                  <Badge tone="success">Sie sind Mitglied</Badge>
                ) : g.openRequestSince ? (
                  <Badge tone="warning">Ihre Anfrage vom {g.openRequestSince} wartet auf Entscheidung</Badge>
                ) : (
                  <Link to={`${g.link}#mitarbeit`}>
                    Mitarbeit anfragen<span className="visually-hidden">: {g.name}</span>
                  </Link>
                )
              }
            >
              <DescriptionList
                items={[
                  { term: "Mitglieder", value: String(g.members) },
                  { term: "Kommunen", value: `${g.municipalities} von ${totalMunicipalities} Mitgliedskommunen` },
                  { term: "Nächste Sitzung", value: g.next ? <Link to={g.next.link}>{g.next.when}</Link> : "keine geplant" },
                ]}
              />
            </Card>
          </li>
        ))}
      </CardGrid>
    </>
  );
}
