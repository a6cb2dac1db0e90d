import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge, PriorityBadge } from "~/components/badge";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { CheckboxField, FileField, plainField, SelectField, TextareaField, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDate, formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { actionLabel, changedFields } from "~/modules/audit/labels";
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_TONES } from "~/modules/groups/minutes-labels";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { renderMarkdown } from "~/modules/text/markdown.server";
import { isTicketStaff, ticketActor } from "~/modules/tickets/access.server";
import { addTicketReply, changeTicket, mergeTicket } from "~/modules/tickets/commands.server";
import { TICKET_STATUSES, TICKET_TRANSITIONS, TICKET_TYPE_LABELS, ticketStatusLabel, type TicketStatus } from "~/modules/tickets/lifecycle";
import { assignableStaff, getTicketPage } from "~/modules/tickets/queries.server";
import { slaBadgeTone } from "~/modules/tickets/sla-badge";
import { parseTicketNumber, ticketNumberExample } from "~/modules/tickets/ticket-number";
import { readTicketForm } from "~/modules/tickets/uploads.server";
import { multilineText, ticketReplySchema } from "~/modules/tickets/validation";
import { text, doneMessage } from "~/validation";

function numberOf(params: { number?: string }): string {
  const number = params.number ?? "";
  if (!parseTicketNumber(number)) notFound();
  return number;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const number = numberOf(params);
  const page = await getTicketPage(user, number);
  if (page.redirectTo !== null) throw redirect(`/betreuung/tickets/${page.redirectTo}?zusammengefuehrt=${number}`);
  const staff = page.staff;
  const people = staff ? await assignableStaff(page.ticket.centreId) : [];
  const names = { centres: new Map<string, string>(), municipalities: new Map<number, string>(), procedures: new Map<number, string>(), people: new Map([...people.map((p) => [p.id, p.name] as const), ...(page.ticket.assigneeId && page.ticket.assignee ? [[page.ticket.assigneeId, page.ticket.assignee] as const] : [])]) };
  const actor = ticketActor(user);
  const allowed = (type: keyof typeof TICKET_TRANSITIONS) => TICKET_TRANSITIONS[type].actors.includes(actor.kind) && Boolean(TICKET_TRANSITIONS[type].from[page.ticket.status]);
  return {
    staff,
    userId: user.id,
    // Soft hyphens for the headline and the history: long German words wrap at 320 px (issue 5 item 2).
    ticket: { ...page.ticket, titleDisplay: hyphenate(page.ticket.title), descriptionHtml: renderMarkdown(page.ticket.description) },
    sla: page.sla,
    replies: page.replies.map((r) => ({
      id: r.id,
      visibility: r.visibility,
      authorName: r.authorName,
      source: r.source,
      createdAt: r.createdAt,
      movedFromNumber: r.movedFromNumber,
      html: renderMarkdown(r.body),
    })),
    attachments: page.attachments,
    history: page.history.map((h) => ({ id: h.id, label: actionLabel(h.action), actor: h.actor ?? "KAI-Portal", createdAt: h.createdAt, changes: changedFields(h.before, h.after, names).map((c) => ({ ...c, before: hyphenate(c.before), after: hyphenate(c.after) })) })),
    visits: page.visits,
    actionItems: page.actionItems.map((a) => ({ ...a, title: hyphenate(a.title), due: formatDate(a.dueOn) })),
    canned: page.canned,
    people: people.map((p) => ({ value: p.id, label: p.name })),
    can: {
      take: allowed("take"),
      takeOwn: page.ticket.assigneeId === user.id,
      handOver: allowed("hand_over"),
      escalate: allowed("escalate"),
      solve: allowed("solve"),
      reopen: allowed("reopen"),
      close: allowed("close"),
      merge: allowed("merge"),
      reply: page.ticket.status !== "geschlossen" || staff,
    },
  };
}

