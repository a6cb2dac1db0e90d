import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { supportDashboardCsv, supportDashboardCsvFilename } from "~/modules/tickets/dashboard-csv.server";
import { dashboardScope, loadSupportDashboard } from "~/modules/tickets/dashboard.server";
import { notFound } from "~/errors";

/** /betreuung/auswertung.csv: the support overview's numbers as a download (issue 7, item 14). Centre managers and admins (C14: 404). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "centre_manager", "admin");
  const scope = dashboardScope(user);
  if (!scope) notFound();
  const csv = supportDashboardCsv(await loadSupportDashboard({ scope }));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${supportDashboardCsvFilename()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
