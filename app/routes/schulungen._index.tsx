import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { BreakableText } from "~/components/breakable-text";
import { Button } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, plainField, SelectField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { Tabs } from "~/components/tabs";
import { formatDate, formatRange, formatTime } from "~/format";
import { getEnv } from "~/env.server";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { filingCatalogue } from "~/modules/tickets/filing.server";
import { CENTRE_IDS, currentMonth, fillLevelText, listMonth, listUpcomingSeminars, neighbourMonths, parseMonth } from "~/modules/training/calendar.server";
import { SEMINAR_TYPE_LABELS } from "~/modules/training/labels";
import { parseQueryFilters } from "~/validation";

/** Every filter is checked on its own: a bad value drops only that filter, and the page says so (D18). */
const FILTERS = {
  ansicht: z.enum(["liste", "monat"]),
  zentrum: z.enum(CENTRE_IDS),
  verfahren: z.coerce.number().int().positive().max(2_000_000_000),
  art: z.enum(["schulung", "info"]),
  page: z.coerce.number().int().min(1).max(10_000),
} as const;
const FILTER_MESSAGES: Record<keyof typeof FILTERS, string> = {
  ansicht: "Diese Ansicht gibt es nicht.",
  zentrum: "Dieses Zentrum gibt es nicht.",
  verfahren: "Dieses Verfahren gibt es nicht.",
  art: "Diese Art von Veranstaltung gibt es nicht.",
  page: "Bitte eine gültige Seitenzahl angeben.",
};

function parseFilters(params: URLSearchParams) {
  const { value, errors } = parseQueryFilters(params, FILTERS, (key) => FILTER_MESSAGES[key]);
  const rawMonth = params.get("monat");
  const month = parseMonth(rawMonth?.trim());
  if (rawMonth && rawMonth.trim() !== "" && !month) errors.push({ id: "monat", message: `Bitte einen Monat wie ${currentMonth().toFormat("yyyy-MM")} angeben.` });
  return { value, month, errors };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Public page; signing in adds the seminars restricted to one's own municipality.
  const viewer = await getCurrentUser(request, context);
  const { value, month, errors } = parseFilters(new URL(request.url).searchParams);
  const filter = { centreId: value.zentrum, procedureId: value.verfahren, type: value.art };
  const view = value.ansicht ?? "liste";
  const [catalogue, list, monthView] = await Promise.all([
    filingCatalogue(),
    view === "liste" ? listUpcomingSeminars({ viewer, filter, page: value.page }) : null,
    view === "monat" ? listMonth({ viewer, filter, month: month ?? currentMonth() }) : null,
  ]);
  const shownMonth = month ?? currentMonth();
  const body = {
    view,
    filters: { zentrum: value.zentrum, verfahren: value.verfahren, art: value.art },
    errors,
    procedures: catalogue.map((p) => ({ value: String(p.id), label: p.name })),
    list: list && {
      page: list.page,
      hasMore: list.hasMore,
      rows: list.rows.map((r) => ({
        id: r.id,
        title: r.title,
        type: r.type,
        cancelled: r.status === "abgesagt",
        centre: r.centreName,
        online: r.locationKind === "online",
        when: r.dateCount > 1 ? `${formatDate(r.startsAt)} – ${formatDate(r.endsAt)}` : formatRange(r.startsAt, r.endsAt),
        dates: r.dateCount,
        fill: fillLevelText(r),
      })),
    },
    month: monthView && {
      current: shownMonth.toFormat("yyyy-MM"),
      label: shownMonth.setLocale("de").toFormat("LLLL yyyy"),
      ...neighbourMonths(shownMonth),
      truncated: monthView.truncated,
      firstWeekday: monthView.days[0]?.weekday ?? 1,
      days: monthView.days.map((d) => ({
        date: d.date,
        label: d.label,
        entries: d.entries.map((e) => ({
          key: e.dateId,
          id: e.id,
          title: e.title,
          type: e.type,
          cancelled: e.status === "abgesagt",
          centre: e.centreName,
          time: `${formatTime(e.startsAt)}–${formatTime(e.endsAt)} Uhr`,
          fill: fillLevelText(e),
        })),
      })),
    },
    feeds: {
      all: `${getEnv().APP_URL}/schulungen/feed/alle.ics`,
      centres: [
        { id: "nord", label: "Zentrum Nord" },
        { id: "mitte", label: "Zentrum Mitte" },
        { id: "west", label: "Zentrum West" },
        { id: "sued", label: "Zentrum Süd" },
      ].map((c) => ({ ...c, url: `${getEnv().APP_URL}/schulungen/feed/${c.id}.ics` })),
    },
  };
  return errors.length ? data(body, { status: 400 }) : body;
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: { label: "Kalender" } };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: pageTitle(d?.view === "monat" && d.month ? `Schulungskalender ${d.month.label}` : "Schulungskalender", "schulungen") },
];

