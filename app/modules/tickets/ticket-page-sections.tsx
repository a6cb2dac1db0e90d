import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Badge, PriorityBadge } from "~/components/badge";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { CheckboxField, FileField, plainField, SelectField, TextareaField, TextField } from "~/components/forms";
import { formatDateTime } from "~/format";
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_TONES } from "~/modules/groups/minutes-labels";
import type { loader } from "~/routes/betreuung.tickets.$number";
import { TICKET_TYPE_LABELS, ticketStatusLabel, type TicketStatus } from "./lifecycle";
import { slaBadgeTone } from "./sla-badge";
import type { TicketFormFailure, TicketIntent } from "./ticket-intents.server";

/**
 * The sections of a ticket's page (issue 7), split from the route so it stays short. Every form
 * posts to the page's action with a hidden `intent` and the status it was shown in.
 */

export type TicketPageData = SerializeFrom<typeof loader>;
type Ticket = TicketPageData["ticket"];
type FormState = { failure: TicketFormFailure | undefined; busy: boolean };

const fieldError = (failure: TicketFormFailure | undefined, name: string) => failure?.fieldErrors?.[name];

function IntentFields({ intent, status }: { intent: TicketIntent; status: string }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="expectedStatus" value={status} />
    </>
  );
}

function formatBytes(size: number) {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toLocaleString("de-DE", { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(size / 1024)).toLocaleString("de-DE")} KB`;
}

/** The files of the description (`replyId` null) or of one reply, each a download with its type and size. */
export function AttachmentList({ number, attachments, replyId }: { number: string; attachments: TicketPageData["attachments"]; replyId: number | null }) {
  const files = attachments.filter((a) => a.replyId === replyId);
  if (!files.length) return null;
  return (
    <ul className="attachment-list">
      {files.map((a) => (
        <li key={a.id}>
          <a href={`/betreuung/tickets/${number}/anhang/${a.id}`} download>
            {a.name}
          </a>{" "}
          ({a.mimeType === "application/pdf" ? "PDF" : a.mimeType.split("/")[1]?.toUpperCase() ?? "Datei"}, {formatBytes(a.size)})
        </li>
      ))}
    </ul>
  );
}

/** Status, priority and SLA as badges, then the ticket's facts. */
export function TicketFacts({ ticket, sla, staff }: Pick<TicketPageData, "ticket" | "sla" | "staff">) {
  return (
    <>
      <p className="badge-row">
        <Badge tone={ticket.status === "geloest" || ticket.status === "geschlossen" ? "success" : "info"}>Status: {ticketStatusLabel(ticket.status as TicketStatus)}</Badge>{" "}
        <PriorityBadge priority={ticket.priority} /> {sla ? <Badge tone={slaBadgeTone(sla.level, sla.paused)}>{sla.text}</Badge> : null}
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
    </>
  );
}

function StatusButton({ intent, ticket, busy, primary = false, children }: { intent: TicketIntent; ticket: Ticket; busy: boolean; primary?: boolean; children: string }) {
  return (
    <Form method="post">
      <IntentFields intent={intent} status={ticket.status} />
      <Button variant={primary ? undefined : "secondary"} disabled={busy}>
        {children}
      </Button>
    </Form>
  );
}

/** For the KAI staff: take, solve, reopen, close, plan a visit; hand over, escalate and merge behind their disclosures. */
export function StaffActions({ ticket, can, people, failure, busy }: Pick<TicketPageData, "ticket" | "can" | "people"> & FormState) {
  const err = (name: string) => fieldError(failure, name);
  const opened = (intent: TicketIntent) => failure?.intent === intent;
  return (
    <section aria-labelledby="bearbeiten">
      <h2 id="bearbeiten">Bearbeiten</h2>
      <ButtonRow>
        {can.take ? (
          <StatusButton intent="take" ticket={ticket} busy={busy} primary>
            {can.takeOwn ? "Bearbeitung beginnen" : "Übernehmen"}
          </StatusButton>
        ) : null}
        {can.solve ? (
          <StatusButton intent="solve" ticket={ticket} busy={busy}>
            Als gelöst markieren
          </StatusButton>
        ) : null}
        {can.reopen ? (
          <StatusButton intent="reopen" ticket={ticket} busy={busy}>
            Wieder öffnen
          </StatusButton>
        ) : null}
        {can.close ? (
          <StatusButton intent="close" ticket={ticket} busy={busy}>
            Schließen
          </StatusButton>
        ) : null}
        <LinkButton variant="secondary" to={`/betreuung/tickets/${ticket.number}/vor-ort`}>
          Vor-Ort-Termin planen
        </LinkButton>
      </ButtonRow>
      {can.handOver ? (
        <details className="ticket-action" open={opened("hand_over")}>
          <summary>Übergeben</summary>
          <Form method="post" className="stack">
            <IntentFields intent="hand_over" status={ticket.status} />
            <SelectField field={plainField({ name: "assigneeId", error: err("assigneeId") })} label="An" options={people} required />
            <TextareaField field={plainField({ name: "note", id: "handOverNote", error: err("handOverNote") })} label="Notiz zur Übergabe" rows={3} required />
            <Button variant="secondary" disabled={busy}>
              Übergeben
            </Button>
          </Form>
        </details>
      ) : null}
      {can.escalate ? (
        <details className="ticket-action" open={opened("escalate")}>
          <summary>Eskalieren</summary>
          <Form method="post" className="stack">
            <IntentFields intent="escalate" status={ticket.status} />
            <TextareaField field={plainField({ name: "note", id: "escalateNote", error: err("escalateNote") })} label="Begründung für die Geschäftsführung" rows={3} required />
            <Button variant="secondary" disabled={busy}>
              Eskalieren
            </Button>
          </Form>
        </details>
      ) : null}
      {can.merge ? (
        <details className="ticket-action" open={opened("merge")}>
          <summary>Als Duplikat zusammenführen</summary>
          <Form method="post" className="stack">
            <IntentFields intent="merge" status={ticket.status} />
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
  );
}

/** The conversation: replies and (for the staff) internal notes, oldest first, each with its files. */
export function TicketReplies({ ticket, replies, attachments, staff }: Pick<TicketPageData, "ticket" | "replies" | "attachments" | "staff">) {
  return (
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
            <AttachmentList number={ticket.number} attachments={attachments} replyId={r.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The reply form (staff: answer or internal note, optionally as a question back), or why there is none. */
export function ReplyForm({ ticket, can, canned, staff, failure, busy }: Pick<TicketPageData, "ticket" | "can" | "canned" | "staff"> & FormState) {
  const err = (name: string) => fieldError(failure, name);
  if (!can.reply) return <p>Das Ticket ist geschlossen. Für ein neues Anliegen legen Sie bitte ein neues Ticket an und nennen darin {ticket.number}.</p>;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="antworten">
      <h2 id="antworten">{staff ? "Antworten oder Notiz schreiben" : "Antwort schreiben"}</h2>
      <IntentFields intent="reply" status={ticket.status} />
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
  );
}

/** For the municipality: mark its own ticket as solved. */
export function SolveForMunicipality({ ticket, busy }: { ticket: Ticket; busy: boolean }) {
  return (
    <Form method="post">
      <h2>Erledigt?</h2>
      <p>Wenn Ihr Anliegen gelöst ist, markieren Sie das Ticket als gelöst. Innerhalb von 14 Tagen können Sie es mit einer Antwort wieder öffnen.</p>
      <IntentFields intent="solve" status={ticket.status} />
      <Button variant="secondary" disabled={busy}>
        Als gelöst markieren
      </Button>
    </Form>
  );
}

export function TicketVisits({ visits }: Pick<TicketPageData, "visits">) {
  if (!visits.length) return null;
  return (
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
  );
}

/** Action items of working groups linked to this ticket (issue 9, item 7). */
export function TicketActionItems({ actionItems }: Pick<TicketPageData, "actionItems">) {
  if (!actionItems.length) return null;
  return (
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
  );
}

/** What happened to the ticket, from the audit trail, each change in words. */
export function TicketHistory({ history }: Pick<TicketPageData, "history">) {
  return (
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
  );
}
