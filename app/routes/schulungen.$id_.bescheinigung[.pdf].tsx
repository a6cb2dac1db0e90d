import type { LoaderFunctionArgs } from "@remix-run/node";
import { PublicError } from "~/errors";
import { requireUser } from "~/modules/auth/guards.server";
import { pdfResponse } from "~/modules/pdf/document.server";
import { certificatePdf } from "~/modules/training/certificates.server";
import { rowIdOrNotFound } from "~/validation";

/**
 * The certificate of participation as a PDF (issue 8, item 8): one's own, or with
 * `?teilnehmer=<id>` any participant's for the trainers who manage the seminar. Who gets one:
 * app/modules/training/certificates.server.ts. Before the last date ends: 409 with a German message.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const seminarId = rowIdOrNotFound(params.id);
  const whose = new URL(request.url).searchParams.get("teilnehmer");
  const participantId = whose === null ? null : rowIdOrNotFound(whose);
  try {
    const { pdf, filename } = await certificatePdf({ user, seminarId, participantId });
    return pdfResponse(pdf, filename, { inline: false });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
}
