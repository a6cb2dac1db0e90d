import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { DateField, plainField, SelectField, TextareaField, TextField } from "~/components/forms";
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_TONES, ATTENDANCE_LABELS, ATTENDANCE_ORDER } from "./minutes-labels";

/**
 * The chairs' forms of the minutes page (issue 9, items 5 and 6). Plain POST forms with a hidden
 * `intent`, so they work without JavaScript; the server validates (minutes-validation.ts) and
 * answers with the page's error summary. Browser-safe: no server imports.
 */

export type FieldErrors = Record<string, string[] | undefined> | undefined;

const err = (errors: FieldErrors, key: string) => errors?.[key]?.join(" ");

/** A form folded away until needed (native <details>: no JavaScript); open when it came back with errors. */
export function Folded({ summary, open, children }: { summary: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="kern-accordion" open={open}>
      <summary className="kern-accordion__header">
        <span className="kern-title">{summary}</span>
      </summary>
      <div className="kern-accordion__body">{children}</div>
    </details>
  );
}

export function IntentForm({ intent, children, fields = {}, label, className = "stack" }: { intent: string; children: ReactNode; fields?: Record<string, string | number>; label?: string; className?: string }) {
  return (
    <Form method="post" className={className} aria-label={label} preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </Form>
  );
}

