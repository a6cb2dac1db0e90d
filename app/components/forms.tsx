import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import { useEffect, useRef } from "react";

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
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Bitte prüfen Sie Ihre Eingaben</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e.id ? <a href={`#${e.id}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** Collects conform field errors and form-level errors for the summary. */
export function summariseErrors(formErrors: string[] | undefined, fields: FieldMetadata<any, any, any>[]) {
  const list: { id?: string; message: string }[] = (formErrors ?? []).map((message) => ({ message }));
  for (const f of fields) for (const message of f.errors ?? []) list.push({ id: f.id, message });
  return list;
}

type InputType = "text" | "email" | "password" | "number" | "date" | "search" | "url" | "tel";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  required,
  inputMode,
}: {
  field: FieldMetadata<any, any, any>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "email";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className={`field${field.errors?.length ? " field--error" : ""}`}>
      <label htmlFor={field.id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input key={key} {...props} autoComplete={autoComplete} required={required} inputMode={inputMode} />
      <FieldError field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder = "Bitte wählen",
  required,
}: {
  field: FieldMetadata<any, any, any>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  required?: boolean;
}) {
  const { key, ...props } = getSelectProps(field);
  return (
    <div className={`field${field.errors?.length ? " field--error" : ""}`}>
      <label htmlFor={field.id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select key={key} {...props} required={required}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError field={field} />
    </div>
  );
}

/** conform's getInputProps points aria-describedby at `${field.errorId}` when invalid. */
export function FieldError({ field }: { field: FieldMetadata<any, any, any> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field__error">
      <span className="visually-hidden">Fehler: </span>
      {field.errors.join(" ")}
    </p>
  );
}

/** A status message announced by screen readers (ACCEPTANCE H40). */
export function StatusMessage({ children }: { children: React.ReactNode }) {
  return (
    <div className="status" role="status" aria-live="polite">
      {children}
    </div>
  );
}