const INTENTS = ["take", "hand_over", "escalate", "solve", "reopen", "close", "merge", "reply"] as const;
const intentSchema = z.object({ intent: z.enum(INTENTS), expectedStatus: z.enum(TICKET_STATUSES) });
const noteSchema = multilineText({ required_error: "Bitte schreiben Sie eine Notiz." }).pipe(z.string().min(1, "Bitte schreiben Sie eine Notiz.").max(5000, "Höchstens 5.000 Zeichen."));

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "municipal_it", "adviser", "centre_manager", "admin");
  const number = numberOf(params);
  const ip = contextOf(context).clientIp ?? null;
  const { formData, attachments, fileErrors } = await readTicketForm(request);
  const parsed = intentSchema.safeParse({ intent: formData.get("intent"), expectedStatus: formData.get("expectedStatus") });
  if (!parsed.success) return data({ intent: null, error: "Diese Aktion gibt es nicht.", fieldErrors: {} as Record<string, string> }, { status: 400 });
  const { intent, expectedStatus } = parsed.data;
  const fail = (error: string, status = 400, fieldErrors: Record<string, string> = {}) => data({ intent, error, fieldErrors }, { status });
  try {
    switch (intent) {
      case "reply": {
        if (fileErrors.length) return fail(fileErrors.join(" "), 400, { anhang: fileErrors.join(" ") });
        const reply = ticketReplySchema.safeParse({ body: formData.get("body") ?? "", visibility: formData.get("visibility") ?? "public" });
        if (!reply.success) return fail(reply.error.issues[0].message, 400, { body: reply.error.issues[0].message });
        const askBack = formData.get("askBack") === "on";
        await addTicketReply({ user, number, body: reply.data.body, visibility: isTicketStaff(user) ? reply.data.visibility : "public", attachments, askBack, ip });
        return redirect(`/betreuung/tickets/${number}?gespeichert=${reply.data.visibility === "internal" ? "notiz" : askBack ? "rueckfrage" : "antwort"}#verlauf`);
      }
      case "take":
        await changeTicket({ user, number, action: { type: "take", expectedStatus }, ip });
        return redirect(`/betreuung/tickets/${number}?gespeichert=uebernommen`);
      case "hand_over": {
        const assigneeId = z.string().uuid().safeParse(formData.get("assigneeId"));
        if (!assigneeId.success) return fail("Bitte wählen Sie, wem Sie das Ticket übergeben.", 400, { assigneeId: "Bitte wählen Sie, wem Sie das Ticket übergeben." });
        const note = noteSchema.safeParse(formData.get("note") ?? "");
        if (!note.success) return fail("Bitte schreiben Sie zur Übergabe eine Notiz.", 400, { handOverNote: "Bitte schreiben Sie zur Übergabe eine Notiz." });
        await changeTicket({ user, number, action: { type: "hand_over", expectedStatus, assigneeId: assigneeId.data, note: note.data }, ip });
        return redirect(`/betreuung/tickets/${number}?gespeichert=uebergeben`);
      }
      case "escalate": {
        const note = noteSchema.safeParse(formData.get("note") ?? "");
        if (!note.success) return fail("Bitte begründen Sie die Eskalation.", 400, { escalateNote: "Bitte begründen Sie die Eskalation." });
        await changeTicket({ user, number, action: { type: "escalate", expectedStatus, note: note.data }, ip });
        return redirect(`/betreuung/tickets/${number}?gespeichert=eskaliert`);
      }
      case "solve":
      case "reopen":
      case "close":
        await changeTicket({ user, number, action: { type: intent, expectedStatus }, ip });
        return redirect(`/betreuung/tickets/${number}?gespeichert=${intent}`);
      case "merge": {
        const into = text().safeParse(formData.get("intoNumber") ?? "");
        const intoNumber = into.success ? into.data.toUpperCase() : "";
        if (!parseTicketNumber(intoNumber)) {
          const message = `Bitte geben Sie die Nummer des Ziel-Tickets an, z. B. ${ticketNumberExample()}.`;
          return fail(message, 400, { intoNumber: message });
        }
        const target = await mergeTicket({ user, number, intoNumber, ip });
        return redirect(`/betreuung/tickets/${target.number}?zusammengefuehrt=${number}`);
      }
    }
  } catch (error) {
    if (error instanceof PublicError) return fail(error.message, error.status, error.field ? { [error.field]: error.message } : {});
    throw error;
  }
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

