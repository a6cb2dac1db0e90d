import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { PriorityBadge } from "~/components/badge";
import { Button } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { DataTable } from "~/components/table";
import { contextOf } from "~/context";
import { requireRole } from "~/modules/auth/guards.server";
import { applyRerouting, reroutingProposals } from "~/modules/tickets/absences.server";
import { TICKET_STATUSES, ticketStatusLabel } from "~/modules/tickets/lifecycle";
import { rowIdOrNotFound } from "~/validation";

const itemsSchema = z.object({
  number: z.array(z.string().regex(/^KAI-\d{4}-\d{5,}$/)).min(1),
  expectedStatus: z.array(z.enum(TICKET_STATUSES)),
  assigneeId: z.array(z.string().uuid()),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "centre_manager", "admin");
  return reroutingProposals(user, rowIdOrNotFound(params.id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "centre_manager", "admin");
  const id = rowIdOrNotFound(params.id);
  const form = await request.formData();
  const parsed = itemsSchema.safeParse({ number: form.getAll("number"), expectedStatus: form.getAll("expectedStatus"), assigneeId: form.getAll("assigneeId") });
  if (!parsed.success || parsed.data.number.length !== parsed.data.expectedStatus.length || parsed.data.number.length !== parsed.data.assigneeId.length) {
    return data({ done: [] as string[], failed: [{ number: "", message: "Die Auswahl ist unvollständig. Bitte laden Sie die Seite neu." }] }, { status: 400 });
  }
  const items = parsed.data.number.map((number, i) => ({ number, expectedStatus: parsed.data.expectedStatus[i], assigneeId: parsed.data.assigneeId[i] }));
  const result = await applyRerouting({ user, id, items, ip: contextOf(context).clientIp ?? null });
  return data(result, { status: result.failed.length && !result.done.length ? 409 : 200 });
}

export const handle: PageHandle = {
  area: "betreuung",
  breadcrumb: [{ label: "Abwesenheiten", to: "/betreuung/abwesenheiten" }, { label: "Umverteilen" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Tickets von ${data.adviser.name} umverteilen` : "Tickets umverteilen", "betreuung") }];

function ProposalFields({ row }: { row: { number: string; status: string; proposal: { assigneeId: string | null } } }) {
  return (
    <>
      <input type="hidden" name="number" value={row.number} />
      <input type="hidden" name="expectedStatus" value={row.status} />
      <input type="hidden" name="assigneeId" value={row.proposal.assigneeId ?? ""} />
    </>
  );
}

export default function Rerouting() {
  const { absence, adviser, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const applicable = rows.filter((r) => r.proposal.assigneeId);
  return (
    <>
      <h1>Tickets von {adviser.name} umverteilen</h1>
      <p>
        Abwesenheit: {absence.text}. Zu jedem offenen Ticket steht der Vorschlag der Zuordnung, ohne {adviser.name}. Die neue zuständige Person
        erhält das Ticket mit der Notiz „Umverteilt wegen Abwesenheit von {adviser.name}“.
      </p>
      {result?.done.length ? <StatusMessage>{`Umverteilt: ${result.done.join(", ")}.`}</StatusMessage> : null}
      {result?.failed.length ? <ErrorSummary errors={result.failed.map((f) => ({ message: f.number ? `${f.number}: ${f.message}` : f.message }))} /> : null}
      {rows.length ? (
        <>
          <DataTable
            caption={`Offene Tickets von ${adviser.name}`}
            rows={rows}
            rowKey={(r) => r.number}
            columns={[
              { key: "number", header: "Ticket", rowHeader: true, cell: (r) => <Link to={`/betreuung/tickets/${r.number}`}>{r.number}</Link> },
              { key: "title", header: "Titel", cell: (r) => r.title },
              { key: "priority", header: "Priorität", cell: (r) => <PriorityBadge priority={r.priority} /> },
              { key: "status", header: "Status", cell: (r) => ticketStatusLabel(r.status) },
              { key: "proposal", header: "Vorschlag", cell: (r) => (r.proposal.assigneeId ? `${r.proposal.name} (${r.proposal.summary})` : `Kein Vorschlag: ${r.proposal.summary}`) },
              {
                key: "action",
                header: "Aktion",
                cell: (r) =>
                  r.proposal.assigneeId ? (
                    <Form method="post">
                      <ProposalFields row={r} />
                      <Button variant="secondary" aria-label={`${r.number} an ${r.proposal.name} zuweisen`}>
                        Zuweisen
                      </Button>
                    </Form>
                  ) : (
                    <Link to={`/betreuung/tickets/${r.number}`}>Im Ticket selbst zuweisen</Link>
                  ),
              },
            ]}
          />
          {applicable.length ? (
            <Form method="post" className="button-row">
              {applicable.map((r) => (
                <ProposalFields key={r.number} row={r} />
              ))}
              <Button>Alle wie vorgeschlagen zuweisen</Button>
            </Form>
          ) : (
            <Alert tone="info" title="Kein Vorschlag">
              <p className="kern-body">Für diese Tickets ist niemand anwesend und zuständig. Bitte weisen Sie sie im Ticket selbst zu.</p>
            </Alert>
          )}
        </>
      ) : (
        <EmptyState title="Keine offenen Tickets">{adviser.name} hat keine offenen Tickets mehr.</EmptyState>
      )}
    </>
  );
}