export function AttendanceForm({ members }: { members: { id: string; name: string; municipality: string | null; status: string | null }[] }) {
  return (
    <IntentForm intent="attendance" label="Anwesenheit erfassen">
      <ul className="stack attendance-list">
        {members.map((m) => (
          <li key={m.id}>
            <fieldset className="kern-fieldset">
              <legend className="kern-label">
                {m.name}
                {m.municipality ? `, ${m.municipality}` : ""}
              </legend>
              <div className="kern-fieldset__body kern-fieldset__body--horizontal">
                {ATTENDANCE_ORDER.map((s) => (
                  <div className="kern-form-check" key={s}>
                    <input type="radio" className="kern-form-check__radio" id={`status-${m.id}-${s}`} name={`status-${m.id}`} value={s} defaultChecked={(m.status ?? "abwesend") === s} />
                    <label className="kern-label" htmlFor={`status-${m.id}-${s}`}>
                      {ATTENDANCE_LABELS[s]}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <Button variant="secondary">Anwesenheit speichern</Button>
      </div>
    </IntentForm>
  );
}

export function GuestForm({ errors, values }: { errors?: FieldErrors; values?: Record<string, string> }) {
  return (
    <IntentForm intent="add-guest" label="Gast eintragen">
      <TextField field={plainField({ name: "name", id: "guest-name", value: values?.name, error: err(errors, "name") })} label="Name des Gasts" required />
      <TextField field={plainField({ name: "organisation", id: "guest-organisation", value: values?.organisation, error: err(errors, "organisation") })} label="Organisation" optional />
      <div className="button-row">
        <Button variant="secondary">Gast eintragen</Button>
      </div>
    </IntentForm>
  );
}

export function NotesForm({ itemId, notes, errors }: { itemId: number; notes: string; errors?: FieldErrors }) {
  return (
    <IntentForm intent="save-notes" fields={{ agendaItemId: itemId }} label="Notizen speichern">
      <TextareaField field={plainField({ name: "notes", id: `notes-${itemId}`, value: notes, error: err(errors, "notes") })} label="Notizen zur Aussprache" hint="Markdown: **fett**, Listen mit „- “, Links." rows={6} optional />
      <div className="button-row">
        <Button variant="secondary">Notizen speichern</Button>
      </div>
    </IntentForm>
  );
}

type DecisionValues = { text?: string; votesYes?: number | string | null; votesNo?: number | string | null; votesAbstain?: number | string | null };
const str = (v: number | string | null | undefined) => (v === null || v === undefined ? "" : String(v));

function DecisionFields({ prefix, values, errors }: { prefix: string; values?: DecisionValues; errors?: FieldErrors }) {
  return (
    <>
      <TextareaField field={plainField({ name: "text", id: `${prefix}-text`, value: values?.text ?? "", error: err(errors, "text") })} label="Beschluss" required rows={3} />
      <div className="minutes-votes">
        <TextField field={plainField({ name: "votesYes", id: `${prefix}-yes`, value: str(values?.votesYes), error: err(errors, "votesYes") })} label="Dafür" inputMode="numeric" width="numeric" optional />
        <TextField field={plainField({ name: "votesNo", id: `${prefix}-no`, value: str(values?.votesNo), error: err(errors, "votesNo") })} label="Dagegen" inputMode="numeric" width="numeric" optional />
        <TextField field={plainField({ name: "votesAbstain", id: `${prefix}-abstain`, value: str(values?.votesAbstain), error: err(errors, "votesAbstain") })} label="Enthaltungen" inputMode="numeric" width="numeric" optional />
      </div>
    </>
  );
}

/** `values`: what was typed when the last save failed; otherwise the stored decision. */
export function DecisionEditForm({ decision, errors, values }: { decision: { id: number; text: string; votesYes: number | null; votesNo: number | null; votesAbstain: number | null }; errors?: FieldErrors; values?: DecisionValues }) {
  return (
    <Folded summary="Beschluss bearbeiten" open={Boolean(errors)}>
      <div className="stack">
        <IntentForm intent="update-decision" fields={{ decisionId: decision.id }} label="Beschluss ändern">
          <DecisionFields prefix={`decision-${decision.id}`} values={values ?? decision} errors={errors} />
          <div className="button-row">
            <Button variant="secondary">Beschluss speichern</Button>
          </div>
        </IntentForm>
        <IntentForm intent="remove-decision" fields={{ decisionId: decision.id }} className="button-row">
          <Button variant="tertiary">Beschluss entfernen</Button>
        </IntentForm>
      </div>
    </Folded>
  );
}

export function DecisionAddForm({ itemId, errors, values }: { itemId: number; errors?: FieldErrors; values?: DecisionValues }) {
  return (
    <Folded summary="Beschluss aufnehmen" open={Boolean(errors)}>
      <IntentForm intent="add-decision" fields={{ agendaItemId: itemId }} label="Beschluss aufnehmen">
        <DecisionFields prefix={`new-decision-${itemId}`} values={values} errors={errors} />
        <div className="button-row">
          <Button variant="secondary">Beschluss aufnehmen</Button>
        </div>
      </IntentForm>
    </Folded>
  );
}

type Option = { value: string; label: string };

function ActionItemFields({ prefix, owners, values, errors }: { prefix: string; owners: Option[]; values?: { title?: string; ownerId?: string; dueOn?: string }; errors?: FieldErrors }) {
  return (
    <>
      <TextField field={plainField({ name: "title", id: `${prefix}-title`, value: values?.title ?? "", error: err(errors, "title") })} label="Was ist zu tun?" required />
      <SelectField field={plainField({ name: "ownerId", id: `${prefix}-owner`, value: values?.ownerId ?? "", error: err(errors, "ownerId") })} label="Wer übernimmt es?" options={owners} required />
      <DateField field={plainField({ name: "dueOn", id: `${prefix}-due`, value: values?.dueOn ?? "", error: err(errors, "dueOn") })} label="Fällig am" required />
    </>
  );
}

export function ActionItemAddForm({ itemId, owners, errors, values }: { itemId: number; owners: Option[]; errors?: FieldErrors; values?: { title?: string; ownerId?: string; dueOn?: string } }) {
  return (
    <Folded summary="Aufgabe aufnehmen" open={Boolean(errors)}>
      <IntentForm intent="add-action-item" fields={{ agendaItemId: itemId }} label="Aufgabe aufnehmen">
        <ActionItemFields prefix={`new-action-${itemId}`} owners={owners} values={values} errors={errors} />
        <div className="button-row">
          <Button variant="secondary">Aufgabe aufnehmen</Button>
        </div>
      </IntentForm>
    </Folded>
  );
}

/** `values`: what was typed when the last save failed; otherwise the stored action item. */
export function ActionItemEditForm({ item, owners, errors, values }: { item: { id: number; title: string; ownerId: string; dueOn: string }; owners: Option[]; errors?: FieldErrors; values?: { title?: string; ownerId?: string; dueOn?: string } }) {
  return (
    <Folded summary="Aufgabe bearbeiten" open={Boolean(errors)}>
      <div className="stack">
        <IntentForm intent="update-action-item" fields={{ actionItemId: item.id }} label="Aufgabe ändern">
          <ActionItemFields prefix={`action-${item.id}`} owners={owners} values={values ?? item} errors={errors} />
          <div className="button-row">
            <Button variant="secondary">Aufgabe speichern</Button>
          </div>
        </IntentForm>
        <IntentForm intent="remove-action-item" fields={{ actionItemId: item.id }} className="button-row">
          <Button variant="tertiary">Aufgabe entfernen</Button>
        </IntentForm>
      </div>
    </Folded>
  );
}

/** An action item as the minutes list it, read-only. */
export function ActionItemLine({ item }: { item: { id: number; title: string; owner: string; due: string; status: keyof typeof ACTION_ITEM_STATUS_LABELS; path: string | null } }) {
  return (
    <>
      {item.path ? <Link to={item.path}>{item.title}</Link> : item.title} – {item.owner}, fällig am {item.due} <Badge tone={ACTION_ITEM_STATUS_TONES[item.status]}>{ACTION_ITEM_STATUS_LABELS[item.status]}</Badge>
    </>
  );
}

type MeetingRef = { id: number; title: string; date: string };

/**
 * The item "Genehmigung des Protokolls der letzten Sitzung": which minutes this meeting approved,
 * or for the chair the button that records the approval (when the last minutes are released and
 * not yet approved), or why there is nothing to approve.
 */
export function ApprovalOfPrevious({
  slug,
  itemId,
  editable,
  approvedHere,
  previous,
}: {
  slug: string;
  itemId: number;
  editable: boolean;
  approvedHere: MeetingRef[];
  previous: (MeetingRef & { minutesStatus: string | null; approvedOn: string | null }) | null;
}) {
  if (approvedHere.length) {
    return (
      <p>
        {approvedHere.map((a) => (
          <span key={a.id}>
            Das Protokoll der Sitzung <Link to={`/facharbeitskreise/${slug}/sitzungen/${a.id}/protokoll`}>{a.title}</Link> vom {a.date} ist genehmigt.{" "}
          </span>
        ))}
      </p>
    );
  }
  if (!editable) return null;
  if (!previous) return <p>Es gibt keine frühere Sitzung mit Protokoll.</p>;
  const link = <Link to={`/facharbeitskreise/${slug}/sitzungen/${previous.id}/protokoll`}>{previous.title}</Link>;
  if (previous.minutesStatus !== "freigegeben") return <p>Das Protokoll der letzten Sitzung ({link}, {previous.date}) ist noch nicht freigegeben.</p>;
  if (previous.approvedOn) return <p>Das Protokoll der letzten Sitzung ({link}) ist bereits am {previous.approvedOn} genehmigt.</p>;
  return (
    <Form method="post" className="stack" aria-label="Protokoll der letzten Sitzung genehmigen">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="agendaItemId" value={itemId} />
      <p>
        Protokoll der letzten Sitzung: {link} vom {previous.date}
      </p>
      <div className="button-row">
        <Button variant="secondary">Genehmigung eintragen</Button>
      </div>
    </Form>
  );
}
