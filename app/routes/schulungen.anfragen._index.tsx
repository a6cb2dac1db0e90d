import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { StatusMessage } from "~/components/forms";
import { DataTable } from "~/components/table";
import { formatDate } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { mayPlanSeminars, mayRequestInhouse } from "~/modules/training/access";
import { listInhouseRequests } from "~/modules/training/inhouse.server";
import { formatWishedPeriod, INHOUSE_STATUS_TONES } from "~/modules/training/inhouse-status";
import { INHOUSE_STATUS_LABELS } from "~/modules/training/labels";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "centre_manager", "trainer", "admin");
  const rows = await listInhouseRequests(user);
  return {
    plans: mayPlanSeminars(user),
    mayRequest: mayRequestInhouse(user),
    requests: rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      status: r.status,
      municipality: r.municipality,
      centre: r.centre,
      period: formatWishedPeriod(r.wishedFrom, r.wishedTo),
      participants: r.participants,
      requester: r.requester ?? "–",
      filedOn: formatDate(r.createdAt),
    })),
  };
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: [{ label: "Inhouse-Anfragen" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Inhouse-Anfragen", "schulungen") }];

type Row = ReturnType<typeof useLoaderData<typeof loader>>["requests"][number];

export default function InhouseRequests() {
  const { plans, mayRequest, requests } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const open = requests.filter((r) => r.status === "offen").length;
  return (
    <>
      <h1>Inhouse-Anfragen</h1>
      {params.get("angefragt") ? <StatusMessage>Ihre Anfrage ist eingegangen. Das Schulungsteam und die Geschäftsführung Ihres Zentrums wurden benachrichtigt.</StatusMessage> : null}
      <p>
        {plans
          ? "Anfragen von Mitgliedskommunen nach einer Schulung in ihren eigenen Räumen. Offene Anfragen stehen oben, die älteste zuerst."
          : "Ihre Anfragen nach einer Schulung in den Räumen Ihrer Kommune und ihr Stand: offen, geplant oder abgelehnt."}
      </p>
      {mayRequest ? (
        <p className="button-row">
          <LinkButton to="/schulungen/anfragen/neu">Inhouse-Schulung anfragen</LinkButton>
        </p>
      ) : null}
      {requests.length ? (
        <DataTable<Row>
          caption={`${requests.length} ${requests.length === 1 ? "Anfrage" : "Anfragen"}, davon ${open} offen`}
          rows={requests}
          rowKey={(r) => r.id}
          columns={[
            { key: "topic", header: "Thema", rowHeader: true, cell: (r) => <Link to={`/schulungen/anfragen/${r.id}`}>{r.topic}</Link> },
            { key: "status", header: "Stand", cell: (r) => <Badge tone={INHOUSE_STATUS_TONES[r.status]}>{INHOUSE_STATUS_LABELS[r.status]}</Badge> },
            { key: "municipality", header: "Kommune", cell: (r) => `${r.municipality} (Zentrum ${r.centre})` },
            { key: "period", header: "Gewünschter Zeitraum", cell: (r) => r.period },
            { key: "participants", header: "Teilnehmende", numeric: true, cell: (r) => r.participants },
            { key: "filed", header: "Angefragt", cell: (r) => `${r.filedOn} von ${r.requester}` },
          ]}
        />
      ) : (
        <EmptyState title="Es liegt keine Inhouse-Anfrage vor." />
      )}
    </>
  );
}