const CENTRE_OPTIONS = [
  { value: "nord", label: "Nord (Buxtehude)" },
  { value: "mitte", label: "Mitte (Verden)" },
  { value: "west", label: "West (Rheine)" },
  { value: "sued", label: "Süd (Höxter)" },
];

/** The month grid's days are narrow: the short word, with a soft hyphen ("Info-/veranstaltung"). */
const COMPACT_TYPE_LABELS = { schulung: SEMINAR_TYPE_LABELS.schulung, info: "Info\u00ADveranstaltung" };

function TypeBadge({ type, cancelled, compact = false }: { type: "schulung" | "info"; cancelled: boolean; compact?: boolean }) {
  return (
    <>
      <Badge tone={type === "info" ? "success" : "info"}>{(compact ? COMPACT_TYPE_LABELS : SEMINAR_TYPE_LABELS)[type]}</Badge>
      {cancelled ? (
        <>
          {" "}
          <Badge tone="danger">abgesagt</Badge>
        </>
      ) : null}
    </>
  );
}

export default function SeminarCalendar() {
  const { view, filters, errors, procedures, list, month, feeds } = useLoaderData<typeof loader>();
  const f = filters as Record<string, string | number | undefined>;
  const field = (name: string) => plainField({ name, id: `filter-${name}`, value: f[name] === undefined ? "" : String(f[name]) });
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v !== undefined) params.set(k, String(v));
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `?${params.toString()}`;
  };
  const filtered = Boolean(f.zentrum || f.verfahren || f.art);
  return (
    <>
      <h1>Schulungskalender</h1>
      <p>Alle veröffentlichten Schulungen und Informationsveranstaltungen der vier Zentren. Wählen Sie eine Veranstaltung, um Einzelheiten zu sehen und sich anzumelden.</p>
      <Tabs
        label="Ansicht"
        tabs={[
          { to: query({ ansicht: "liste" }), label: "Liste", current: view === "liste" },
          { to: query({ ansicht: "monat" }), label: "Monat", current: view === "monat" },
        ]}
      />

      <h2>Filtern</h2>
      <ErrorSummary errors={errors} />
      <Form method="get" className="filters">
        <input type="hidden" name="ansicht" value={view} />
        {view === "monat" && month ? <input type="hidden" name="monat" value={month.current} /> : null}
        <SelectField field={field("zentrum")} label="Zentrum" options={CENTRE_OPTIONS} placeholder="Alle" />
        <SelectField field={field("verfahren")} label="Verfahren" options={procedures} placeholder="Alle" />
        <SelectField
          field={field("art")}
          label="Art"
          options={[
            { value: "schulung", label: "Schulung" },
            { value: "info", label: "Informationsveranstaltung" },
          ]}
          placeholder="Alle"
        />
        <div className="button-row">
          <Button>Anwenden</Button>
          <Link to={`?ansicht=${view}`}>Filter zurücksetzen</Link>
        </div>
      </Form>

      {list ? (
        <>
          <h2>Kommende Veranstaltungen</h2>
          {list.rows.length === 0 ? (
            <EmptyState title="Keine Veranstaltungen gefunden">
              {filtered ? "Zu diesen Filtern ist keine Veranstaltung geplant." : "Zurzeit ist keine Schulung und keine Informationsveranstaltung geplant."}
            </EmptyState>
          ) : (
            <ul className="seminar-list">
              {list.rows.map((r) => (
                <li key={r.id} className="seminar-list__item">
                  <h3 className="seminar-list__title">
                    <Link to={`/schulungen/${r.id}`}>{r.title}</Link>
                  </h3>
                  <p>
                    <TypeBadge type={r.type} cancelled={r.cancelled} />
                  </p>
                  <p>
                    {r.when}
                    {r.dates > 1 ? ` (${r.dates} Termine)` : ""}
                    <br />
                    Zentrum {r.centre}
                    {r.online ? ", online" : ""}
                    <br />
                    {r.fill}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pagination page={list.page} hasMore={list.hasMore} label="Seiten der Veranstaltungsliste" />
        </>
      ) : null}

      {month ? (
        <>
          <h2>{month.label}</h2>
          <nav aria-label="Monate" className="button-row">
            {month.previous ? (
              <Link to={query({ ansicht: "monat", monat: month.previous })} rel="prev">
                Vorheriger Monat
              </Link>
            ) : null}
            {month.next ? (
              <Link to={query({ ansicht: "monat", monat: month.next })} rel="next">
                Nächster Monat
              </Link>
            ) : null}
          </nav>
          {month.days.every((d) => d.entries.length === 0) ? (
            <EmptyState title="Keine Veranstaltungen in diesem Monat">
              {filtered ? "Zu diesen Filtern ist in diesem Monat nichts geplant." : "In diesem Monat ist keine Veranstaltung geplant."}
            </EmptyState>
          ) : (
            <ol className={`month-grid month-grid--starts-${month.firstWeekday}`}>
              {month.days.map((d) => (
                <li key={d.date} className={`month-grid__day${d.entries.length ? "" : " month-grid__day--empty"}`}>
                  <p className="month-grid__date">
                    <time dateTime={d.date}>{d.label}</time>
                  </p>
                  {d.entries.length ? (
                    <ul>
                      {d.entries.map((e) => (
                        <li key={e.key}>
                          <Link to={`/schulungen/${e.id}`}>{e.title}</Link>
                          <br />
                          {e.time}
                          <br />
                          <TypeBadge type={e.type} cancelled={e.cancelled} compact />
                          <br />
                          Zentrum {e.centre}
                          <br />
                          {e.fill}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {month.truncated ? <p>Es werden nur die ersten 500 Termine dieses Monats gezeigt; bitte filtern Sie nach Zentrum oder Verfahren.</p> : null}
        </>
      ) : null}

      <h2>Kalender abonnieren</h2>
      <p>
        Die Veranstaltungen gibt es auch als Kalender-Abonnement (ICS). Kopieren Sie eine Adresse und fügen Sie sie in Ihrem Kalenderprogramm als
        Internetkalender hinzu: in Outlook unter „Kalender hinzufügen – Aus dem Internet“, in Thunderbird unter „Neuer Kalender – Im Netzwerk“, bei
        Google unter „Weitere Kalender – Per URL“, bei Apple unter „Ablage – Neues Kalenderabonnement“. Der Kalender aktualisiert sich dann selbst.
      </p>
      <ul>
        <li>
          Alle Zentren:{" "}
          <a href={feeds.all}>
            <BreakableText text={feeds.all} />
          </a>
        </li>
        {feeds.centres.map((c) => (
          <li key={c.id}>
            {c.label}:{" "}
            <a href={c.url}>
              <BreakableText text={c.url} />
            </a>
          </li>
        ))}
      </ul>
      <p>Ihre eigenen Anmeldungen enthält Ihr persönlicher Kalender, den Sie unter „Konto“ einrichten.</p>
    </>
  );
}
