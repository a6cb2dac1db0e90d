import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { ConfirmDialog, ConfirmForm } from "~/components/confirm-dialog";
import { ErrorSummary, plainField, StatusMessage, TextareaField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { formatDateTime, formatRange } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { cancelSeminar, publishSeminar, updateSeminar } from "~/modules/training/commands.server";
import { SEMINAR_STATUS_LABELS, SEMINAR_TYPE_LABELS } from "~/modules/training/labels";
import { planningOptions, seminarForEdit } from "~/modules/training/planning.server";
import { SeminarForm } from "~/modules/training/seminar-form";
import { cancelSeminarSchema, seminarSchema } from "~/modules/training/validation";
import { doneMessage, rowIdOrNotFound } from "~/validation";

/** Editing a seminar (issue 8, items 1 and 6): save, publish, cancel with a reason. Only for those who manage it (404 otherwise). */
const DONE = {
  gespeichert: "Die Änderungen sind gespeichert. Bei einer veröffentlichten Veranstaltung erhalten die Teilnehmenden die geänderten Termine.",
  veroeffentlicht: "Die Veranstaltung ist veröffentlicht und im Schulungskalender sichtbar.",
  abgesagt: "Die Veranstaltung ist abgesagt. Alle Angemeldeten und Wartenden sind benachrichtigt.",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "trainer", "admin");
  const id = rowIdOrNotFound(params.id);
  const [{ seminar, dates, values }, choices] = await Promise.all([seminarForEdit(user, id), planningOptions()]);
  const url = new URL(request.url);
  const done = url.searchParams.get("erledigt");
  return {
    seminar: {
      id: seminar.id,
      title: seminar.title,
      type: SEMINAR_TYPE_LABELS[seminar.type],
      status: seminar.status,
      statusLabel: SEMINAR_STATUS_LABELS[seminar.status],
      confirmedSeats: seminar.confirmedSeats,
      capacity: seminar.capacity,
      cancelReason: seminar.cancelReason,
      publishedAt: seminar.publishedAt ? formatDateTime(seminar.publishedAt) : null,
    },
    dates: dates.map((d) => formatRange(d.startsAt, d.endsAt)),
    values,
    choices,
    askCancel: url.searchParams.get("absagen") === "1",
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "trainer", "admin");
  const id = rowIdOrNotFound(params.id);
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: keyof typeof DONE) => redirect(`/schulungen/${id}/bearbeiten?erledigt=${done}`);
  if (intent === "publish" || intent === "cancel") {
    try {
      if (intent === "publish") {
        await publishSeminar({ user, seminarId: id, ip });
        return back("veroeffentlicht");
      }
      const parsed = cancelSeminarSchema.safeParse({ reason: form.get("reason") || undefined });
      if (!parsed.success) return data({ intent, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
      await cancelSeminar({ user, seminarId: id, reason: parsed.data.reason, ip });
      return back("abgesagt");
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      return data({ intent, errors: [error.message] }, { status: error.status });
    }
  }
  if (intent !== "save") throw new Response("Unbekannte Aktion", { status: 400 });
  const submission = parseWithZod(form, { schema: seminarSchema });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  try {
    await updateSeminar({ user, seminarId: id, input: submission.value, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ intent, result: replyWithError(submission, error) }, { status: error.status });
  }
  return back("gespeichert");
}

export const handle: PageHandle = {
  area: "schulungen",
  breadcrumb: (d: { seminar?: { id: number; title: string } } | undefined) =>
    d?.seminar ? [{ label: "Planung", to: "/schulungen/planung" }, { label: d.seminar.title, to: `/schulungen/${d.seminar.id}` }, { label: "Bearbeiten" }] : [{ label: "Bearbeiten" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `${d.seminar.title} bearbeiten` : "Veranstaltung bearbeiten", "schulungen") }];

export default function EditSeminar() {
  const { seminar, dates, values, choices, askCancel, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorsOf = (intent: string) => (actionData && "errors" in actionData && actionData.intent === intent ? actionData.errors : []);
  const cancelErrors = errorsOf("cancel");
  const path = `/schulungen/${seminar.id}/bearbeiten`;
  const reasonField = (
    <TextareaField
      field={plainField({ name: "reason", id: "cancel-reason", error: cancelErrors[0] })}
      label="Grund der Absage"
      hint="Geht mit der Absage an alle Angemeldeten und Wartenden."
      required
      rows={3}
    />
  );
  const cancelAction = { action: path, fields: { intent: "cancel" }, confirmLabel: "Veranstaltung absagen", danger: true, extraFields: reasonField };
  const cancelled = seminar.status === "abgesagt";
  return (
    <>
      <h1>{`${seminar.title} bearbeiten`}</h1>
      <p>
        {seminar.type}, Stand: <strong>{seminar.statusLabel}</strong>
        {seminar.publishedAt ? ` (veröffentlicht am ${seminar.publishedAt})` : ""}. Bestätigte Plätze: {seminar.confirmedSeats} von {seminar.capacity}.{" "}
        <Link to={`/schulungen/${seminar.id}`}>Zur Seite der Veranstaltung</Link>
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorSummary errors={errorsOf("publish").map((message) => ({ message }))} />
      {cancelled ? (
        <>
          <p>Die Veranstaltung ist abgesagt und kann nicht mehr geändert werden. Grund: {seminar.cancelReason}</p>
          <h2>Termine</h2>
          <ul>
            {dates.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          {askCancel || cancelErrors.length ? (
            <section className="stack" aria-labelledby="cancel-heading">
              <h2 id="cancel-heading">Veranstaltung absagen?</h2>
              <ErrorSummary errors={cancelErrors.map((message) => ({ id: "cancel-reason", message }))} />
              <p>Alle Termine werden in den Kalendern der Teilnehmenden abgesagt, und alle Angemeldeten und Wartenden erhalten eine E-Mail mit dem Grund. Gebuchte Räume werden frei.</p>
              <ConfirmForm {...cancelAction} cancel={{ href: path }} />
            </section>
          ) : null}
          <div className="button-row">
            {seminar.status === "entwurf" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="publish" />
                <Button disabled={busy}>Veröffentlichen</Button>
              </Form>
            ) : null}
            {askCancel || cancelErrors.length ? null : (
              <ConfirmDialog href={`${path}?absagen=1`} trigger="Veranstaltung absagen" triggerVariant="danger" title="Veranstaltung absagen?" {...cancelAction}>
                <p>Alle Termine werden in den Kalendern der Teilnehmenden abgesagt, und alle Angemeldeten und Wartenden erhalten eine E-Mail mit dem Grund.</p>
              </ConfirmDialog>
            )}
          </div>
          <SeminarForm lastResult={actionData && "result" in actionData ? actionData.result : undefined} defaultValue={values} choices={choices} extraRows={2}>
            <Button name="intent" value="save" disabled={busy}>
              Änderungen speichern
            </Button>
          </SeminarForm>
        </>
      )}
    </>
  );
}
