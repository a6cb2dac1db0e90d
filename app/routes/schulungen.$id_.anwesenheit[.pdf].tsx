import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { pdfResponse } from "~/modules/pdf/document.server";
import { attendanceListPdf } from "~/modules/training/attendance.server";
import { rowIdOrNotFound } from "~/validation";

/** The attendance list to sign, as a PDF (issue 8, item 8): for the trainers who manage the seminar. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { pdf } = await attendanceListPdf({ user, seminarId: rowIdOrNotFound(params.id) });
  return pdfResponse(pdf, `Anwesenheitsliste-${params.id}.pdf`);
}
