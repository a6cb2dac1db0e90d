import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { contextOf } from "~/context";
import { notFound } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { submitTicketForm } from "~/modules/tickets/ticket-intents.server";
import { parseTicketNumber } from "~/modules/tickets/ticket-number";
import { ReplyForm, SolveForMunicipality, StaffActions, TicketActionItems, TicketFacts, TicketHistory, TicketReplies, TicketVisits, AttachmentList } from "~/modules/tickets/ticket-page-sections";
import { ticketView } from "~/modules/tickets/ticket-view.server";
import { doneMessage } from "~/validation";

const ROLES = ["municipal_it", "adviser", "centre_manager", "admin"] as const;

function numberOf(params: { number?: string }): string {
  const number = params.number ?? "";
  if (!parseTicketNumber(number)) notFound();
  return number;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const number = numberOf(params);
  const { redirectTo, view } = await ticketView(user, number);
  if (redirectTo !== null) throw redirect(`/betreuung/tickets/${redirectTo}?zusammengefuehrt=${number}`);
  return view;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const number = numberOf(params);
  const result = await submitTicketForm({ user, number, request, ip: contextOf(context).clientIp ?? null });
  if ("redirectTo" in result) return redirect(result.redirectTo);
  return data(result.failure, { status: result.status });
}

export const handle: PageHandle = {
  area: "betreuung",
  breadcrumb: (d: { ticket?: { number: string } } | undefined) => [{ label: "Tickets", to: "/betreuung/tickets" }, { label: d?.ticket?.number ?? "Ticket" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `${d.ticket.number}: ${d.ticket.title}` : "Ticket", "betreuung") }];

const DONE: Record<string, string> = {
  antwort: "Ihre Antwort wurde gespeichert und per E-Mail versandt.",
  notiz: "Die interne Notiz wurde gespeichert. Die Kommune sieht sie nicht.",
  rueckfrage: "Die Rückfrage wurde versandt. Das Ticket wartet jetzt auf die Kommune; die SLA-Uhr ist angehalten.",
  uebernommen: "Sie haben das Ticket übernommen.",
  uebergeben: "Das Ticket wurde übergeben.",
  eskaliert: "Das Ticket wurde an die Geschäftsführung eskaliert.",
  solve: "Das Ticket ist als gelöst markiert.",
  reopen: "Das Ticket ist wieder in Bearbeitung.",
  close: "Das Ticket ist geschlossen.",
};

export default function TicketPage() {
  const page = useLoaderData<typeof loader>();
  const { staff, ticket, can } = page;
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const done = doneMessage(DONE, params.get("gespeichert"));
  const merged = params.get("zusammengefuehrt");
  return (
    <>
      <h1>
        {ticket.number}: {ticket.titleDisplay}
      </h1>
      {done ? (
        <Alert tone="success" live title="Gespeichert">
          {done}
        </Alert>
      ) : null}
      {params.get("angelegt") ? (
        <Alert tone="success" live title="Ticket angelegt">
          Das Ticket {ticket.number} ist angelegt. Zuständig: {ticket.routingSummary}. Eine Bestätigung ist per E-Mail unterwegs.
        </Alert>
      ) : null}
      {merged ? (
        <Alert tone="info" title="Zusammengeführt">
          Das Ticket {merged} wurde mit diesem Ticket zusammengeführt; seine Antworten stehen jetzt hier.
        </Alert>
      ) : null}
      {failure?.error ? (
        <Alert tone="danger" live title="Nicht gespeichert">
          {failure.error}
        </Alert>
      ) : null}

      <TicketFacts ticket={ticket} sla={page.sla} staff={staff} />
      <h2>Beschreibung</h2>
      <div className="markdown" dangerouslySetInnerHTML={{ __html: ticket.descriptionHtml }} />
      <AttachmentList number={ticket.number} attachments={page.attachments} replyId={null} />

      {staff ? <StaffActions ticket={ticket} can={can} people={page.people} failure={failure} busy={busy} /> : null}
      <TicketReplies ticket={ticket} replies={page.replies} attachments={page.attachments} staff={staff} />
      <ReplyForm ticket={ticket} can={can} canned={page.canned} staff={staff} failure={failure} busy={busy} />
      {!staff && can.solve ? <SolveForMunicipality ticket={ticket} busy={busy} /> : null}
      <TicketVisits visits={page.visits} />
      <TicketActionItems actionItems={page.actionItems} />
      <TicketHistory history={page.history} />
    </>
  );
}
