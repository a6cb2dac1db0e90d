import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { ConfirmDialog, ConfirmForm } from "~/components/confirm-dialog";
import { DescriptionList } from "~/components/description-list";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound } from "~/errors";
import { formatDate, formatDateTime } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { failureSummary, type FormFailure } from "~/modules/groups/form-failure";
import { groupIdFromSlug } from "~/modules/groups/group-access.server";
import { ActionItemAddForm, ActionItemEditForm, ActionItemLine, ApprovalOfPrevious, AttendanceForm, DecisionAddForm, DecisionEditForm, GuestForm, IntentForm, NotesForm, type FieldErrors } from "~/modules/groups/minutes-forms";
import { ATTENDANCE_LABELS, ATTENDANCE_ORDER, minutesStageLabel } from "~/modules/groups/minutes-labels";
import { submitMinutesForm } from "~/modules/groups/minutes-intents.server";
import { minutesView } from "~/modules/groups/minutes.server";
import { actionItemAnchor, actionItemPath, ATTENDANCE_ANCHOR, decisionAnchor, itemAnchor, minutesPath } from "~/modules/groups/paths";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { renderMarkdown } from "~/modules/text/markdown.server";
import { doneMessage, rowIdOrNotFound } from "~/validation";

/**
 * The minutes of a meeting (issue 9, items 5 and 6). Chairs write the draft here (attendance,
 * guests, per item notes, decisions and action items, the approval of the previous minutes) and
 * release it; everyone else sees released minutes only: a draft is 404 for them (ACCEPTANCE C14).
 */

const DONE: Record<string, string> = {
  anwesenheit: "Die Anwesenheit ist gespeichert.",
  gast: "Der Gast ist eingetragen.",
  "gast-entfernt": "Der Gast ist entfernt.",
  notizen: "Die Notizen sind gespeichert.",
  beschluss: "Der Beschluss ist gespeichert.",
  "beschluss-entfernt": "Der Beschluss ist entfernt.",
  aufgabe: "Die Aufgabe ist gespeichert.",
  "aufgabe-entfernt": "Die Aufgabe ist entfernt.",
  genehmigt: "Die Genehmigung des Protokolls der letzten Sitzung ist eingetragen.",
  freigegeben: "Das Protokoll ist freigegeben; alle Mitglieder wurden per E-Mail benachrichtigt.",
};

