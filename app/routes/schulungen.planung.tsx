import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { LinkButton } from "~/components/button";
import { EmptyState } from "~/components/empty-state";
import { ProgressBar } from "~/components/progress";
import { DataTable } from "~/components/table";
import { formatDate, formatDateTime, formatRange } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { formatWishedPeriod } from "~/modules/training/inhouse-status";
import { SEMINAR_STATUS_LABELS } from "~/modules/training/labels";
import { LOW_REGISTRATION_DAYS_BEFORE_DEADLINE, LOW_REGISTRATION_FILL_RATIO, trainerOverview } from "~/modules/training/overview.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "trainer", "admin");
  const admin = hasRole(user.roles, "admin");
  const mine = !admin || new URL(request.url).searchParams.get("nur") === "meine";
  const now = new Date();
  const overview = await trainerOverview({ user, now, mine });
  const seminar = (s: (typeof overview.seminars)[number]) => ({
    id: s.id,
    title: s.title,
    status: s.status,
    when: s.startsAt && s.endsAt ? formatRange(s.startsAt, s.endsAt) : "Termin noch offen",
    centre: s.centre,
    capacity: s.capacity,
    confirmedSeats: s.confirmedSeats,
    waitingPeople: s.waitingPeople,
    deadline: formatDateTime(s.registrationDeadline),
  });
  return {
    admin,
    mine,
    seminars: overview.seminars.map(seminar),
    lowRegistration: overview.lowRegistration.map(seminar),
    requests: {
      count: overview.requests.count,
      list: overview.requests.requests.map((r) => ({ id: r.id, topic: r.topic, municipality: r.municipality, period: formatWishedPeriod(r.wishedFrom, r.wishedTo), participants: r.participants, filedOn: formatDate(r.createdAt) })),
    },
    thresholds: { days: LOW_REGISTRATION_DAYS_BEFORE_DEADLINE, percent: Math.round(LOW_REGISTRATION_FILL_RATIO * 100) },
  };
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: [{ label: "Planung" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Planung", "schulungen") }];

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type SeminarRow = Data["seminars"][number];

function SeminarTable({ caption, rows }: { caption: string; rows: SeminarRow[] }) {
  return (
    <DataTable<SeminarRow>
      caption={caption}
      rows={rows}
      rowKey={(s) => s.id}
      columns={[
        { key: "title", header: "Schulung", rowHeader: true, cell: (s) => <Link to={`/schulungen/${s.id}`}>{s.title}</Link> },
        { key: "when", header: "Termin", cell: (s) => s.when },
        { key: "centre", header: "Zentrum", cell: (s) => s.centre },
        { key: "status", header: "Status", cell: (s) => <Badge tone={s.status === "veroeffentlicht" ? "success" : "info"}>{SEMINAR_STATUS_LABELS[s.status]}</Badge> },
        { key: "fill", header: "Belegung", cell: (s) => <ProgressBar label="Belegt" value={s.confirmedSeats} max={s.capacity} unit="Plätzen" /> },
        { key: "waiting", header: "Warteliste", numeric: true, cell: (s) => s.waitingPeople },
        { key: "deadline", header: "Anmeldeschluss", cell: (s) => s.deadline },
      ]}
    />
  );
}

export default function Planning() {
  const { admin, mine, seminars, lowRegistration, requests, thresholds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Planung</h1>
      <p className="button-row">
        <LinkButton to="/schulungen/neu">Neue Schulung</LinkButton>
      </p>
      {admin ? (
        <nav aria-label="Welche Schulungen">
          <ul className="button-row">
            <li>
              <Link to="/schulungen/planung" aria-current={mine ? undefined : "page"}>
                Alle Schulungen
              </Link>
            </li>
            <li>
              <Link to="/schulungen/planung?nur=meine" aria-current={mine ? "page" : undefined}>
                Nur meine
              </Link>
            </li>
          </ul>
        </nav>
      ) : null}

      <section aria-labelledby="wenig-anmeldungen">
        <h2 id="wenig-anmeldungen">Wenig Anmeldungen kurz vor Anmeldeschluss</h2>
        <p>
          Veröffentlichte Schulungen, deren Anmeldeschluss in höchstens {thresholds.days} Tagen ist und bei denen weniger als {thresholds.percent} % der Plätze
          belegt sind.
        </p>
        {lowRegistration.length ? <SeminarTable caption="Schulungen mit wenig Anmeldungen" rows={lowRegistration} /> : <EmptyState title="Keine Schulung ist davon betroffen." />}
      </section>

      <section aria-labelledby="kommende">
        <h2 id="kommende">Kommende Schulungen</h2>
        {seminars.length ? (
          <SeminarTable caption={`${seminars.length} ${seminars.length === 1 ? "kommende Schulung" : "kommende Schulungen"}${mine ? ", die Sie leiten" : ""}`} rows={seminars} />
        ) : (
          <EmptyState title={mine ? "Sie leiten keine kommende Schulung." : "Es ist keine Schulung geplant."} />
        )}
      </section>

      <section aria-labelledby="anfragen">
        <h2 id="anfragen">Offene Inhouse-Anfragen: {requests.count}</h2>
        {requests.list.length ? (
          <ul className="ticket-brief-list">
            {requests.list.map((r) => (
              <li key={r.id}>
                <Link to={`/schulungen/anfragen/${r.id}`}>{r.topic}</Link>
                <br />
                {r.municipality} · {r.period} · {r.participants} Teilnehmende · angefragt am {r.filedOn}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Es liegt keine offene Inhouse-Anfrage vor." />
        )}
        {requests.count > requests.list.length ? (
          <p>
            <Link to="/schulungen/anfragen">Alle {requests.count} offenen Anfragen</Link>
          </p>
        ) : (
          <p>
            <Link to="/schulungen/anfragen">Alle Inhouse-Anfragen</Link>
          </p>
        )}
      </section>
    </>
  );
}
