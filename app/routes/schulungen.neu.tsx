import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { formatDate } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { createSeminar } from "~/modules/training/commands.server";
import { inhouseRequestForPlanning, planningOptions } from "~/modules/training/planning.server";
import { SeminarForm } from "~/modules/training/seminar-form";
import { seminarSchema } from "~/modules/training/validation";
import { rowIdOrNotFound } from "~/validation";

/** A new seminar or information event (issue 8, item 1), saved as a draft; `?anfrage=<id>` plans an in-house request (item 3). */
function requestIdOf(request: Request): number | null {
  const raw = new URL(request.url).searchParams.get("anfrage");
  if (raw === null) return null;
  return rowIdOrNotFound(raw);
}

async function openRequest(user: Awaited<ReturnType<typeof requireRole>>, request: Request) {
  const id = requestIdOf(request);
  if (id === null) return null;
  const found = await inhouseRequestForPlanning(user, id);
  if (!found) notFound();
  return found;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "trainer", "admin");
  const [choices, inhouse] = await Promise.all([planningOptions(), openRequest(user, request)]);
  const defaultValue: Record<string, unknown> = {
    type: "schulung",
    audience: "all",
    locationKind: "room",
    trainerIds: hasRole(user.roles, "trainer") ? [user.id] : [],
    dates: [{ start: "09:00", end: "16:00" }],
  };
  if (inhouse) {
    Object.assign(defaultValue, {
      title: inhouse.topic,
      procedureId: inhouse.procedureId ? String(inhouse.procedureId) : "",
      locationKind: "inhouse",
      hostMunicipalityId: String(inhouse.municipalityId),
      capacity: String(inhouse.participants),
      dates: [{ date: inhouse.wishedFrom, start: "09:00", end: "16:00" }],
    });
  }
  return {
    choices,
    defaultValue,
    inhouse: inhouse
      ? { id: inhouse.id, topic: inhouse.topic, municipality: `${inhouse.kind} ${inhouse.municipality}`, participants: inhouse.participants, period: `${formatDate(inhouse.wishedFrom)} bis ${formatDate(inhouse.wishedTo)}`, note: inhouse.note }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "trainer", "admin");
  const inhouse = await openRequest(user, request);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: seminarSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const seminar = await createSeminar({ user, input: submission.value, inhouseRequestId: inhouse?.id ?? null, ip: contextOf(context).clientIp ?? null });
    return redirect(`/schulungen/${seminar.id}`);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ result: replyWithError(submission, error) }, { status: error.status });
  }
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: () => [{ label: "Planung", to: "/schulungen/planung" }, { label: "Neue Veranstaltung" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Neue Veranstaltung planen", "schulungen") }];

export default function NewSeminar() {
  const { choices, defaultValue, inhouse } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>Neue Veranstaltung planen</h1>
      <p>
        Die Veranstaltung wird als Entwurf gespeichert und ist erst nach dem Veröffentlichen für andere sichtbar. Ein gewählter Raum wird schon für
        den Entwurf reserviert.
      </p>
      {inhouse ? (
        <div className="kern-alert kern-alert--info" role="status">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            <h2 className="kern-title">Aus der Inhouse-Anfrage „{inhouse.topic}“</h2>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">
              {inhouse.municipality}, {inhouse.participants} Teilnehmende, gewünscht im Zeitraum {inhouse.period}.
              {inhouse.note ? ` Hinweis: ${inhouse.note}` : ""} Die Anmeldung ist auf Personen dieser Kommune beschränkt.
            </p>
          </div>
        </div>
      ) : null}
      <SeminarForm lastResult={actionData?.result} defaultValue={defaultValue} choices={choices}>
        <Button disabled={navigation.state === "submitting"}>Als Entwurf speichern</Button>
      </SeminarForm>
    </>
  );
}
