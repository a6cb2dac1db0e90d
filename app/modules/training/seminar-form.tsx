import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChoiceGroup, DateField, ErrorSummary, NumberField, plainField, SelectField, summariseErrors, TextareaField, TextField } from "~/components/forms";
import { AUDIENCE_LABELS, LOCATION_KIND_LABELS, SEMINAR_TYPE_LABELS } from "./labels";
import { CANCELLATION_DAYS_BEFORE, DATE_ROWS, REGISTRATION_DAYS_BEFORE, seminarFormSchema, seminarSchema, type SeminarInput } from "./validation";

type Option = { value: string; label: string };
export interface PlanningOptions {
  procedures: Option[];
  modules: Option[];
  rooms: Option[];
  municipalities: Option[];
  centres: Option[];
  trainers: Option[];
}

/** The form's fields as conform sees them (all text, as submitted). */
type SeminarFormShape = {
  [K in "title" | "description" | "type" | "procedureId" | "moduleId" | "audience" | "seriesDate" | "seriesStart" | "seriesEnd" | "seriesWeeks" | "locationKind" | "roomId" | "hostMunicipalityId" | "address" | "onlineUrl" | "centreId" | "capacity" | "registrationDeadline" | "cancellationDeadline"]: string;
} & { dates: { id?: string; date?: string; start?: string; end?: string }[]; trainerIds: string[] };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The seminar form of the planning pages (new and edit). Works without JavaScript: a fixed set
 * of date rows (existing dates plus empty ones) and a fieldset for a weekly series.
 */
