import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChoiceGroup, DateField, ErrorSummary, NumberField, plainField, SelectField, summariseErrors, TextField } from "~/components/forms";
import { AGENDA_FORM_ROWS, LOCATION_LABELS, meetingFormSchema, meetingSchema, type MeetingInput } from "./meeting-validation";

type Option = { value: string; label: string };

type MeetingFormShape = { [K in "title" | "date" | "time" | "durationMinutes" | "locationKind" | "roomId" | "onlineUrl"]: string } & {
  items: { title?: string; presenter?: string; durationMinutes?: string }[];
};

/**
 * The meeting form (schedule and edit, issue 9 item 2). Works without JavaScript: a fixed set of
 * agenda rows when scheduling; editing leaves the agenda to the meeting page.
 */
export function MeetingForm({
  lastResult,
  defaultValue,
  rooms,
  withAgenda,
  children,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  rooms: Option[];
  /** The scheduling form offers the first agenda items. */
  withAgenda: boolean;
  children: ReactNode;
}) {
  const [form, fields] = useForm<MeetingFormShape, MeetingInput>({
    lastResult: lastResult ?? undefined,
    defaultValue: defaultValue as Partial<MeetingFormShape>,
    constraint: getZodConstraint(meetingFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingSchema }),
  });
  const list = fields.items.getFieldList();
  const rows = withAgenda
    ? Array.from({ length: AGENDA_FORM_ROWS }, (_, i) => {
        const f = list[i]?.getFieldset();
        const pf = (name: "title" | "presenter" | "durationMinutes") => plainField({ name: `items[${i}].${name}`, id: `items-${i}-${name}` });
        return { i, title: f?.title ?? pf("title"), presenter: f?.presenter ?? pf("presenter"), durationMinutes: f?.durationMinutes ?? pf("durationMinutes") };
      })
    : [];
  const errorFields = [fields.title, fields.date, fields.time, fields.durationMinutes, fields.locationKind, fields.roomId, fields.onlineUrl, ...rows.flatMap((r) => [r.title, r.presenter, r.durationMinutes])];
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, errorFields)} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h2>Sitzung</h2>
        <TextField field={fields.title} label="Titel" required />
        <div className="kern-fieldset__body kern-fieldset__body--horizontal">
          <DateField field={fields.date} label="Datum" required />
          <TextField field={fields.time} label="Beginn" hint="z. B. 10:00" inputMode="numeric" width="numeric" required />
          <NumberField field={fields.durationMinutes} label="Dauer in Minuten" hint="z. B. 120" required />
        </div>

        <h2>Ort</h2>
        <ChoiceGroup field={fields.locationKind} legend="Art des Orts" type="radio" options={Object.entries(LOCATION_LABELS).map(([value, label]) => ({ value, label }))} required />
        <SelectField
          field={fields.roomId}
          label="Raum"
          options={rooms}
          placeholder="Kein Raum"
          hint="In einem Zentrum: Pflicht. Zentral in Buxtehude: optional ein Raum des Zentrums Nord. Gebuchte Räume werden auf Überschneidungen geprüft."
          optional
        />
        <TextField field={fields.onlineUrl} label="Link (online)" type="url" hint="Beginnt mit https://." optional />

        {withAgenda ? (
          <>
            <h2>Erste Tagesordnungspunkte</h2>
            <p>
              „Offene Aufgaben“ und, wenn ein freigegebenes Protokoll der letzten Sitzung vorliegt, dessen Genehmigung kommen automatisch an den Anfang.
              Weitere Punkte, Unterlagen und die Reihenfolge bearbeiten Sie danach auf der Seite der Sitzung. Leere Zeilen werden ignoriert.
            </p>
            {rows.map((r) => (
              <fieldset key={r.i} className="kern-fieldset">
                <legend className="kern-label">{`Punkt ${r.i + 1}`}</legend>
                <div className="kern-fieldset__body kern-fieldset__body--horizontal">
                  <TextField field={r.title} label="Titel" />
                  <TextField field={r.presenter} label="Vortrag" />
                  <NumberField field={r.durationMinutes} label="Minuten" />
                </div>
              </fieldset>
            ))}
          </>
        ) : null}
        <div className="button-row">{children}</div>
      </Form>
    </>
  );
}
