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

export function notFound(): Response {
  return new Response("Nicht gefunden", { status: 404 });
}
