import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { ErrorSummary, plainField, StatusMessage, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDate, formatDateTime } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { ActionItemStatusForm } from "~/modules/groups/action-item-forms";
import { actionItemView, linkTicket, statusFromForm, unlinkTicket } from "~/modules/groups/action-items.server";
import { failureSummary, type FormFailure } from "~/modules/groups/form-failure";
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_TONES } from "~/modules/groups/minutes-labels";
import { ticketLinkSchema } from "~/modules/groups/minutes-validation";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { ticketNumberExample } from "~/modules/tickets/ticket-number";
import { doneMessage, rowIdOrNotFound } from "~/validation";

/** One action item (issue 9, item 7): its history, the status form and the ticket link, for its owner and the group's chairs. */
const DONE: Record<string, string> = {
  stand: "Der Stand der Aufgabe ist gespeichert.",
  ticket: "Die Aufgabe ist mit dem Ticket verknüpft.",
  "ticket-geloest": "Die Verknüpfung mit dem Ticket ist gelöst.",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const v = await actionItemView({ user, actionItemId: rowIdOrNotFound(params.id) });
  const done = new URL(request.url).searchParams.get("erledigt");
  return {
    item: { ...v.item, titleDisplay: hyphenate(v.item.title), due: formatDate(v.item.dueOn), meetingDate: formatDate(v.item.meeting.startsAt) },
    history: v.history.map((h) => ({ id: h.id, status: h.status, note: h.note, due: h.dueOn ? formatDate(h.dueOn) : null, at: formatDateTime(h.at), by: h.by ?? "eine frühere Person" })),
    mayChange: v.mayChange,
    mayLink: v.mayLink,
    done: doneMessage(DONE, done),
    ticketExample: ticketNumberExample(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = rowIdOrNotFound(params.id);
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: string) => redirect(`/facharbeitskreise/aufgaben/${id}?erledigt=${done}`);
  if (intent === "status") {
    form.set("actionItemId", String(id));
    const result = await statusFromForm(user, form, ip);
    return result.ok ? back("stand") : data(result.failure, { status: result.status });
  }
  if (intent === "unlink-ticket") {
    await unlinkTicket({ user, actionItemId: id, ip });
    return back("ticket-geloest");
  }
  if (intent !== "link-ticket") notFound();
  const values = { ticketNumber: String(form.get("ticketNumber") ?? "") };
  const parsed = ticketLinkSchema.safeParse(values);
  const failure = (message: string, status: number): [FormFailure, { status: number }] => [{ intent: "link-ticket", target: String(id), formErrors: [], fieldErrors: { ticketNumber: [message] }, values }, { status }];
  if (!parsed.success) {
    await actionItemView({ user, actionItemId: id });
    return data(...failure(parsed.error.issues[0].message, 400));
  }
  try {
    await linkTicket({ user, actionItemId: id, ticketNumber: parsed.data.ticketNumber, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data(...failure(error.message, error.status));
  }
  return back("ticket");
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { item?: { title: string } } | undefined) => [{ label: "Meine Aufgaben", to: "/facharbeitskreise/aufgaben" }, { label: d?.item?.title ?? "Aufgabe" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Aufgabe: ${d.item.title}` : "Aufgabe", "facharbeitskreise") }];

export default function ActionItemPage() {
  const { item, history, mayChange, mayLink, done, ticketExample } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const summary = failureSummary(failure);
  return (
    <>
      <h1>Aufgabe: {item.titleDisplay}</h1>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorSummary errors={summary} />
      <DescriptionList
        items={[
          { term: "Stand", value: <Badge tone={ACTION_ITEM_STATUS_TONES[item.status]}>{ACTION_ITEM_STATUS_LABELS[item.status]}</Badge> },
          { term: "Fällig am", value: `${item.due}${item.overdue ? " (überfällig)" : ""}` },
          { term: "Übernommen von", value: item.owner },
          { term: "Facharbeitskreis", value: <Link to={`/facharbeitskreise/${item.slug}`}>{item.group}</Link> },
          {
            term: "Aus der Sitzung",
            value: (
              <>
                <Link to={item.meeting.path}>{item.meeting.title}</Link> vom {item.meetingDate} (<Link to={item.meeting.minutesPath}>im Protokoll</Link>)
              </>
            ),
          },
          {
            term: "Ticket",
            value: item.ticket ? item.ticket.number ? <Link to={`/betreuung/tickets/${item.ticket.number}`}>{`${item.ticket.number}: ${item.ticket.title}`}</Link> : "mit einem Ticket verknüpft, das Sie nicht sehen" : "keines",
          },
        ]}
      />
      {mayChange ? (
        <section aria-labelledby="stand" className="stack">
          <h2 id="stand">Stand eintragen</h2>
          <ActionItemStatusForm itemId={item.id} title={item.title} errors={failure?.intent === "status" ? failure.fieldErrors : undefined} values={failure?.intent === "status" ? failure.values : undefined} />
        </section>
      ) : null}
      {mayLink ? (
        <section aria-labelledby="ticket" className="stack">
          <h2 id="ticket">Ticket verknüpfen</h2>
          <Form method="post" className="stack" aria-label="Mit einem Ticket verknüpfen">
            <input type="hidden" name="intent" value="link-ticket" />
            <TextField
              field={plainField({ name: "ticketNumber", id: "ticketNumber", value: failure?.intent === "link-ticket" ? failure.values.ticketNumber : "", error: failure?.intent === "link-ticket" ? failure.fieldErrors?.ticketNumber?.join(" ") : undefined })}
              label="Ticketnummer"
              hint={`Zum Beispiel ${ticketExample}, etwa ein Änderungswunsch, über den der Facharbeitskreis entscheidet.`}
              required
            />
            <div className="button-row">
              <Button variant="secondary">{item.ticket ? "Anderes Ticket verknüpfen" : "Ticket verknüpfen"}</Button>
            </div>
          </Form>
          {item.ticket ? (
            <Form method="post" className="button-row">
              <input type="hidden" name="intent" value="unlink-ticket" />
              <Button variant="tertiary">Verknüpfung lösen</Button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="verlauf">
        <h2 id="verlauf">Verlauf</h2>
        {history.length ? (
          <ol className="ticket-history">
            {history.map((h) => (
              <li key={h.id}>
                {h.at}: <strong>{ACTION_ITEM_STATUS_LABELS[h.status]}</strong>
                {h.due ? `, neu fällig am ${h.due}` : ""} ({h.by})
                <p className="pre-line">{h.note}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>Noch keine Änderung des Stands.</p>
        )}
      </section>
    </>
  );
}