function formatBytes(size: number) {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toLocaleString("de-DE", { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(size / 1024)).toLocaleString("de-DE")} KB`;
}

export default function TicketPage() {
  const { staff, ticket, sla, replies, attachments, history, visits, actionItems, canned, people, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = doneMessage(DONE, params.get("gespeichert"));
  const merged = params.get("zusammengefuehrt");
  const busy = navigation.state === "submitting";
  const err = (name: string) => actionData?.fieldErrors?.[name];
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="expectedStatus" value={ticket.status} />
    </>
  );
  const filesOf = (replyId: number | null) => attachments.filter((a) => a.replyId === replyId);
  const fileList = (replyId: number | null) =>
    filesOf(replyId).length ? (
      <ul className="attachment-list">
        {filesOf(replyId).map((a) => (
          <li key={a.id}>
            <a href={`/betreuung/tickets/${ticket.number}/anhang/${a.id}`} download>
              {a.name}
            </a>{" "}
            ({a.mimeType === "application/pdf" ? "PDF" : a.mimeType.split("/")[1]?.toUpperCase() ?? "Datei"}, {formatBytes(a.size)})
          </li>
        ))}
      </ul>
    ) : null;
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
      {actionData?.error ? (
        <Alert tone="danger" live title="Nicht gespeichert">
          {actionData.error}
        </Alert>
      ) : null}

      <p className="badge-row">
        <Badge tone={ticket.status === "geloest" || ticket.status === "geschlossen" ? "success" : "info"}>Status: {ticketStatusLabel(ticket.status as TicketStatus)}</Badge>{" "}
        <PriorityBadge priority={ticket.priority} />{" "}
        {sla ? <Badge tone={slaBadgeTone(sla.level, sla.paused)}>{sla.text}</Badge> : null}
      </p>
      <DescriptionList
        columns
        items={[
          { term: "Kommune", value: ticket.municipality },
          { term: "Verfahren", value: ticket.procedure ? `${ticket.procedure}${ticket.module ? `, ${ticket.module}` : ""}` : "nicht angegeben" },
          { term: "Art", value: TICKET_TYPE_LABELS[ticket.type] },
          { term: "Gemeldet von", value: ticket.reporterName },
          { term: "Eingang", value: `${formatDateTime(ticket.createdAt)} (${ticket.channel === "email" ? "per E-Mail" : ticket.channel === "telefon" ? "telefonisch" : "im Portal"})` },
          { term: "Zuständig", value: ticket.assignee ?? (ticket.handedOffAt ? "Partner-Rechenzentrum" : "noch niemand") },
          { term: "Zentrum", value: ticket.centre },
          staff ? { term: "Zuordnung", value: ticket.routingSummary } : null,
          ticket.handedOffAt ? { term: "Übergeben", value: `${formatDateTime(ticket.handedOffAt)}${ticket.handedOffTo ? ` an ${ticket.handedOffTo}` : ""}` } : null,
        ]}
      />

      <h2>Beschreibung</h2>
      <div className="markdown" dangerouslySetInnerHTML={{ __html: ticket.descriptionHtml }} />
      {fileList(null)}

      {staff ? (
        <section aria-labelledby="bearbeiten">
          <h2 id="bearbeiten">Bearbeiten</h2>
          <ButtonRow>
            {can.take ? (
              <Form method="post">
                {hidden("take")}
                <Button disabled={busy}>{can.takeOwn ? "Bearbeitung beginnen" : "Übernehmen"}</Button>
              </Form>
            ) : null}
            {can.solve ? (
              <Form method="post">
                {hidden("solve")}
                <Button variant="secondary" disabled={busy}>
                  Als gelöst markieren
                </Button>
              </Form>
            ) : null}
            {can.reopen ? (
              <Form method="post">
                {hidden("reopen")}
                <Button variant="secondary" disabled={busy}>
                  Wieder öffnen
                </Button>
              </Form>
            ) : null}
            {can.close ? (
              <Form method="post">
                {hidden("close")}
                <Button variant="secondary" disabled={busy}>
                  Schließen
                </Button>
              </Form>
            ) : null}
            <LinkButton variant="secondary" to={`/betreuung/tickets/${ticket.number}/vor-ort`}>
              Vor-Ort-Termin planen
            </LinkButton>
          </ButtonRow>
          {can.handOver ? (
            <details className="ticket-action" open={Boolean(actionData?.intent === "hand_over")}>
              <summary>Übergeben</summary>
              <Form method="post" className="stack">
              {hidden("hand_over")}
              <SelectField field={plainField({ name: "assigneeId", error: err("assigneeId") })} label="An" options={people} required />
              <TextareaField field={plainField({ name: "note", id: "handOverNote", error: err("handOverNote") })} label="Notiz zur Übergabe" rows={3} required />
              <Button variant="secondary" disabled={busy}>
                Übergeben
              </Button>
            </Form>
            </details>
          ) : null}
          {can.escalate ? (
            <details className="ticket-action" open={Boolean(actionData?.intent === "escalate")}>
              <summary>Eskalieren</summary>
              <Form method="post" className="stack">
              {hidden("escalate")}
              <TextareaField field={plainField({ name: "note", id: "escalateNote", error: err("escalateNote") })} label="Begründung für die Geschäftsführung" rows={3} required />
              <Button variant="secondary" disabled={busy}>
                Eskalieren
              </Button>
            </Form>
            </details>
          ) : null}
          {can.merge ? (
            <details className="ticket-action" open={Boolean(actionData?.intent === "merge")}>
              <summary>Als Duplikat zusammenführen</summary>
              <Form method="post" className="stack">
              {hidden("merge")}
              <TextField
                field={plainField({ name: "intoNumber", error: err("intoNumber") })}
                label="Nummer des Tickets, in das dieses übernommen wird"
                hint="Die Antworten und Anhänge wandern dorthin; dieses Ticket wird geschlossen und seine Nummer führt zum Ziel."
                autoComplete="off"
                required
              />
              <Button variant="secondary" disabled={busy}>
                Zusammenführen
              </Button>
            </Form>
            </details>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="verlauf">
        <h2 id="verlauf">Antworten{staff ? " und Notizen" : ""}</h2>
        {replies.length === 0 ? <p>Noch keine Antworten.</p> : null}
        <ol className="ticket-replies">
          {replies.map((r) => (
            <li key={r.id} className={r.visibility === "internal" ? "ticket-reply ticket-reply--internal" : "ticket-reply"}>
              <p className="ticket-reply__meta">
                <strong>{r.authorName}</strong>, {formatDateTime(r.createdAt)}
                {r.source === "email" ? " (per E-Mail)" : ""}
                {r.visibility === "internal" ? (
                  <>
                    {" "}
                    <Badge tone="warning">Interne Notiz</Badge>
                  </>
                ) : null}
                {r.movedFromNumber ? ` · aus ${r.movedFromNumber}` : ""}
              </p>
              <div className="markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
              {fileList(r.id)}
            </li>
          ))}
        </ol>
      </section>

      {can.reply ? (
        <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="antworten">
          <h2 id="antworten">{staff ? "Antworten oder Notiz schreiben" : "Antwort schreiben"}</h2>
          {hidden("reply")}
          {staff && canned.length ? (
            <details>
              <summary>Textbausteine des Zentrums</summary>
              <ul>
                {canned.map((c) => (
                  <li key={c.id}>
                    <strong>{c.title}:</strong> {c.body}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <TextareaField field={plainField({ name: "body", error: err("body") })} label="Text" rows={6} required hint="Markdown ist möglich." />
          {staff ? (
            <fieldset className="kern-fieldset">
              <legend className="kern-label">Sichtbarkeit</legend>
              <div className="kern-fieldset__body">
                <div className="kern-form-check">
                  <input className="kern-form-check__radio" type="radio" id="visibility-public" name="visibility" value="public" defaultChecked />
                  <label className="kern-label" htmlFor="visibility-public">
                    Antwort an die Kommune (per E-Mail)
                  </label>
                </div>
                <div className="kern-form-check">
                  <input className="kern-form-check__radio" type="radio" id="visibility-internal" name="visibility" value="internal" />
                  <label className="kern-label" htmlFor="visibility-internal">
                    Interne Notiz (nur für die KAI-Betreuung)
                  </label>
                </div>
              </div>
            </fieldset>
          ) : null}
          {staff && ticket.status === "in_bearbeitung" ? <CheckboxField field={plainField({ name: "askBack" })} label="Als Rückfrage senden (das Ticket wartet dann auf die Kommune)" /> : null}
          <FileField name="anhang" label="Anhänge" hint="Bis zu 5 Dateien, je höchstens 10 MB." errors={err("anhang") ? [err("anhang")!] : undefined} />
          <div className="button-row">
            <Button disabled={busy}>{staff ? "Speichern" : "Antwort senden"}</Button>
          </div>
        </Form>
      ) : (
        <p>Das Ticket ist geschlossen. Für ein neues Anliegen legen Sie bitte ein neues Ticket an und nennen darin {ticket.number}.</p>
      )}

      {!staff && can.solve ? (
        <Form method="post">
          <h2>Erledigt?</h2>
          <p>Wenn Ihr Anliegen gelöst ist, markieren Sie das Ticket als gelöst. Innerhalb von 14 Tagen können Sie es mit einer Antwort wieder öffnen.</p>
          {hidden("solve")}
          <Button variant="secondary" disabled={busy}>
            Als gelöst markieren
          </Button>
        </Form>
      ) : null}

      {visits.length ? (
        <section aria-labelledby="vor-ort">
          <h2 id="vor-ort">Vor-Ort-Termine</h2>
          <ul>
            {visits.map((v) => (
              <li key={v.id}>
                {formatDateTime(v.startsAt)} bis {formatDateTime(v.endsAt)}, {v.address}
                {v.status === "cancelled" ? " (abgesagt)" : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {actionItems.length ? (
        <section aria-labelledby="aufgaben">
          <h2 id="aufgaben">Aufgaben aus Facharbeitskreisen</h2>
          <ul>
            {actionItems.map((a) => (
              <li key={a.id}>
                <Link to={a.path}>{a.title}</Link> ({a.group}, fällig am {a.due}) <Badge tone={ACTION_ITEM_STATUS_TONES[a.status]}>{ACTION_ITEM_STATUS_LABELS[a.status]}</Badge>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="historie">
        <h2 id="historie">Historie</h2>
        <ol className="ticket-history">
          {history.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.createdAt)}: <strong>{h.label}</strong> ({h.actor})
              {h.changes.length ? (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.key}>
                      {c.label}: {c.before !== "leer" ? `${c.before} → ` : ""}
                      {c.after}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
        <p>
          <Link to="/betreuung/tickets">Zurück zur Ticketliste</Link>
        </p>
      </section>
    </>
  );
}
