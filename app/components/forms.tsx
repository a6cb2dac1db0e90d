import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "./alert";

// The kit's form fields, in KERN's markup. Each takes a conform field, so ids, names, the last
// submitted value, `aria-invalid` and `aria-describedby` (hint and error) come from one place
// (ACCEPTANCE H39). Errors come from the server too, so every form works without JavaScript.

type AnyField = FieldMetadata<any, any, any>;

/**
 * Errors after a failed submit: a summary that takes focus, each entry linking to its field
 * (ACCEPTANCE H39). Works without JavaScript too (the summary is server-rendered).
 */
export function ErrorSummary({ errors }: { errors: { id?: string; message: string }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.message).join("|");
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} className="kern-alert kern-alert--danger error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 className="kern-title" id="error-summary-title">
          Bitte prüfen Sie Ihre Eingaben
        </h2>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {errors.map((e, i) => (
            <li key={i}>{e.id ? <a href={`#${e.id}`}>{e.message}</a> : e.message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Collects conform field errors and form-level errors for the summary. */
export function summariseErrors(formErrors: string[] | undefined, fields: AnyField[]) {
  const list: { id?: string; message: string }[] = (formErrors ?? []).map((message) => ({ message }));
  for (const f of fields) for (const message of f.errors ?? []) list.push({ id: f.id, message });
  return list;
}

/** The label with KERN's optional marker: required fields carry `required`, optional ones say so. */
function Label({ htmlFor, children, optional }: { htmlFor: string; children: ReactNode; optional?: boolean }) {
  return (
    <label className="kern-label" htmlFor={htmlFor}>
      {children}
      {optional ? <span className="kern-label__optional"> – optional</span> : null}
    </label>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="kern-hint" id={id}>
      {children}
    </div>
  );
}

/** conform's input props point aria-describedby at `${field.errorId}` when invalid. */
export function FieldError({ field }: { field: AnyField }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="kern-error">
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span className="kern-body">
        <span className="visually-hidden">Fehler: </span>
        {field.errors.join(" ")}
      </span>
    </p>
  );
}

/** Label, hint and error around one control, in KERN's order. */
function FieldFrame({ field, label, hint, hintId, optional, children }: { field: AnyField; label: string; hint?: ReactNode; hintId?: string; optional?: boolean; children: ReactNode }) {
  const invalid = Boolean(field.errors?.length);
  return (
    <div className={`kern-form-input${invalid ? " kern-form-input--error" : ""}`}>
      <Label htmlFor={field.id} optional={optional}>
        {label}
      </Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      <FieldError field={field} />
      {children}
    </div>
  );
}

type InputType = "text" | "email" | "password" | "date" | "search" | "url" | "tel";

interface FieldProps {
  field: AnyField;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  /** Shows KERN's "– optional" marker after the label. */
  optional?: boolean;
}

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  required,
  optional,
  inputMode,
  width,
}: FieldProps & {
  type?: InputType;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email" | "tel";
  /** A narrow field for short values (numbers, postal codes). */
  width?: "numeric";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <FieldFrame field={field} label={label} hint={hint} hintId={hintId} optional={optional}>
      <input
        key={key}
        {...props}
        className={`kern-form-input__input${invalid ? " kern-form-input__input--error" : ""}${width === "numeric" ? " kern-form-input__input--numeric" : ""}`}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
      />
    </FieldFrame>
  );
}

/**
 * Whole numbers and amounts the German way ("12.500", "1.234,50"): a text input with a numeric
 * keyboard, parsed on the server by the shared German-number preprocessor.
 */
export function NumberField(props: FieldProps & { decimal?: boolean; autoComplete?: string }) {
  return <TextField {...props} type="text" inputMode={props.decimal ? "decimal" : "numeric"} width="numeric" />;
}

export function DateField(props: FieldProps) {
  return <TextField {...props} type="date" width="numeric" />;
}

export function TextareaField({ field, label, hint, required, optional, rows = 5 }: FieldProps & { rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <FieldFrame field={field} label={label} hint={hint} hintId={hintId} optional={optional}>
      <textarea key={key} {...props} rows={rows} required={required} className={`kern-form-input__input${invalid ? " kern-form-input__input--error" : ""}`} />
    </FieldFrame>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder = "Bitte wählen",
  required,
  optional,
  hint,
}: FieldProps & {
  options: { value: string; label: string }[];
  /** The empty first option; `null` for none (a filter whose first option means "all"). */
  placeholder?: string | null;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <FieldFrame field={field} label={label} hint={hint} hintId={hintId} optional={optional}>
      <div className="kern-form-input__select-wrapper">
        <select key={key} {...props} required={required} className={`kern-form-input__select${invalid ? " kern-form-input__select--error" : ""}`}>
          {placeholder !== null ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </FieldFrame>
  );
}

/** One checkbox with its label (a yes/no question). */
export function CheckboxField({ field, label, hint }: { field: AnyField; label: ReactNode; hint?: ReactNode }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const invalid = Boolean(field.errors?.length);
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="kern-form-check">
      <input key={key} {...props} className={`kern-form-check__checkbox${invalid ? " kern-form-check__checkbox--error" : ""}`} />
      <label className="kern-label" htmlFor={field.id}>
        {label}
      </label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      <FieldError field={field} />
    </div>
  );
}

/**
 * A group of checkboxes or radios under one legend (KERN fieldset). `type="checkbox"` submits
 * every checked value under the field's name; `type="radio"` exactly one.
 */
export function ChoiceGroup({
  field,
  legend,
  options,
  type,
  hint,
  required,
  horizontal,
}: {
  field: AnyField;
  legend: string;
  options: { value: string; label: ReactNode }[];
  type: "checkbox" | "radio";
  hint?: ReactNode;
  required?: boolean;
  horizontal?: boolean;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const invalid = Boolean(field.errors?.length);
  const initial = field.initialValue;
  const selected = new Set(Array.isArray(initial) ? initial.map(String) : initial !== undefined && initial !== null ? [String(initial)] : []);
  const describedBy = [hintId, invalid ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`kern-fieldset${invalid ? " kern-fieldset--error" : ""}`} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend className="kern-label">{legend}</legend>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      <FieldError field={field} />
      <div className={`kern-fieldset__body${horizontal ? " kern-fieldset__body--horizontal" : ""}`}>
        {options.map((o, i) => {
          const id = `${field.id}-${i}`;
          return (
            <div className="kern-form-check" key={o.value}>
              <input
                type={type}
                id={id}
                name={field.name}
                value={o.value}
                defaultChecked={selected.has(o.value)}
                required={type === "radio" && required}
                className={type === "radio" ? "kern-form-check__radio" : "kern-form-check__checkbox"}
              />
              <label className="kern-label" htmlFor={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A status message announced by screen readers after an action (ACCEPTANCE H40). */
export function StatusMessage({ children, title = "Erledigt" }: { children: ReactNode; title?: string }) {
  return (
    <Alert tone="success" title={title} live>
      {typeof children === "string" ? <p className="kern-body">{children}</p> : children}
    </Alert>
  );
}

/**
 * A field for a form that does not use conform (a GET filter whose values come from the URL):
 * the same shape the kit's fields read, so filters look and behave like every other form.
 */
export function plainField({ name, id = name, value, error, maxLength }: { name: string; id?: string; value?: string | string[] | null; error?: string; maxLength?: number }): AnyField {
  return {
    id,
    name,
    formId: undefined,
    key: undefined,
    initialValue: value ?? undefined,
    errors: error ? [error] : undefined,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    valid: !error,
    maxLength,
  } as unknown as AnyField;
}

/**
 * File upload (ticket attachments, agenda documents): several files, checked on the server by
 * their bytes. Not a conform field: files are never sent back, so the errors come as strings.
 */
export function FileField({ name, id = name, label, hint, errors, accept }: { name: string; id?: string; label: string; hint?: ReactNode; errors?: string[]; accept?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={`kern-form-input${invalid ? " kern-form-input--error" : ""}`}>
      <Label htmlFor={id} optional>
        {label}
      </Label>
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {invalid ? (
        <p id={errorId} className="kern-error">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">
            <span className="visually-hidden">Fehler: </span>
            {errors!.join(" ")}
          </span>
        </p>
      ) : null}
      <input
        type="file"
        id={id}
        name={name}
        multiple
        accept={accept}
        aria-describedby={[hintId, invalid ? errorId : null].filter(Boolean).join(" ") || undefined}
        aria-invalid={invalid || undefined}
        className="kern-form-input__input"
      />
    </div>
  );
}