function routeIds(params: { gruppe?: string; id?: string }) {
  return { groupId: groupIdFromSlug(params.gruppe), meetingId: rowIdOrNotFound(params.id) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { groupId, meetingId } = routeIds(params);
  const v = await minutesView({ user, meetingId });
  if (v.group.id !== groupId) notFound();
  const url = new URL(request.url);
  const done = url.searchParams.get("erledigt");
  return {
    group: v.group,
    meeting: {
      ...v.meeting,
      titleDisplay: hyphenate(v.meeting.title),
      releasedAt: v.meeting.releasedAt ? formatDateTime(v.meeting.releasedAt) : null,
      approvedOn: v.meeting.approvedOn ? formatDate(v.meeting.approvedOn) : null,
      approvedIn: v.meeting.approvedIn ? { id: v.meeting.approvedIn.id, title: v.meeting.approvedIn.title, date: formatDate(v.meeting.approvedIn.startsAt) } : null,
      stage: minutesStageLabel(v.meeting.minutesStatus),
    },
    editable: v.editable && v.started,
    notStartedYet: v.editable && !v.started,
    items: v.items.map((item) => ({
      ...item,
      titleDisplay: hyphenate(item.title),
      decisions: item.decisions.map((dec) => ({ ...dec, textDisplay: hyphenate(dec.text) })),
      anchor: itemAnchor(item.id),
      notesHtml: item.notes ? renderMarkdown(item.notes) : "",
      actionItems: item.actionItems.map((a) => ({ ...a, due: formatDate(a.dueOn), path: v.meeting.minutesStatus === "freigegeben" ? actionItemPath(a.id) : null })),
      openActionItems: item.openActionItems.map((a) => ({ id: a.id, title: a.title, owner: a.owner, status: a.status, due: formatDate(a.dueOn), path: a.path })),
    })),
    attendance: v.attendance,
    guests: v.guests,
    members: v.members,
    owners: v.members.map((m) => ({ value: m.id, label: m.municipality ? `${m.name} (${m.municipality})` : m.name })),
    previous: v.previous ? { id: v.previous.id, title: v.previous.title, minutesStatus: v.previous.minutesStatus, date: formatDate(v.previous.startsAt), approvedOn: v.previous.approvedOn ? formatDate(v.previous.approvedOn) : null } : null,
    approvedHere: v.approvedHere.map((a) => ({ id: a.id, title: a.title, date: formatDate(a.startsAt) })),
    confirmRelease: url.searchParams.get("freigeben") === "1",
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { groupId, meetingId } = routeIds(params);
  const result = await submitMinutesForm({ user, groupId, meetingId, readForm: () => request.formData(), ip: contextOf(context).clientIp ?? null });
  if (!result.ok) return data(result.failure, { status: result.status });
  return redirect(`${minutesPath(groupId, meetingId)}?erledigt=${result.done}${result.anchor ? `#${result.anchor}` : ""}`);
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { group?: { name: string; slug: string }; meeting?: { id: number; title: string } } | undefined) =>
    d?.group && d.meeting
      ? [{ label: d.group.name, to: `/facharbeitskreise/${d.group.slug}` }, { label: d.meeting.title, to: `/facharbeitskreise/${d.group.slug}/sitzungen/${d.meeting.id}` }, { label: "Protokoll" }]
      : [{ label: "Protokoll" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Protokoll: ${d.meeting.title} (${d.group.name})` : "Protokoll", "facharbeitskreise") }];

export default function MinutesPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const { meeting, group, editable } = d;
  const errorsFor = (intent: string, target: string | number | null): FieldErrors => (failure && failure.intent === intent && (target === null || String(target) === failure.target) ? failure.fieldErrors : undefined);
  const valuesFor = (intent: string, target: string | number | null) => (failure && failure.intent === intent && (target === null || String(target) === failure.target) ? failure.values : undefined);
  const summary = failureSummary(failure);
  const path = `/facharbeitskreise/${group.slug}/sitzungen/${meeting.id}/protokoll`;
  const counts = ATTENDANCE_ORDER.map((s) => ({ status: s, people: d.attendance.filter((a) => a.status === s) }));
  return (
    <>
      <h1>Protokoll: {meeting.titleDisplay}</h1>
      {d.done ? <StatusMessage>{d.done}</StatusMessage> : null}
      <ErrorSummary errors={summary} />
      <p>
        Stand: <Badge tone={meeting.minutesStatus === "freigegeben" ? "success" : "warning"}>{meeting.stage}</Badge>
      </p>
      <DescriptionList
        items={[
          { term: "Facharbeitskreis", value: group.name },
          { term: "Sitzung", value: <Link to={`/facharbeitskreise/${group.slug}/sitzungen/${meeting.id}`}>{meeting.titleDisplay}</Link> },
          { term: "Datum", value: meeting.when },
          { term: "Ort", value: meeting.place },
          { term: "Freigegeben", value: meeting.releasedAt },
          {
            term: "Genehmigt",
            value: meeting.approvedOn ? (
              <>
                am {meeting.approvedOn}
                {meeting.approvedIn ? (
                  <>
                    {" "}
                    in der Sitzung <Link to={`/facharbeitskreise/${group.slug}/sitzungen/${meeting.approvedIn.id}/protokoll`}>{meeting.approvedIn.title}</Link>
                  </>
                ) : null}
              </>
            ) : meeting.minutesStatus === "freigegeben" ? (
              "noch nicht (in der nächsten Sitzung)"
            ) : null,
          },
        ]}
      />
      <p>
        <a className="kern-link" href={`${path}.pdf`}>
          Protokoll als PDF
        </a>
      </p>
      {meeting.cancelled ? (
        <Alert tone="warning" title="Abgesagt">
          <p className="kern-body">Die Sitzung ist abgesagt.</p>
        </Alert>
      ) : null}
      {d.notStartedYet ? (
        <Alert tone="info" title="Noch nicht begonnen">
          <p className="kern-body">Das Protokoll lässt sich ab Beginn der Sitzung schreiben.</p>
        </Alert>
      ) : null}

      <section aria-labelledby={ATTENDANCE_ANCHOR} className="stack">
        <h2 id={ATTENDANCE_ANCHOR}>Anwesenheit</h2>
        {editable ? (
          d.members.length ? (
            <AttendanceForm members={d.members} />
          ) : (
            <p>Der Facharbeitskreis hat noch keine Mitglieder.</p>
          )
        ) : d.attendance.length ? (
          <DescriptionList items={counts.map((c) => ({ term: `${ATTENDANCE_LABELS[c.status].replace(/^./, (ch) => ch.toUpperCase())} (${c.people.length})`, value: c.people.map((p) => (p.municipality ? `${p.name} (${p.municipality})` : p.name)).join(", ") || "niemand" }))} />
        ) : (
          <p>Die Anwesenheit ist nicht erfasst.</p>
        )}
        <h3>Gäste</h3>
        {d.guests.length ? (
          <ul>
            {d.guests.map((g) => (
              <li key={g.id}>
                {g.name}
                {g.organisation ? ` (${g.organisation})` : ""}
                {editable ? (
                  <IntentForm intent="remove-guest" fields={{ guestId: g.id }} className="button-row">
                    <Button variant="tertiary">
                      Entfernen<span className="visually-hidden">: {g.name}</span>
                    </Button>
                  </IntentForm>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Keine Gäste.</p>
        )}
        {editable ? <GuestForm errors={errorsFor("add-guest", null)} values={valuesFor("add-guest", null)} /> : null}
      </section>

      {d.items.map((item) => (
        <section key={item.id} id={item.anchor} aria-labelledby={`${item.anchor}-titel`} className="stack minutes-item">
          <h2 id={`${item.anchor}-titel`}>
            TOP {item.position}: {item.titleDisplay}
          </h2>
          {item.presenter ? <p>Vortrag: {item.presenter}</p> : null}
          {item.kind === "protokoll_genehmigung" ? <ApprovalOfPrevious slug={group.slug} itemId={item.id} editable={editable} approvedHere={d.approvedHere} previous={d.previous} /> : null}
          {item.kind === "offene_aufgaben" ? (
            item.openActionItems.length ? (
              <>
                <p>Offene Aufgaben aus früheren Sitzungen; den Stand tragen die Übernehmenden oder der Vorsitz auf der Seite der Aufgabe ein:</p>
                <ul>
                  {item.openActionItems.map((a) => (
                    <li key={a.id}>
                      <ActionItemLine item={a} />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Es gibt keine offenen Aufgaben aus früheren Sitzungen.</p>
            )
          ) : null}
          {editable ? (
            <NotesForm itemId={item.id} notes={valuesFor("save-notes", item.id)?.notes ?? item.notes} errors={errorsFor("save-notes", item.id)} />
          ) : item.notesHtml ? (
            <div className="markdown" dangerouslySetInnerHTML={{ __html: item.notesHtml }} />
          ) : null}
          <h3>Beschlüsse</h3>
          {item.decisions.length ? (
            <ul className="stack">
              {item.decisions.map((dec) => (
                <li key={dec.id} id={decisionAnchor(dec.id)}>
                  <strong>{dec.number ? `Beschluss ${dec.number}` : "Beschluss (Nummer folgt mit der Freigabe)"}</strong>
                  <p className="pre-line">{dec.textDisplay}</p>
                  {dec.votes ? <p>Abstimmung: {dec.votes}</p> : null}
                  {editable ? <DecisionEditForm decision={dec} errors={errorsFor("update-decision", dec.id)} values={valuesFor("update-decision", dec.id)} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Keine Beschlüsse.</p>
          )}
          {editable ? <DecisionAddForm itemId={item.id} errors={errorsFor("add-decision", item.id)} values={valuesFor("add-decision", item.id)} /> : null}
          <h3>Aufgaben</h3>
          {item.actionItems.length ? (
            <ul className="stack">
              {item.actionItems.map((a) => (
                <li key={a.id} id={actionItemAnchor(a.id)}>
                  <ActionItemLine item={a} />
                  {editable ? <ActionItemEditForm item={a} owners={d.owners} errors={errorsFor("update-action-item", a.id)} values={valuesFor("update-action-item", a.id)} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>Keine Aufgaben.</p>
          )}
          {editable ? <ActionItemAddForm itemId={item.id} owners={d.owners} errors={errorsFor("add-action-item", item.id)} values={valuesFor("add-action-item", item.id)} /> : null}
        </section>
      ))}

      {editable ? (
        <section aria-labelledby="freigabe" className="stack">
          <h2 id="freigabe">Freigabe</h2>
          <p>Mit der Freigabe erhalten die Beschlüsse ihre Nummern, alle Mitglieder eine E-Mail mit dem Link, und das Protokoll lässt sich nicht mehr ändern.</p>
          {d.confirmRelease ? (
            <Alert tone="warning" title="Protokoll freigeben?">
              <p className="kern-body">Danach lässt sich das Protokoll nicht mehr ändern.</p>
              <ConfirmForm action={path} fields={{ intent: "release" }} confirmLabel="Protokoll freigeben" cancel={{ href: path }} />
            </Alert>
          ) : (
            <ConfirmDialog href={`${path}?freigeben=1#freigabe`} trigger="Protokoll freigeben" triggerVariant="primary" title="Protokoll freigeben?" action={path} fields={{ intent: "release" }} confirmLabel="Protokoll freigeben">
              <p className="kern-body">Die Beschlüsse erhalten ihre Nummern, alle Mitglieder werden per E-Mail benachrichtigt, und danach lässt sich das Protokoll nicht mehr ändern.</p>
            </ConfirmDialog>
          )}
        </section>
      ) : null}
    </>
  );
}