export function SeminarForm({
  lastResult,
  defaultValue,
  choices,
  children,
  extraRows = DATE_ROWS,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  choices: PlanningOptions;
  /** The submit buttons (each with its intent). */
  children: ReactNode;
  /** How many rows to show beyond the stored dates. */
  extraRows?: number;
}) {
  const [form, fields] = useForm<SeminarFormShape, SeminarInput>({
    lastResult: lastResult ?? undefined,
    defaultValue: defaultValue as Partial<SeminarFormShape>,
    constraint: getZodConstraint(seminarFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: seminarSchema }),
  });
  const stored = Array.isArray(defaultValue.dates) ? (defaultValue.dates as { id?: string }[]) : [];
  const list = fields.dates.getFieldList();
  const rowCount = Math.max(list.length, stored.length + extraRows, DATE_ROWS);
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const f = list[i]?.getFieldset();
    const id = f?.id.initialValue ?? stored[i]?.id;
    const pf = (name: "date" | "start" | "end") => plainField({ name: `dates[${i}].${name}`, id: `dates-${i}-${name}` });
    return { i, id: id ? String(id) : undefined, date: f?.date ?? pf("date"), start: f?.start ?? pf("start"), end: f?.end ?? pf("end") };
  });
  const errorFields = [
    fields.title,
    fields.type,
    fields.description,
    fields.procedureId,
    fields.moduleId,
    fields.audience,
    fields.dates,
    ...rows.flatMap((r) => [r.date, r.start, r.end]),
    fields.seriesDate,
    fields.seriesStart,
    fields.seriesEnd,
    fields.seriesWeeks,
    fields.locationKind,
    fields.roomId,
    fields.hostMunicipalityId,
    fields.address,
    fields.onlineUrl,
    fields.centreId,
    fields.trainerIds,
    fields.capacity,
    fields.registrationDeadline,
    fields.cancellationDeadline,
  ];
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, errorFields)} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h2>Veranstaltung</h2>
        <TextField field={fields.title} label="Titel" required />
        <ChoiceGroup field={fields.type} legend="Art" type="radio" options={options(SEMINAR_TYPE_LABELS)} required horizontal />
        <TextareaField field={fields.description} label="Beschreibung" hint="Inhalte, Voraussetzungen, Mitzubringendes. Markdown ist möglich (z. B. **fett**, Listen mit -)." optional rows={8} />
        <SelectField field={fields.procedureId} label="Verfahren" options={choices.procedures} placeholder="Kein bestimmtes Verfahren" optional />
        <SelectField field={fields.moduleId} label="Modul" options={choices.modules} placeholder="Kein bestimmtes Modul" hint="Das Modul muss zum gewählten Verfahren gehören." optional />
        <ChoiceGroup field={fields.audience} legend="Zielgruppe" type="radio" options={options(AUDIENCE_LABELS)} required horizontal />

        <h2>Termine</h2>
        <p>
          Uhrzeiten in deutscher Zeit, z. B. 09:00. Bei mehrtägigen Veranstaltungen einen Tag je Zeile; leere Zeilen werden ignoriert. Eine Zeile
          leeren entfernt den Termin.
        </p>
        {fields.dates.errors?.length ? (
          <p id={fields.dates.errorId} className="kern-error">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{fields.dates.errors.join(" ")}</span>
          </p>
        ) : null}
        {rows.map((r) => (
          <fieldset key={r.i} className="kern-fieldset">
            <legend className="kern-label">{`Termin ${r.i + 1}`}</legend>
            {r.id ? <input type="hidden" name={`dates[${r.i}].id`} value={r.id} /> : null}
            <div className="kern-fieldset__body kern-fieldset__body--horizontal">
              <DateField field={r.date} label="Datum" />
              <TextField field={r.start} label="Beginn" inputMode="numeric" width="numeric" />
              <TextField field={r.end} label="Ende" inputMode="numeric" width="numeric" />
            </div>
          </fieldset>
        ))}
        <fieldset className="kern-fieldset">
          <legend className="kern-label">Wöchentliche Reihe – optional</legend>
          <div className="kern-hint" id="series-hint">
            Zum Beispiel „jeden Dienstag, 4 Wochen“: erster Termin, Uhrzeiten und Zahl der Wochen. Die Uhrzeit bleibt auch über die Zeitumstellung
            gleich.
          </div>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            <DateField field={fields.seriesDate} label="Erster Termin" />
            <TextField field={fields.seriesStart} label="Beginn" inputMode="numeric" width="numeric" />
            <TextField field={fields.seriesEnd} label="Ende" inputMode="numeric" width="numeric" />
            <NumberField field={fields.seriesWeeks} label="Wochen" />
          </div>
        </fieldset>

        <h2>Ort</h2>
        <ChoiceGroup field={fields.locationKind} legend="Art des Orts" type="radio" options={options(LOCATION_KIND_LABELS)} required />
        <SelectField field={fields.roomId} label="Raum (bei einem Zentrum)" options={choices.rooms} optional />
        <SelectField field={fields.hostMunicipalityId} label="Gastgebende Kommune (Inhouse)" options={choices.municipalities} optional />
        <TextField field={fields.address} label="Adresse in der Kommune (Inhouse)" hint="Straße, Gebäude und Raum." optional />
        <TextField field={fields.onlineUrl} label="Link (online)" type="url" hint="Beginnt mit https://." optional />
        <SelectField field={fields.centreId} label="Ausrichtendes Zentrum (online)" options={choices.centres} hint="Bei Raum und Inhouse ergibt sich das Zentrum aus dem Ort." optional />

        <h2>Leitung und Plätze</h2>
        {choices.trainers.length ? (
          <ChoiceGroup field={fields.trainerIds} legend="Leitung" type="checkbox" options={choices.trainers} hint="Ohne Auswahl leiten Sie selbst." />
        ) : (
          <p>Es gibt noch keine Personen mit der Rolle Schulung.</p>
        )}
        <NumberField field={fields.capacity} label="Plätze" required />
        <DateField field={fields.registrationDeadline} label="Anmeldeschluss" hint={`Anmeldung bis einschließlich diesem Tag. Ohne Angabe: ${REGISTRATION_DAYS_BEFORE} Tage vor dem ersten Termin.`} optional />
        <DateField
          field={fields.cancellationDeadline}
          label="Abmeldefrist"
          hint={`Bis einschließlich diesem Tag können sich Teilnehmende selbst abmelden. Ohne Angabe: ${CANCELLATION_DAYS_BEFORE} Tage vor dem ersten Termin.`}
          optional
        />
        <div className="button-row">{children}</div>
      </Form>
    </>
  );
}
