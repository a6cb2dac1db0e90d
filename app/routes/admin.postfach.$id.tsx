import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { BreakableText } from "~/components/breakable-text";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/button";
import { plainField, StatusMessage, TextareaField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { answerFromMailbox, MAILBOX_ANSWER_MAX_LENGTH, mayAnswer } from "~/modules/tickets/mailbox-reply.server";
import { MailText } from "~/components/mail-text";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { getMailboxMessage } from "~/modules/mail/mailbox.server";
import { pageTitle, type PageHandle } from "~/components/areas";
import { DescriptionList } from "~/components/description-list";
import { Alert } from "~/components/alert";
import { hyphenate } from "~/modules/text/hyphenate.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const message = await getMailboxMessage(params.id ?? "");
  if (!message) notFound();
  // The HTML body is not sent along: the sandboxed frame loads it from its own resource route.
  const { html, ...rest } = message;
  return { ...rest, subjectDisplay: hyphenate(rest.subject), hasHtml: Boolean(html), answerable: mayAnswer(message) };
}

/** The demo's reply by email (issue 7 item 9): answer as the recipient, through the inbound listener. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "admin");
  const form = await request.formData();
  const text = String(form.get("text") ?? "");
  try {
    await answerFromMailbox({ actorId: user.id, id: params.id ?? "", text, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (error instanceof PublicError) return data({ error: error.message, text }, { status: error.status });
    throw error;
  }
  return redirect(`/admin/postfach/${params.id}?beantwortet=1`);
}

export const handle: PageHandle = {
  area: "verwaltung",
  breadcrumb: (data: { subject?: string } | undefined) => [{ label: "Postfach", to: "/admin/postfach" }, { label: data?.subject || "E-Mail" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`${data?.subject || "E-Mail"} – Postfach`, "verwaltung") },
];

const bytes = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 });
function formatSize(size: number) {
  if (size < 1024) return `${size} Byte`;
  if (size < 1024 * 1024) return `${bytes.format(size / 1024)} kB`;
  return `${bytes.format(size / 1024 / 1024)} MB`;
}

/** The Date header as sent; shown raw if it does not parse. */
function formatMailDate(value: string | null) {
  if (!value) return "–";
  return Number.isNaN(Date.parse(value)) ? value : formatDateTime(value);
}

export default function MailboxMessage() {
  const message = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const base = `/admin/postfach/${message.id}`;
  return (
    <>
      <h1>{message.subjectDisplay || "(ohne Betreff)"}</h1>
      <Alert tone="info" title="Im Postfach abgelegt">
        Diese E-Mail hat das Portal nicht verlassen: Sie wurde im Postfach abgelegt, nicht zugestellt.
      </Alert>
      <DescriptionList
        items={[
          { term: "Von", value: message.from || "–" },
          { term: "An", value: message.to || "–" },
          { term: "Datum", value: formatMailDate(message.date) },
          { term: "Betreff", value: message.subject || "(ohne Betreff)" },
          { term: "Message-ID", value: <>{message.messageId ? <code className="token">{message.messageId}</code> : "–"}</> },
          { term: "Im Postfach abgelegt", value: formatDateTime(message.receivedAt) },
        ]}
      />

      <h2>Textfassung</h2>
      {message.text ? <MailText text={message.text} /> : <p>Die Nachricht hat keine Textfassung.</p>}

      <h2>HTML-Fassung</h2>
      {message.hasHtml ? (
        <>
          <p>
            Die HTML-Fassung wird abgeschottet angezeigt: ohne Skripte und ohne nachgeladene Inhalte. Links und Schaltflächen öffnen sich
            in einem neuen Tab.
          </p>
          {/* Popups only, so links open in a new tab (unsandboxed, to work); no scripts, no forms, no same origin. */}
          <iframe className="mail-html" sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML-Ansicht der Nachricht" src={`${base}/html`} />
        </>
      ) : (
        <p>Die Nachricht hat keine HTML-Fassung.</p>
      )}

      <h2>Anhänge</h2>
      {message.attachments.length === 0 ? (
        <p>Keine Anhänge.</p>
      ) : (
        <ul>
          {message.attachments.map((a) => (
            <li key={a.index}>
              {/* A plain link: the download is a resource route, not a page. */}
              <a href={`${base}/anhang/${a.index}`} download>
                {a.filename}
              </a>{" "}
              ({a.mimeType}
              {a.method ? `, Methode ${a.method}` : ""}, {formatSize(a.size)})
            </li>
          ))}
        </ul>
      )}

      {params.get("beantwortet") ? <StatusMessage title="Antwort gesendet">Die Antwort ist per SMTP beim Eingangsserver des Portals angekommen.</StatusMessage> : null}
      {message.answerable && message.recipient ? (
        <section aria-labelledby="antworten">
          <h2 id="antworten">Antworten</h2>
          <p>
            Antworten Sie als Empfänger (<BreakableText text={message.recipient.address ?? ""} />) an <BreakableText text={message.replyTo ?? ""} />. Die Antwort geht wie aus einem Mailprogramm
            per SMTP an den Eingangsserver des Portals und erscheint dann am Ticket – mit dem zitierten Verlauf, den das Portal entfernt.
          </p>
          <Form method="post" className="stack">
            <TextareaField
              field={plainField({ name: "text", id: "antwort-text", value: result?.text, error: result?.error, maxLength: MAILBOX_ANSWER_MAX_LENGTH })}
              label="Text der Antwort"
              required
              rows={6}
            />
            <div className="button-row">
              <Button disabled={navigation.state === "submitting"}>Antwort senden</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
