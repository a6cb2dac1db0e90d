/**
 * The one error type whose message a user may see (German). Everything else is logged with a
 * correlation id and shown as a generic message.
 */
export class PublicError extends Error {
  override name = "PublicError";
  constructor(
    message: string,
    readonly status = 400,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The one 404 (ACCEPTANCE C14: what someone may not see does not exist for them): thrown, so
 * Remix answers with the error page and nothing after it runs. `throw notFound()` reads the same.
 */
export function notFound(): never {
  throw new Response("Nicht gefunden", { status: 404 });
}

/** What the forms' submissions (conform's `parseWithZod`) offer for an answer. */
interface Replying<R> {
  reply(options: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): R;
}

/**
 * A form's answer to a PublicError from its module: on the field the error names, or above the
 * form; `hideFields` (passwords, codes) are never sent back either way.
 */
export function replyWithError<R>(submission: Replying<R>, error: PublicError, hideFields?: string[]): R {
  return error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.message] }, hideFields })
    : submission.reply({ formErrors: [error.message], hideFields });
}
