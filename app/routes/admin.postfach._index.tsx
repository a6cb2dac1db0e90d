import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageNumber, text } from "~/validation";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { getEnv } from "~/env.server";
import { formatDateTime } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { listMailbox, outboxStatusCounts } from "~/modules/mail/mailbox.server";
import { ScrollableTable } from "~/components/table";
import { Button } from "~/components/button";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Alert } from "~/components/alert";
import { DescriptionList } from "~/components/description-list";
import { hyphenate } from "~/modules/text/hyphenate.server";

const mailboxFilterSchema = z.object({
  to: text().max(254, "Höchstens 254 Zeichen.").optional(),
  page: pageNumber,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const submission = parseWithZod(new URL(request.url).searchParams, { schema: mailboxFilterSchema });
  const outbox = await outboxStatusCounts();
  const smtpConfigured = Boolean(getEnv().SMTP_URL);
  if (submission.status !== "success") {
    return data({ result: submission.reply(), messages: [], hasMore: false, page: 1, filtered: true, outbox, smtpConfigured }, { status: 400 });
  }
  const { rows, hasMore, page } = await listMailbox(submission.value);
  return {
    result: submission.reply(),
    messages: rows.map((m) => ({ ...m, subject: hyphenate(m.subject) })),
    hasMore,
    page,
    filtered: Boolean(submission.value.to),
    outbox,
    smtpConfigured,
  };
}

export const handle: PageHandle = { area: "verwaltung", breadcrumb: { label: "Postfach" } };

export const meta: MetaFunction = () => [{ title: pageTitle("Postfach", "verwaltung") }];

// Mail that went to the built-in mailbox never left the portal: "abgelegt", not "zugestellt".
const OUTBOX_LABELS = [
  ["pending", "Wartend"],
  ["sending", "In Bearbeitung"],
  ["stored", "Im Postfach abgelegt"],
  ["sent", "Per SMTP zugestellt"],
  ["failed", "Fehlgeschlagen"],
] as const;

export default function Mailbox() {
  const { result, messages, hasMore, page, filtered, outbox, smtpConfigured } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ lastResult: result, constraint: getZodConstraint(mailboxFilterSchema), shouldValidate: "onSubmit" });
  return (
    <>
      <h1>Postfach</h1>
      <p>
        Solange kein SMTP-Server eingerichtet ist (Umgebungsvariable <code>SMTP_URL</code>), werden alle E-Mails, die das
        Portal verschickt – Einladungen, Links zum Zurücksetzen des Passworts, Kalendereinladungen –, hier im Postfach abgelegt
        und nicht zugestellt. So lassen sich alle Abläufe im Demo-Betrieb nachvollziehen.
      </p>
      {smtpConfigured ? (
        <Alert tone="info" title="SMTP-Server eingerichtet">
          Neue E-Mails werden per SMTP zugestellt und nicht mehr im Postfach abgelegt.
        </Alert>
      ) : null}

      <h2>Postausgang</h2>
      <DescriptionList items={OUTBOX_LABELS.map(([status, label]) => ({ term: label, value: String(outbox[status]) }))} />

      <h2>Eingegangene E-Mails</h2>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.to, fields.page])} />
      <Form method="get" className="filters" {...getFormProps(form)}>
        <TextField field={fields.to} label="Empfänger (Adresse oder Teil davon)" type="search" autoComplete="off" />
        <div className="button-row">
          <Button>
            Filtern
          </Button>
          {filtered ? <Link to="/admin/postfach">Filter zurücksetzen</Link> : null}
        </div>
      </Form>

      {messages.length === 0 ? (
        <p>{filtered ? "Keine E-Mails an diese Adresse gefunden." : "Das Postfach ist leer."}</p>
      ) : (
        <ScrollableTable label="Eingegangene E-Mails" caption={<>Eingegangene E-Mails, neueste zuerst{page > 1 ? ` (Seite ${page})` : ""}</>}>
            <thead>
              <tr>
                <th scope="col">Empfänger</th>
                <th scope="col">Betreff</th>
                <th scope="col">Eingang</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.toAddress}</td>
                  <td>
                    <Link to={`/admin/postfach/${m.id}`}>{m.subject || "(ohne Betreff)"}</Link>
                  </td>
                  <td>{formatDateTime(m.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollableTable>
      )}
      <Pagination page={page} hasMore={hasMore} label="Seiten des Postfachs" />
    </>
  );
}
