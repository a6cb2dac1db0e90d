import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { ChoiceGroup, ErrorSummary, StatusMessage, summariseErrors, TextareaField } from "~/components/forms";
import { ProgressBar } from "~/components/progress";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { formatDate } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { FEEDBACK_COMMENT_MAX, FEEDBACK_MIN_RESPONSES, feedbackSchema, starsLabel } from "~/modules/training/feedback";
import { feedbackPage, giveFeedback } from "~/modules/training/feedback.server";
import { rowIdOrNotFound } from "~/validation";

const STAR_OPTIONS = [
  { value: "5", label: "5 Sterne – sehr gut" },
  { value: "4", label: "4 Sterne – gut" },
  { value: "3", label: "3 Sterne – mittel" },
  { value: "2", label: "2 Sterne – schwach" },
  { value: "1", label: "1 Stern – schlecht" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await feedbackPage({ user, seminarId: rowIdOrNotFound(params.id) });
  const done = new URL(request.url).searchParams.get("gespeichert") === "1";
  const participant = page.participant
    ? {
        state: page.participant.state,
        opensOn: page.participant.opensAt ? formatDate(page.participant.opensAt) : null,
        closesOn: page.participant.closesAt ? formatDate(page.participant.closesAt) : null,
        own: page.participant.own,
        certificate: page.participant.certificate,
      }
    : null;
  return { seminar: page.seminar, participant, summary: page.summary, done: done && !!participant };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = rowIdOrNotFound(params.id);
  const submission = parseWithZod(await request.formData(), { schema: feedbackSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await giveFeedback({ user, seminarId: id, input: submission.value, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ result: replyWithError(submission, error) }, { status: error.status });
  }
  return redirect(`/schulungen/${id}/rueckmeldung?gespeichert=1`);
}

export const handle: PageHandle = {
  area: "schulungen",
  breadcrumb: (data: { seminar?: { id: number; title: string } } | undefined) =>
    data?.seminar ? [{ label: data.seminar.title, to: `/schulungen/${data.seminar.id}` }, { label: "Rückmeldung" }] : [{ label: "Rückmeldung" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Rückmeldung: ${data.seminar.title}` : "Rückmeldung", "schulungen") }];

const average = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export default function Feedback() {
  const { seminar, participant, summary, done } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{`Rückmeldung: ${seminar.title}`}</h1>
      {done ? <StatusMessage>Vielen Dank! Ihre Rückmeldung ist gespeichert.</StatusMessage> : null}
      {participant?.certificate ? (
        <p className="kern-body">
          <a className="kern-link" href={`/schulungen/${seminar.id}/bescheinigung.pdf`}>
            Teilnahmebescheinigung herunterladen (PDF)
          </a>
        </p>
      ) : null}
      {participant ? <OwnFeedback participant={participant} /> : null}
      {summary ? (
        <section aria-labelledby="auswertung" className="stack">
          <h2 id="auswertung">Auswertung</h2>
          <p className="kern-body">Die Umfrage ist anonym: Sie sehen keine Namen, und die Kommentare stehen nach Sternen geordnet, nicht in der Reihenfolge ihres Eingangs.</p>
          {summary.average === null || !summary.distribution ? (
            <p className="kern-body">
              {summary.count === 0 ? "Noch keine Rückmeldungen." : summary.count === 1 ? "Bisher eine Rückmeldung." : `Bisher ${summary.count} Rückmeldungen.`} Die Auswertung erscheint ab{" "}
              {FEEDBACK_MIN_RESPONSES} Rückmeldungen, damit niemand erkennbar ist.
            </p>
          ) : (
            <>
              <DescriptionList
                items={[
                  { term: "Rückmeldungen", value: String(summary.count) },
                  { term: "Durchschnitt", value: `${average.format(summary.average)} von 5 Sternen` },
                ]}
              />
              <h3 className="kern-heading-small">Verteilung</h3>
              {summary.distribution.map((d) => (
                <ProgressBar key={d.stars} value={d.count} max={summary.count} label={starsLabel(d.stars)} unit="Rückmeldungen" />
              ))}
              <h3 className="kern-heading-small">Kommentare</h3>
              {summary.comments?.length ? (
                <ul className="stack">
                  {summary.comments.map((c, i) => (
                    <li key={i} className="kern-body">
                      {c.split("\n").map((line, j) => (
                        <span key={j}>
                          {j > 0 ? <br /> : null}
                          {line}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="kern-body">Keine Kommentare.</p>
              )}
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

function OwnFeedback({ participant }: { participant: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["participant"]> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: participant.own ? { stars: String(participant.own.stars), comment: participant.own.comment ?? "" } : undefined,
    constraint: getZodConstraint(feedbackSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
  });
  if (participant.state === "noch-nicht") {
    return <p className="kern-body">{`Eine Rückmeldung ist ab dem Beginn der Veranstaltung möglich${participant.opensOn ? `, ab ${participant.opensOn}` : ""}.`}</p>;
  }
  if (participant.state === "geschlossen") {
    return (
      <p className="kern-body">
        Die Umfrage zu dieser Veranstaltung ist geschlossen.
        {participant.own ? ` Ihre Rückmeldung: ${starsLabel(participant.own.stars)}.` : ""}
      </p>
    );
  }
  return (
    <section aria-labelledby="ihre-rueckmeldung" className="stack">
      <h2 id="ihre-rueckmeldung">Ihre Rückmeldung</h2>
      <p className="kern-body">
        Freiwillig und anonym: Die Leitung sieht nur die Auswertung aller Rückmeldungen, ohne Namen.
        {participant.closesOn ? ` Sie können Ihre Rückmeldung bis zum ${participant.closesOn} ändern.` : ""}
      </p>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.stars, fields.comment])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ChoiceGroup field={fields.stars} legend="Wie bewerten Sie die Veranstaltung?" options={STAR_OPTIONS} type="radio" required />
        <TextareaField field={fields.comment} label="Kommentar" hint={`Höchstens ${FEEDBACK_COMMENT_MAX} Zeichen.`} optional />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>{participant.own ? "Rückmeldung ändern" : "Rückmeldung senden"}</Button>
        </div>
      </Form>
    </section>
  );
}
