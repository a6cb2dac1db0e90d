import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { Button, LinkButton } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { plainField, StatusMessage, TextareaField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { mayPlanSeminars } from "~/modules/training/access";
import { declineInhouseRequest, getInhouseRequest } from "~/modules/training/inhouse.server";
import { formatWishedPeriod, INHOUSE_STATUS_TONES } from "~/modules/training/inhouse-status";
import { inhouseDeclineSchema } from "~/modules/training/inhouse-validation";
import { INHOUSE_STATUS_LABELS } from "~/modules/training/labels";
import { rowIdOrNotFound } from "~/validation";

const ROLES = ["municipal_it", "centre_manager", "trainer", "admin"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const r = await getInhouseRequest(user, rowIdOrNotFound(params.id));
  return {
    request: {
      id: r.id,
      topic: r.topic,
      status: r.status,
      municipality: r.municipality,
      centre: r.centre,
      procedure: r.procedure,
      period: formatWishedPeriod(r.wishedFrom, r.wishedTo),
      participants: r.participants,
      note: r.note,
      reason: r.reason,
      requester: r.requester,
      filedAt: formatDateTime(r.createdAt),
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt ? formatDateTime(r.decidedAt) : null,
      seminar: r.seminarId ? { id: r.seminarId, title: r.seminarTitle ?? "Zur Schulung" } : null,
    },
    plans: mayPlanSeminars(user),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ...ROLES);
  const id = rowIdOrNotFound(params.id);
  const formData = await request.formData();
  if (formData.get("intent") !== "decline") return data({ error: "Diese Aktion gibt es nicht.", onField: false, reason: "" }, { status: 400 });
  const reasonInput = String(formData.get("reason") ?? "");
  const parsed = inhouseDeclineSchema.safeParse({ reason: reasonInput });
  if (!parsed.success) {
    // Someone who may not see the request learns nothing from a validation error either.
    await getInhouseRequest(user, id);
    return data({ error: parsed.error.issues[0].message, onField: true, reason: reasonInput }, { status: 400 });
  }
  try {
    await declineInhouseRequest({ user, id, reason: parsed.data.reason, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ error: error.message, onField: false, reason: reasonInput }, { status: error.status });
  }
  return redirect(`/schulungen/anfragen/${id}?abgelehnt=1`);
}

export const handle: PageHandle = {
  area: "schulungen",
  breadcrumb: (d: { request?: { topic: string } } | undefined) => [{ label: "Inhouse-Anfragen", to: "/schulungen/anfragen" }, { label: d?.request?.topic ?? "Anfrage" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Inhouse-Anfrage: ${d.request.topic}` : "Inhouse-Anfrage", "schulungen") }];

/** Typed line breaks, kept (the page has no inline styles under its CSP). */
function Lines({ text }: { text: string }) {
  return text.split("\n").map((line, i) => (
    <span key={i}>
      {i > 0 ? <br /> : null}
      {line}
    </span>
  ));
}

export default function InhouseRequestPage() {
  const { request: r, plans } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  return (
    <>
      <h1>Inhouse-Anfrage: {r.topic}</h1>
      {params.get("angefragt") ? (
        <StatusMessage>Ihre Anfrage ist eingegangen. Das Schulungsteam und die Geschäftsführung Ihres Zentrums wurden per E-Mail benachrichtigt.</StatusMessage>
      ) : null}
      {params.get("abgelehnt") ? <StatusMessage>Die Anfrage ist abgelehnt; die anfragende Person wurde per E-Mail informiert.</StatusMessage> : null}
      <p>
        Stand: <Badge tone={INHOUSE_STATUS_TONES[r.status]}>{INHOUSE_STATUS_LABELS[r.status]}</Badge>
      </p>
      {r.status === "abgelehnt" ? (
        <Alert tone="warning" title="Abgelehnt">
          <p className="kern-body">
            Begründung: <Lines text={r.reason ?? ""} />
          </p>
        </Alert>
      ) : null}
      {r.status === "geplant" && r.seminar ? (
        <p>
          Geplant als Schulung: <Link to={`/schulungen/${r.seminar.id}`}>{r.seminar.title}</Link>
        </p>
      ) : null}
      <DescriptionList
        items={[
          { term: "Kommune", value: `${r.municipality} (Zentrum ${r.centre})` },
          { term: "Verfahren", value: r.procedure ?? "keine Angabe" },
          { term: "Gewünschter Zeitraum", value: r.period },
          { term: "Teilnehmende", value: r.participants },
          { term: "Anmerkung", value: r.note ? <Lines text={r.note} /> : null },
          { term: "Angefragt", value: `${r.filedAt}${r.requester ? ` von ${r.requester}` : ""}` },
          { term: r.status === "abgelehnt" ? "Abgelehnt" : "Entschieden", value: r.decidedAt ? `${r.decidedAt}${r.decidedBy ? ` von ${r.decidedBy}` : ""}` : null },
        ]}
      />
      {plans && r.status === "offen" ? (
        <section aria-labelledby="entscheiden" className="stack">
          <h2 id="entscheiden">Anfrage entscheiden</h2>
          <p className="button-row">
            <LinkButton to={`/schulungen/neu?anfrage=${r.id}`}>Als Schulung planen</LinkButton>
          </p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="decline" />
            {actionData?.error && !actionData.onField ? (
              <Alert tone="danger" title="Nicht abgelehnt">
                <p className="kern-body">{actionData.error}</p>
              </Alert>
            ) : null}
            <TextareaField
              field={plainField({ name: "reason", value: actionData?.reason ?? "", error: actionData?.onField ? actionData.error : undefined })}
              label="Begründung der Absage"
              required
              rows={4}
              hint="Die anfragende Person erhält sie per E-Mail."
            />
            <div className="button-row">
              <Button variant="danger" disabled={navigation.state === "submitting"}>
                Anfrage ablehnen
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
