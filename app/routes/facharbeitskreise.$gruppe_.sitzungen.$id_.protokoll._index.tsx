import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { ConfirmDialog, ConfirmForm } from "~/components/confirm-dialog";
import { DescriptionList } from "~/components/description-list";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDate, formatDateTime } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { actionItemPath } from "~/modules/groups/action-items.server";
import { groupIdFromSlug, idParam, loadMeeting } from "~/modules/groups/group-access.server";
import { ActionItemAddForm, ActionItemEditForm, ActionItemLine, AttendanceForm, DecisionAddForm, DecisionEditForm, GuestForm, IntentForm, NotesForm, type FieldErrors } from "~/modules/groups/minutes-forms";
import { ATTENDANCE_LABELS, minutesStageLabel } from "~/modules/groups/minutes-labels";
import { actionItemSchema, decisionSchema, guestSchema, notesSchema } from "~/modules/groups/minutes-validation";
import * as minutes from "~/modules/groups/minutes.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { renderMarkdown } from "~/modules/text/markdown.server";

/**
 * The minutes of a meeting (issue 9, items 5 and 6). Chairs write the draft here (attendance,
 * guests, per item notes, decisions and action items, the approval of the previous minutes) and
 * release it; everyone else sees released minutes only: a draft is 404 for them (ACCEPTANCE C14).
 */

const ref = (key: string) => z.object({ [key]: z.coerce.number().int().positive() });
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
  return { groupId: groupIdFromSlug(params.gruppe), meetingId: idParam(params.id) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { groupId, meetingId } = routeIds(params);
  const v = await minutes.minutesView({ user, meetingId });
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
      anchor: minutes.itemAnchor(item.id),
      notesHtml: item.notes ? renderMarkdown(item.notes) : "",
      actionItems: item.actionItems.map((a) => ({ ...a, due: formatDate(a.dueOn), path: v.meeting.minutesStatus === "freigegeben" ? actionItemPath(a.id) : null })),
      openActionItems: item.openActionItems.map((a) => ({ id: a.id, title: a.title, owner: a.owner, status: a.status, due: formatDate(a.dueOn), path: a.path })),
    })),
    attendance: v.attendance,
    guests: v.guests,
    members: v.members,
    owners: v.members.map((m) => ({ value: m.id, label: m.municipality ? `${m.name} (${m.municipality})` : m.name })),
    previous: v.previous ? { ...v.previous, date: formatDate(v.previous.startsAt), approvedOn: v.previous.approvedOn ? formatDate(v.previous.approvedOn) : null, approvedHere: v.previous.approvedInId === v.meeting.id } : null,
    approvedHere: v.approvedHere.map((a) => ({ id: a.id, title: a.title, date: formatDate(a.startsAt) })),
    confirmRelease: url.searchParams.get("freigeben") === "1",
    done: done ? (DONE[done] ?? null) : null,
  };
}

