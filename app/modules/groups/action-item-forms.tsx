import { Form } from "@remix-run/react";
import { Button } from "~/components/button";
import { ChoiceGroup, DateField, plainField, TextareaField } from "~/components/forms";
import { ACTION_ITEM_CHANGES, ACTION_ITEM_STATUS_LABELS } from "./minutes-labels";

/** The status form of an action item (issue 9, item 7): done, carried over (new due date) or dropped, with a note. Browser-safe. */
export function ActionItemStatusForm({
  itemId,
  title,
  errors,
  values,
  action,
}: {
  itemId: number;
  title: string;
  errors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** Where the form posts (the list or the item's page). */
  action?: string;
}) {
  const err = (key: string) => errors?.[key]?.join(" ");
  return (
    <Form method="post" action={action} className="stack" aria-label={`Stand eintragen: ${title}`} preventScrollReset>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="actionItemId" value={itemId} />
      <ChoiceGroup
        field={plainField({ name: "status", id: `status-${itemId}`, value: values?.status ?? "", error: err("status") })}
        legend="Neuer Stand"
        type="radio"
        required
        horizontal
        options={ACTION_ITEM_CHANGES.map((s) => ({ value: s, label: ACTION_ITEM_STATUS_LABELS[s] }))}
      />
      <DateField field={plainField({ name: "dueOn", id: `due-${itemId}`, value: values?.dueOn ?? "", error: err("dueOn") })} label="Neues Fälligkeitsdatum" hint="Nur beim Vertagen." optional />
      <TextareaField field={plainField({ name: "note", id: `note-${itemId}`, value: values?.note ?? "", error: err("note") })} label="Notiz" hint="Was erledigt ist, warum vertagt oder verworfen." required rows={3} />
      <div className="button-row">
        <Button variant="secondary">
          Stand speichern<span className="visually-hidden">: {title}</span>
        </Button>
      </div>
    </Form>
  );
}
