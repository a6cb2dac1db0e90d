import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { plainField, SelectField, StatusMessage } from "~/components/forms";
import { MailText } from "~/components/mail-text";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { acceptHeldMail, discardHeldMail, fileableMunicipalities, listHeldMails } from "~/modules/tickets/held-mail.server";
import { rowIdField } from "~/validation";

const STAFF = ["adviser", "centre_manager", "admin"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ...STAFF);
  const [mails, municipalities] = await Promise.all([listHeldMails(user), fileableMunicipalities(user)]);
  return { mails, municipalities: municipalities.map((m) => ({ value: String(m.id), label: m.name })) };
}

const decisionSchema = z.object({
  intent: z.enum(["accept", "discard"]),
  id: z.string().uuid(),
  municipalityId: rowIdField().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ...STAFF);
  const form = Object.fromEntries(await request.formData());
  const parsed = decisionSchema.safeParse({ ...form, municipalityId: form.municipalityId || undefined });
  if (!parsed.success) return data({ id: typeof form.id === "string" ? form.id : null, error: "Die Eingabe war unvollständig. Bitte versuchen Sie es erneut.", field: null }, { status: 400 });
  const { intent, id, municipalityId } = parsed.data;
  const ip = contextOf(context).clientIp ?? null;
  try {
    if (intent === "discard") {
      await discardHeldMail({ user, id, ip });
      return redirect("/betreuung/eingang?verworfen=1");
    }
    const number = await acceptHeldMail({ user, id, municipalityId, ip });
    return redirect(`/betreuung/eingang?angenommen=${encodeURIComponent(number)}`);
  } catch (error) {
    if (error instanceof PublicError) return data({ id, error: error.message, field: error.field ?? null }, { status: error.status });
    throw error;
  }
}

export const handle: PageHandle = { area: "betreuung", breadcrumb: { label: "Eingang" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Zurückgehaltene E-Mails", "betreuung") }];

export default function HeldMail() {
  const { mails, municipalities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const accepted = params.get("angenommen");
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>Zurückgehaltene E-Mails</h1>
      <p>
        Hier liegen E-Mails an die Support-Adresse und an die Antwortadressen der Tickets, die das Portal nicht selbst übernommen
        hat: von Absendern, die keine aktive kommunale IT sind, oder Antworten von Personen, die am Ticket nicht beteiligt sind.
        Nehmen Sie sie an, wird daraus ein Ticket oder eine öffentliche Antwort; sonst verwerfen Sie sie.
      </p>
      {accepted ? <StatusMessage>{`Die E-Mail wurde angenommen: Ticket ${accepted}.`}</StatusMessage> : null}
      {params.get("verworfen") ? <StatusMessage>Die E-Mail wurde verworfen.</StatusMessage> : null}
      {mails.length === 0 ? (
        <p>Keine zurückgehaltenen E-Mails.</p>
      ) : (
        <ol className="stack" aria-label="Zurückgehaltene E-Mails, neueste zuerst">
          {mails.map((mail) => {
            const error = result && result.id === mail.id ? result : null;
            const headingId = `mail-${mail.id}`;
            return (
              <li key={mail.id}>
                <section aria-labelledby={headingId}>
                  <h2 id={headingId}>{mail.subject || "(ohne Betreff)"}</h2>
                  <DescriptionList
                    items={[
                      { term: "Von", value: mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress },
                      { term: "Eingegangen", value: formatDateTime(mail.receivedAt) },
                      { term: "Grund", value: mail.reasonLabel },
                      ...(mail.ticketNumber ? [{ term: "Ticket", value: <Link to={`/betreuung/tickets/${mail.ticketNumber}`}>{`${mail.ticketNumber} – ${mail.ticketTitle}`}</Link> }] : []),
                      ...(mail.attachments.length ? [{ term: "Anhänge", value: mail.attachments.join(", ") }] : []),
                    ]}
                  />
                  <h3>Text</h3>
                  {mail.text ? <MailText text={mail.text} /> : <p>Die E-Mail hat keinen Text.</p>}
                  {error && !error.field ? (
                    <Alert tone="danger" title="Nicht möglich" live>
                      <p>{error.error}</p>
                    </Alert>
                  ) : null}
                  <Form method="post" className="stack">
                    <input type="hidden" name="id" value={mail.id} />
                    {mail.reason === "unknown_sender" ? (
                      <SelectField
                        field={plainField({ name: "municipalityId", id: `kommune-${mail.id}`, error: error?.field === "municipalityId" ? error.error : undefined })}
                        label="Kommune des Tickets"
                        hint="Das Ticket wird für diese Kommune angelegt; der Absender wird als meldende Person eingetragen."
                        options={municipalities}
                        required
                      />
                    ) : null}
                    <div className="button-row">
                      <Button name="intent" value="accept" disabled={busy}>
                        {mail.reason === "unknown_sender" ? "Annehmen: Ticket anlegen" : "Annehmen: als Antwort übernehmen"}
                      </Button>
                      <Button name="intent" value="discard" variant="secondary" disabled={busy} formNoValidate>
                        Verwerfen
                      </Button>
                    </div>
                  </Form>
                </section>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
