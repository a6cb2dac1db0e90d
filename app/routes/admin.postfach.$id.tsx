import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
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
  if (!message) throw new Response("Nicht gefunden", { status: 404 });
  // The HTML body is not sent along: the sandboxed frame loads it from its own resource route.
  const { html, ...rest } = message;
  return { ...rest, subjectDisplay: hyphenate(rest.subject), hasHtml: Boolean(html) };
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
    </>
  );
}
