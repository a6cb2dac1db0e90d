import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { BarChart } from "~/components/bar-chart";
import { DataTable } from "~/components/table";
import { formatDate, formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { dashboardScope, loadSupportDashboard } from "~/modules/tickets/dashboard.server";
import { DASHBOARD_MONTHS, DASHBOARD_WEEKS, formatShare, openByCentreSummary, openByProcedureSummary, slaSummary, weeksSummary } from "~/modules/tickets/dashboard-summary";
import { ticketStatusLabel } from "~/modules/tickets/lifecycle";
import { notFound } from "~/errors";

/** /betreuung/auswertung: the support overview (issue 7, item 14). Centre managers (their centres) and admins (all); others 404 (C14). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "centre_manager", "admin");
  const scope = dashboardScope(user);
  if (!scope) notFound();
  return { dashboard: await loadSupportDashboard({ scope }), allCentres: scope.centreIds === null };
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: { label: "Auswertung" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Auswertung", "betreuung") }];

const count = (v: number) => v.toLocaleString("de-DE");

export default function SupportDashboard() {
  const { dashboard: d, allCentres } = useLoaderData<typeof loader>();
  const slaSeries = d.sla.map((c) => ({ key: c.centreId, label: c.centre }));
  const slaTitle = `SLA-Einhaltung je Zentrum und Monat, letzte ${DASHBOARD_MONTHS} Monate`;
  return (
    <>
      <h1>Auswertung der Betreuung</h1>
      <p>
        {allCentres ? "Alle Zentren" : d.centres.map((c) => c.name).join(", ")}, Stand {formatDateTime(d.generatedAt)}.{" "}
        <a href="/betreuung/auswertung.csv" download>
          Alle Zahlen als CSV herunterladen
        </a>
      </p>

      <section aria-labelledby="offen-zentrum">
        <h2 id="offen-zentrum">Offene Tickets je Zentrum</h2>
        <BarChart
          id="chart-offen-zentrum"
          title="Offene Tickets je Zentrum"
          summary={openByCentreSummary(d.openByCentre)}
          series={[{ key: "open", label: "Offene Tickets" }]}
          categories={d.openByCentre.map((c) => ({ key: c.centreId, label: c.centre, values: [c.open] }))}
        />
        <DataTable
          caption="Offene Tickets je Zentrum als Tabelle"
          rows={d.openByCentre}
          rowKey={(c) => c.centreId}
          columns={[
            { key: "centre", header: "Zentrum", rowHeader: true, cell: (c) => c.centre },
            { key: "open", header: "Offene Tickets", numeric: true, cell: (c) => count(c.open) },
          ]}
        />
      </section>

      <section aria-labelledby="offen-verfahren">
        <h2 id="offen-verfahren">Offene Tickets je Verfahren</h2>
        <BarChart
          id="chart-offen-verfahren"
          title="Offene Tickets je Verfahren"
          summary={openByProcedureSummary(d.openByProcedure)}
          series={[{ key: "open", label: "Offene Tickets" }]}
          categories={d.openByProcedure.map((p) => ({ key: String(p.procedureId ?? "ohne"), label: p.procedure, values: [p.open] }))}
        />
        <DataTable
          caption="Offene Tickets je Verfahren als Tabelle"
          rows={d.openByProcedure}
          rowKey={(p) => String(p.procedureId ?? "ohne")}
          columns={[
            { key: "procedure", header: "Verfahren", rowHeader: true, cell: (p) => p.procedure },
            { key: "open", header: "Offene Tickets", numeric: true, cell: (p) => count(p.open) },
          ]}
        />
      </section>

      <section aria-labelledby="wochen">
        <h2 id="wochen">Eröffnete und geschlossene Tickets je Woche</h2>
        <BarChart
          id="chart-wochen"
          title={`Eröffnete und geschlossene Tickets je Woche, letzte ${DASHBOARD_WEEKS} Wochen`}
          summary={weeksSummary(d.weeks)}
          series={[
            { key: "opened", label: "eröffnet" },
            { key: "closed", label: "geschlossen" },
          ]}
          categories={d.weeks.map((w) => ({ key: w.week, label: w.label, values: [w.opened, w.closed] }))}
          labelWidth={130}
        />
        <DataTable
          caption="Tickets je Woche als Tabelle"
          rows={d.weeks}
          rowKey={(w) => w.week}
          columns={[
            { key: "week", header: "Woche (ab Montag)", rowHeader: true, cell: (w) => w.label },
            { key: "opened", header: "Eröffnet", numeric: true, cell: (w) => count(w.opened) },
            { key: "closed", header: "Geschlossen", numeric: true, cell: (w) => count(w.closed) },
          ]}
        />
      </section>

      <section aria-labelledby="sla">
        <h2 id="sla">SLA-Einhaltung je Zentrum und Monat</h2>
        <p>Anteil der im Monat gelösten Tickets, die innerhalb ihres Lösungsziels gelöst wurden (Geschäftszeit des Zentrums, ohne Rückfrage-Zeiten). Diese Zahlen sind höchstens fünf Minuten alt.</p>
        <BarChart
          id="chart-sla"
          title={slaTitle}
          summary={slaSummary(d.sla, d.months)}
          series={slaSeries}
          categories={d.months.map((m, i) => ({ key: m.key, label: m.label, values: d.sla.map((c) => (c.months[i].share == null ? null : Math.round(c.months[i].share! * 100))) }))}
          format={(v) => `${v.toLocaleString("de-DE")} %`}
          max={100}
          labelWidth={130}
        />
        <DataTable
          caption="SLA-Einhaltung als Tabelle: Anteil im Lösungsziel (im Ziel gelöst von gelöst)"
          layout="scroll"
          label="SLA-Einhaltung als Tabelle"
          rows={d.sla}
          rowKey={(c) => c.centreId}
          columns={[
            { key: "centre", header: "Zentrum", rowHeader: true, cell: (c) => c.centre },
            ...d.months.map((m, i) => ({
              key: m.key,
              header: m.label,
              numeric: true,
              cell: (c: (typeof d.sla)[number]) => `${formatShare(c.months[i].share)} (${count(c.months[i].met)} von ${count(c.months[i].solved)})`,
            })),
            { key: "total", header: "Zusammen", numeric: true, cell: (c) => `${formatShare(c.total.share)} (${count(c.total.met)} von ${count(c.total.solved)})` },
          ]}
        />
      </section>

      <section aria-labelledby="aelteste">
        <h2 id="aelteste">Die ältesten offenen Tickets</h2>
        {d.oldest.length === 0 ? (
          <p>Zurzeit gibt es keine offenen Tickets.</p>
        ) : (
          <DataTable
            caption={`Die ${count(d.oldest.length)} ältesten offenen Tickets`}
            rows={d.oldest}
            rowKey={(t) => t.number}
            columns={[
              { key: "number", header: "Ticket", rowHeader: true, cell: (t) => <Link to={`/betreuung/tickets/${t.number}`}>{t.number}</Link> },
              { key: "title", header: "Titel", cell: (t) => t.title },
              { key: "status", header: "Status", cell: (t) => ticketStatusLabel(t.status) },
              { key: "centre", header: "Zentrum", cell: (t) => t.centre },
              { key: "municipality", header: "Kommune", cell: (t) => t.municipality },
              { key: "procedure", header: "Verfahren", cell: (t) => t.procedure ?? "–" },
              { key: "created", header: "Eröffnet", cell: (t) => <time dateTime={t.createdAt}>{formatDate(t.createdAt)}</time> },
              { key: "age", header: "Alter", numeric: true, cell: (t) => `${count(t.ageDays)} ${t.ageDays === 1 ? "Tag" : "Tage"}` },
            ]}
          />
        )}
      </section>
    </>
  );
}
