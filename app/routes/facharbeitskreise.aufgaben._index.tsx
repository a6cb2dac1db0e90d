import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { EmptyState } from "~/components/empty-state";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { contextOf } from "~/context";
import { formatDate } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { ActionItemStatusForm } from "~/modules/groups/action-item-forms";
import { actionItemPath, myActionItems, statusFromForm } from "~/modules/groups/action-items.server";
import { failureSummary, type FormFailure } from "~/modules/groups/form-failure";
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_TONES } from "~/modules/groups/minutes-labels";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { notFound } from "~/errors";

/** "Meine Aufgaben" (issue 9, item 7): the person's open action items and those closed in the last 30 days, with the status form. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const rows = await myActionItems({ userId: user.id });
  const url = new URL(request.url);
  return {
    items: rows.map((r) => ({ id: r.id, title: hyphenate(r.title), plainTitle: r.title, path: actionItemPath(r.id), group: r.group, meetingTitle: r.meetingTitle, due: formatDate(r.dueOn), dueOn: r.dueOn, status: r.status, open: r.open, overdue: r.overdue })),
    saved: url.searchParams.get("gespeichert") ? "Der Stand der Aufgabe ist gespeichert." : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "status") notFound();
  const result = await statusFromForm(user, form, contextOf(context).clientIp ?? null);
  if (result.ok) return redirect(`/facharbeitskreise/aufgaben?gespeichert=${result.id}`);
  return data(result.failure, { status: result.status });
}

export const handle: PageHandle = { area: "facharbeitskreise", breadcrumb: () => [{ label: "Meine Aufgaben" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Meine Aufgaben", "facharbeitskreise") }];

export default function MyActionItems() {
  const { items, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const open = items.filter((i) => i.open);
  const closed = items.filter((i) => !i.open);
  const summary = failureSummary(failure);
  return (
    <>
      <h1>Meine Aufgaben</h1>
      <p>Aufgaben aus freigegebenen Protokollen der Facharbeitskreise, die Sie übernommen haben.</p>
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      <ErrorSummary errors={summary} />
      <section aria-labelledby="offen" className="stack">
        <h2 id="offen">Offen ({open.length})</h2>
        {open.length ? (
          <ul className="stack">
            {open.map((a) => (
              <li key={a.id} className="stack">
                <p>
                  <Link to={a.path}>{a.title}</Link>
                  <br />
                  {a.group} · Sitzung „{a.meetingTitle}“ · fällig am <time dateTime={a.dueOn}>{a.due}</time>{" "}
                  {a.overdue ? <Badge tone="danger">überfällig</Badge> : <Badge tone={ACTION_ITEM_STATUS_TONES[a.status]}>{ACTION_ITEM_STATUS_LABELS[a.status]}</Badge>}
                </p>
                <ActionItemStatusForm itemId={a.id} title={a.plainTitle} errors={failure?.target === String(a.id) ? failure.fieldErrors : undefined} values={failure?.target === String(a.id) ? failure.values : undefined} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="Sie haben keine offenen Aufgaben." />
        )}
      </section>
      <section aria-labelledby="abgeschlossen" className="stack">
        <h2 id="abgeschlossen">Kürzlich abgeschlossen</h2>
        {closed.length ? (
          <ul>
            {closed.map((a) => (
              <li key={a.id}>
                <Link to={a.path}>{a.title}</Link> ({a.group}) <Badge tone={ACTION_ITEM_STATUS_TONES[a.status]}>{ACTION_ITEM_STATUS_LABELS[a.status]}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p>In den letzten 30 Tagen haben Sie keine Aufgabe abgeschlossen.</p>
        )}
      </section>
    </>
  );
}