type Failure = { intent: string; target: string | null; formErrors: string[]; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

function fail(status: number, failure: Failure) {
  return data(failure, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { groupId, meetingId } = routeIds(params);
  // Only the group's chairs write minutes, and only of a meeting of the group in the URL; anyone else 404.
  const { meeting } = await loadMeeting(user, meetingId, { chair: true });
  if (meeting.groupId !== groupId) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const base = { user, meetingId, ip: contextOf(context).clientIp ?? null };
  const back = (done: string, anchor?: string) => redirect(`${minutes.minutesPath(groupId, meetingId)}?erledigt=${done}${anchor ? `#${anchor}` : ""}`);
  const id = (key: string) => {
    const parsed = ref(key).safeParse(fields);
    if (!parsed.success) notFound();
    return parsed.data[key] as number;
  };
  const target = fields.agendaItemId ?? fields.decisionId ?? fields.actionItemId ?? null;
  function invalid(error: z.ZodError) {
    return fail(400, { intent, target, formErrors: [], fieldErrors: error.flatten().fieldErrors as Record<string, string[]>, values: fields });
  }
  try {
    switch (intent) {
      case "attendance": {
        const statuses: Record<string, "anwesend" | "entschuldigt" | "abwesend"> = {};
        for (const [key, value] of Object.entries(fields)) {
          if (key.startsWith("status-") && (value === "anwesend" || value === "entschuldigt" || value === "abwesend")) statuses[key.slice(7)] = value;
        }
        await minutes.saveAttendance({ ...base, statuses });
        return back("anwesenheit", "anwesenheit");
      }
      case "add-guest": {
        const parsed = guestSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.addGuest({ ...base, ...parsed.data });
        return back("gast", "anwesenheit");
      }
      case "remove-guest":
        await minutes.removeGuest({ ...base, guestId: id("guestId") });
        return back("gast-entfernt", "anwesenheit");
      case "save-notes": {
        const agendaItemId = id("agendaItemId");
        const parsed = notesSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.saveNotes({ ...base, agendaItemId, notes: parsed.data.notes });
        return back("notizen", minutes.itemAnchor(agendaItemId));
      }
      case "add-decision": {
        const agendaItemId = id("agendaItemId");
        const parsed = decisionSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.addDecision({ ...base, agendaItemId, input: parsed.data });
        return back("beschluss", minutes.itemAnchor(agendaItemId));
      }
      case "update-decision": {
        const decisionId = id("decisionId");
        const parsed = decisionSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.updateDecision({ ...base, decisionId, input: parsed.data });
        return back("beschluss", `beschluss-${decisionId}`);
      }
      case "remove-decision":
        await minutes.removeDecision({ ...base, decisionId: id("decisionId") });
        return back("beschluss-entfernt");
      case "add-action-item": {
        const agendaItemId = id("agendaItemId");
        const parsed = actionItemSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.addActionItem({ ...base, agendaItemId, input: parsed.data });
        return back("aufgabe", minutes.itemAnchor(agendaItemId));
      }
      case "update-action-item": {
        const actionItemId = id("actionItemId");
        const parsed = actionItemSchema.safeParse(fields);
        if (!parsed.success) return invalid(parsed.error);
        await minutes.updateActionItem({ ...base, actionItemId, input: parsed.data });
        return back("aufgabe", `aufgabe-${actionItemId}`);
      }
      case "remove-action-item":
        await minutes.removeActionItem({ ...base, actionItemId: id("actionItemId") });
        return back("aufgabe-entfernt");
      case "approve": {
        const agendaItemId = id("agendaItemId");
        await minutes.approveMinutes({ ...base, agendaItemId });
        return back("genehmigt", minutes.itemAnchor(agendaItemId));
      }
      case "release":
        await minutes.releaseMinutes(base);
        return back("freigegeben");
      default:
        return fail(400, { intent, target: null, formErrors: ["Diese Aktion gibt es nicht."] });
    }
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return fail(error.status, {
      intent,
      target,
      formErrors: error.field ? [] : [error.message],
      fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
      values: fields,
    });
  }
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
  const failure = useActionData<typeof action>() as Failure | undefined;
  const { meeting, group, editable } = d;
  const errorsFor = (intent: string, target: string | number | null): FieldErrors => (failure && failure.intent === intent && (target === null || String(target) === failure.target) ? failure.fieldErrors : undefined);
  const valuesFor = (intent: string, target: string | number | null) => (failure && failure.intent === intent && (target === null || String(target) === failure.target) ? failure.values : undefined);
  const summary = failure ? [...failure.formErrors, ...Object.values(failure.fieldErrors ?? {}).flat()].map((message) => ({ message })) : [];
  const path = `/facharbeitskreise/${group.slug}/sitzungen/${meeting.id}/protokoll`;
  const counts = (["anwesend", "entschuldigt", "abwesend"] as const).map((s) => ({ status: s, people: d.attendance.filter((a) => a.status === s) }));
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

      <section aria-labelledby="anwesenheit" className="stack">
        <h2 id="anwesenheit">Anwesenheit</h2>
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
          {item.kind === "protokoll_genehmigung" ? <Approval d={d} itemId={item.id} editable={editable} /> : null}
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
                <li key={dec.id} id={`beschluss-${dec.id}`}>
                  <strong>{dec.number ? `Beschluss ${dec.number}` : "Beschluss (Nummer folgt mit der Freigabe)"}</strong>
                  <p className="pre-line">{dec.textDisplay}</p>
                  {dec.votes ? <p>Abstimmung: {dec.votes}</p> : null}
                  {editable ? <DecisionEditForm decision={dec} errors={errorsFor("update-decision", dec.id)} /> : null}
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
                <li key={a.id} id={`aufgabe-${a.id}`}>
                  <ActionItemLine item={a} />
                  {editable ? <ActionItemEditForm item={a} owners={d.owners} errors={errorsFor("update-action-item", a.id)} /> : null}
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

function Approval({ d, itemId, editable }: { d: ReturnType<typeof useLoaderData<typeof loader>>; itemId: number; editable: boolean }) {
  const slug = d.group.slug;
  if (d.approvedHere.length) {
    return (
      <p>
        {d.approvedHere.map((a) => (
          <span key={a.id}>
            Das Protokoll der Sitzung <Link to={`/facharbeitskreise/${slug}/sitzungen/${a.id}/protokoll`}>{a.title}</Link> vom {a.date} ist genehmigt.{" "}
          </span>
        ))}
      </p>
    );
  }
  if (!editable) return null;
  const previous = d.previous;
  if (!previous) return <p>Es gibt keine frühere Sitzung mit Protokoll.</p>;
  const link = <Link to={`/facharbeitskreise/${slug}/sitzungen/${previous.id}/protokoll`}>{previous.title}</Link>;
  if (previous.minutesStatus !== "freigegeben") return <p>Das Protokoll der letzten Sitzung ({link}, {previous.date}) ist noch nicht freigegeben.</p>;
  if (previous.approvedOn) return <p>Das Protokoll der letzten Sitzung ({link}) ist bereits am {previous.approvedOn} genehmigt.</p>;
  return (
    <Form method="post" className="stack" aria-label="Protokoll der letzten Sitzung genehmigen">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="agendaItemId" value={itemId} />
      <p>
        Protokoll der letzten Sitzung: {link} vom {previous.date}
      </p>
      <div className="button-row">
        <Button variant="secondary">Genehmigung eintragen</Button>
      </div>
    </Form>
  );
}
