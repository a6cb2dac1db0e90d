import type { ZodError } from "zod";
import type { PublicError } from "~/errors";

/**
 * What a working-group page shows after a refused post (the minutes, the action items): which
 * form (`intent`) for which thing (`target`, the id it acted on), the errors above the form and
 * per field, and the values as sent, so nothing typed is lost. Browser-safe.
 */
export type FormFailure = { intent: string; target: string | null; formErrors: string[]; fieldErrors?: Record<string, string[]>; values: Record<string, string> };

/** A form's text fields (files left out). */
export function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

export function invalidFields(error: ZodError, at: Omit<FormFailure, "formErrors" | "fieldErrors">): FormFailure {
  return { ...at, formErrors: [], fieldErrors: error.flatten().fieldErrors as Record<string, string[]> };
}

/** A PublicError of the command: on the field it names, or above the form. */
export function refused(error: PublicError, at: Omit<FormFailure, "formErrors" | "fieldErrors">): FormFailure {
  return { ...at, formErrors: error.field ? [] : [error.message], fieldErrors: error.field ? { [error.field]: [error.message] } : undefined };
}

/** Every message of a failure, for the page's error summary. */
export function failureSummary(failure: FormFailure | undefined): { message: string }[] {
  return failure ? [...failure.formErrors, ...Object.values(failure.fieldErrors ?? {}).flat()].map((message) => ({ message })) : [];
}
