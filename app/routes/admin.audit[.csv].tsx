import { parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsvFilename, auditTrailCsv } from "~/modules/audit/csv.server";
import { toAuditFilter } from "~/modules/audit/trail.server";
import { auditFilterSchema } from "~/modules/audit/validation";
import { requireRole } from "~/modules/auth/guards.server";

/** /admin/audit.csv: the audit trail with the page's filters, as a download (issue 5, item 10). Admins only (C14: 404). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  // The same parsing as the page (empty fields are "not set"), so the page's link always works.
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: auditFilterSchema });
  if (submission.status !== "success") {
    const messages = [...new Set(Object.values(submission.error ?? {}).flat())].join(" ");
    return new Response(`Der Filter ist ungültig: ${messages}`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const csv = await auditTrailCsv(toAuditFilter(submission.value));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditCsvFilename()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
