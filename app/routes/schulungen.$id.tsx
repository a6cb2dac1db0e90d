import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { BreakableText } from "~/components/breakable-text";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { ErrorSummary, plainField, StatusMessage, TextareaField } from "~/components/forms";
import { ProgressBar } from "~/components/progress";
import { DataTable } from "~/components/table";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDateTime, formatRange } from "~/format";
import { getCurrentUser, requireUser } from "~/modules/auth/guards.server";
import { AUDIENCE_LABELS, PARTICIPANT_STATUS_LABELS, SEMINAR_STATUS_LABELS, SEMINAR_TYPE_LABELS } from "~/modules/training/labels";
import { MAX_GROUP_SIZE, parsePeopleList } from "~/modules/training/people-list";
import { getSeminarPage } from "~/modules/training/queries.server";
import { cancelParticipation, registerForSeminar } from "~/modules/training/registrations.server";
import { doneMessage, rowIdField, rowIdOrNotFound } from "~/validation";

const DONE = {
  angemeldet: "Ihre Anmeldung ist bestätigt. Die Bestätigung und die Kalendereinladungen sind unterwegs.",
  warteliste: "Die Schulung ist ausgebucht: Sie stehen auf der Warteliste. Rückt jemand ab, rücken Sie automatisch nach.",
  gruppe: "Die Anmeldung ist eingetragen. Jede angemeldete Person erhält eine E-Mail.",
  storniert: "Die Anmeldung ist storniert. Die Absage für den Kalender ist unterwegs.",
} as const;

const cancelSchema = z.object({ participantId: rowIdField() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const page = await getSeminarPage(user, rowIdOrNotFound(params.id));
  const done = new URL(request.url).searchParams.get("erledigt");
  return { ...page, signedIn: !!user, done: doneMessage(DONE, done) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = rowIdOrNotFound(params.id);
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (done: keyof typeof DONE) => redirect(`/schulungen/${id}?erledigt=${done}#status`);
  try {
    if (intent === "register") {
      const result = await registerForSeminar({ user, seminarId: id, ip });
      return back(result.status === "bestaetigt" ? "angemeldet" : "warteliste");
    }
    if (intent === "register_group") {
      const text = String(form.get("people") ?? "").slice(0, 20_000);
      const { people, errors } = parsePeopleList(text, MAX_GROUP_SIZE);
      if (errors.length) return data({ intent, errors, people: text }, { status: 400 });
      await registerForSeminar({ user, seminarId: id, people, ip });
      return back("gruppe");
    }
    if (intent === "cancel") {
      const parsed = cancelSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) notFound();
      await cancelParticipation({ user, seminarId: id, participantId: parsed.data.participantId, ip });
      return back("storniert");
    }
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ intent, errors: [error.message], people: String(form.get("people") ?? "") }, { status: error.status });
  }
  throw new Response("Unbekannte Aktion", { status: 400 });
}

export const handle: PageHandle = {
  area: "schulungen",
  breadcrumb: (data: { seminar?: { title: string } } | undefined) => [{ label: "Kalender", to: "/schulungen" }, { label: data?.seminar?.title ?? "Schulung" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? data.seminar.title : "Schulung", "schulungen") }];

function CancelButton({ participantId, label }: { participantId: number; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="participantId" value={participantId} />
      <Button variant="secondary" aria-label={label}>
        Abmelden
      </Button>
    </Form>
  );
}

export default function SeminarPage() {
  const { seminar, dates, trainers, manages, mine, participants, registration, signedIn, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const free = Math.max(seminar.capacity - seminar.confirmedSeats, 0);
  const full = free === 0 || seminar.waitingBookings > 0;
  const mySeat = mine.find((m) => m.self);
  const groupSeats = mine.filter((m) => !m.self);
  const errors = actionData?.errors ?? [];

  return (
    <>
      <h1>{seminar.titleHyphenated}</h1>
      <p>
        <Badge>{SEMINAR_TYPE_LABELS[seminar.type]}</Badge>
        {seminar.status !== "veroeffentlicht" ? <Badge tone={seminar.status === "abgesagt" ? "danger" : "warning"}>{SEMINAR_STATUS_LABELS[seminar.status]}</Badge> : null}
        {seminar.status === "veroeffentlicht" && full ? <Badge tone="warning">Ausgebucht – Warteliste</Badge> : null}
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      {seminar.status === "abgesagt" ? (
        <p className="kern-body">
          <strong>Diese Veranstaltung ist abgesagt.</strong> {seminar.cancelReason ? `Grund: ${seminar.cancelReason}` : null}
        </p>
      ) : null}

      <div className="markdown" dangerouslySetInnerHTML={{ __html: seminar.descriptionHtml }} />

      <h2>Termine</h2>
      {dates.length ? (
        <ul>
          {dates.map((d) => (
            <li key={d.id}>{formatRange(d.startsAt, d.endsAt)}</li>
          ))}
        </ul>
      ) : (
        <p>Noch keine Termine.</p>
      )}

      <DescriptionList
        items={[
          { term: "Ort", value: seminar.location },
          seminar.onlineUrl ? { term: "Zugangslink", value: <a href={seminar.onlineUrl}><BreakableText text={seminar.onlineUrl} /></a> } : null,
          seminar.directions ? { term: "Anfahrt", value: seminar.directions } : null,
          { term: "Zentrum", value: seminar.centre },
          seminar.procedure ? { term: "Verfahren", value: seminar.module ? `${seminar.procedure} – ${seminar.module}` : seminar.procedure } : null,
          { term: "Zielgruppe", value: AUDIENCE_LABELS[seminar.audience] },
          seminar.restrictedTo ? { term: "Nur für", value: `Beschäftigte der Kommune ${seminar.restrictedTo}` } : null,
          { term: "Schulungsleitung", value: trainers.map((t) => t.name).join(", ") || "wird noch benannt" },
          { term: "Anmeldeschluss", value: formatDateTime(seminar.registrationDeadline) },
          { term: "Abmeldung möglich bis", value: formatDateTime(seminar.cancellationDeadline) },
        ]}
      />

      <ProgressBar label="Belegte Plätze" value={seminar.confirmedSeats} max={seminar.capacity} />
      <p className="kern-body">
        {free > 0 && !seminar.waitingBookings ? `${free} ${free === 1 ? "Platz" : "Plätze"} frei.` : "Alle Plätze sind vergeben."}{" "}
        {seminar.waitingSeats ? `Auf der Warteliste: ${seminar.waitingSeats} ${seminar.waitingSeats === 1 ? "Person" : "Personen"}.` : ""}
      </p>

      <section aria-labelledby="anmeldung" id="status">
        <h2 id="anmeldung">Anmeldung</h2>
        {errors.length ? <ErrorSummary errors={errors.map((message) => ({ message }))} /> : null}
        {mySeat ? (
          <div className="stack">
            <p className="kern-body">
              {mySeat.status === "bestaetigt" ? (
                <strong>Sie sind angemeldet. Ihr Platz ist bestätigt.</strong>
              ) : (
                <strong>Sie stehen auf der Warteliste, auf Platz {mySeat.position}.</strong>
              )}
            </p>
            {mySeat.status === "bestaetigt" && seminar.started ? (
              <p className="kern-body">
                <Link to={`/schulungen/${seminar.id}/rueckmeldung`}>Rückmeldung geben{seminar.ended ? " und Teilnahmebescheinigung herunterladen" : ""}</Link>
              </p>
            ) : null}
            {registration.cancellationOpen || mySeat.status === "wartend" ? (
              seminar.status === "veroeffentlicht" && !seminar.started ? (
                <CancelButton participantId={mySeat.id} label={mySeat.status === "wartend" ? "Von der Warteliste abmelden" : "Von der Schulung abmelden"} />
              ) : null
            ) : seminar.started ? null : (
              <p className="kern-body">Die Abmeldefrist ist vorbei. Wenn Sie nicht teilnehmen können, wenden Sie sich bitte an die Schulungsleitung.</p>
            )}
          </div>
        ) : null}
        {!signedIn ? (
          <p className="kern-body">
            <Link to={`/anmelden?redirectTo=${encodeURIComponent(`/schulungen/${seminar.id}`)}`}>Melden Sie sich im Portal an</Link>, um sich oder Kolleginnen und Kollegen anzumelden.
          </p>
        ) : registration.closedReason ? (
          <p className="kern-body">{registration.closedReason}</p>
        ) : (
          <>
            {registration.canRegisterSelf ? (
              <Form method="post">
                <input type="hidden" name="intent" value="register" />
                <p className="kern-body">{full ? "Die Schulung ist ausgebucht. Sie können sich auf die Warteliste setzen; frei werdende Plätze gehen der Reihe nach an die Wartenden." : "Es sind noch Plätze frei."}</p>
                <Button disabled={busy}>{full ? "Auf die Warteliste setzen" : "Verbindlich anmelden"}</Button>
              </Form>
            ) : null}
            {registration.canRegisterGroup ? (
              <Form method="post" className="stack">
                <h3 className="kern-heading-small">Kolleginnen und Kollegen anmelden</h3>
                <input type="hidden" name="intent" value="register_group" />
                <TextareaField
                  field={plainField({ name: "people", value: actionData?.intent === "register_group" ? actionData.people : "", error: actionData?.intent === "register_group" ? errors.join(" ") : undefined })}
                  label="Teilnehmende"
                  hint={`Eine Person pro Zeile: „Name, E-Mail-Adresse“, höchstens ${MAX_GROUP_SIZE}. Ein Konto im Portal ist nicht nötig. Eine Gruppe rückt nur gemeinsam von der Warteliste nach.`}
                  rows={4}
                  required
                />
                <ButtonRow>
                  <Button variant="secondary" disabled={busy}>
                    Anmelden
                  </Button>
                </ButtonRow>
              </Form>
            ) : null}
            {!registration.canRegisterSelf && !registration.canRegisterGroup && !mySeat ? (
              <p className="kern-body">Anmelden können sich Beschäftigte der Mitgliedskommunen. Ihrem Konto ist keine Kommune zugeordnet.</p>
            ) : null}
          </>
        )}
        {groupSeats.length ? (
          <>
            <h3 className="kern-heading-small">Von Ihnen angemeldet</h3>
            <DataTable
              label="Von Ihnen angemeldete Personen"
              caption="Von Ihnen angemeldete Personen"
              rows={groupSeats}
              rowKey={(r) => r.id}
              columns={[
                { key: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
                { key: "email", header: "E-Mail", cell: (r) => <BreakableText text={r.email} /> },
                { key: "status", header: "Status", cell: (r) => (r.status === "wartend" ? `Warteliste, Platz ${r.position}` : PARTICIPANT_STATUS_LABELS[r.status]) },
                {
                  key: "action",
                  header: "Aktion",
                  cell: (r) => (registration.cancellationOpen || r.status === "wartend") && !seminar.started ? <CancelButton participantId={r.id} label={`${r.name} abmelden`} /> : "–",
                },
              ]}
            />
          </>
        ) : null}
      </section>

      {manages ? (
        <section aria-labelledby="leitung" className="stack">
          <h2 id="leitung">Für die Schulungsleitung</h2>
          <ButtonRow>
            <LinkButton to={`/schulungen/${seminar.id}/bearbeiten`} variant="secondary">
              Bearbeiten
            </LinkButton>
            {seminar.published ? (
              <>
                <LinkButton to={`/schulungen/${seminar.id}/anwesenheit`} variant="secondary">
                  Anwesenheit
                </LinkButton>
                <LinkButton to={`/schulungen/${seminar.id}/rueckmeldung`} variant="secondary">
                  Rückmeldungen
                </LinkButton>
              </>
            ) : null}
          </ButtonRow>
          {participants.length ? (
            <DataTable
              label="Teilnehmende"
              caption={`Teilnehmende: ${seminar.confirmedSeats} bestätigt, ${seminar.waitingSeats} auf der Warteliste`}
              rows={participants}
              rowKey={(r) => r.id}
              columns={[
                { key: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
                { key: "municipality", header: "Kommune", cell: (r) => r.municipality ?? "–" },
                { key: "email", header: "E-Mail", cell: (r) => <BreakableText text={r.email} /> },
                { key: "status", header: "Status", cell: (r) => (r.status === "wartend" ? `Warteliste, Platz ${r.position}` : PARTICIPANT_STATUS_LABELS[r.status]) },
                { key: "action", header: "Aktion", cell: (r) => (seminar.status === "veroeffentlicht" ? <CancelButton participantId={r.id} label={`${r.name} abmelden`} /> : "–") },
              ]}
            />
          ) : (
            <p className="kern-body">Noch keine Anmeldungen.</p>
          )}
        </section>
      ) : null}
    </>
  );
}
