import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { BreakableText } from "~/components/breakable-text";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { ChoiceGroup, ErrorSummary, NumberField, plainField, StatusMessage, TextField } from "~/components/forms";
import { usePolledJson } from "~/components/polled-json";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { requireUser } from "~/modules/auth/guards.server";
import { readUploadForm } from "~/modules/files/uploads.server";
import { addAgendaDocuments, addAgendaItem, MAX_DOCUMENTS_PER_UPLOAD, moveAgendaItem, removeAgendaDocument, removeAgendaItem, sendAgenda, updateAgendaItem } from "~/modules/groups/agenda.server";
import { AgendaView } from "~/modules/groups/agenda-view";
import { groupIdFromSlug, loadMeeting } from "~/modules/groups/group-access.server";
import { getMeetingPage } from "~/modules/groups/meeting-page.server";
import { agendaItemSchema, RSVP_LABELS, rsvpSchema, toAgendaItemInput } from "~/modules/groups/meeting-validation";
import { answerRsvp, requireMeetingInGroup } from "~/modules/groups/meetings.server";
import { doneMessage, parseRowId, rowIdField, rowIdOrNotFound } from "~/validation";

/** A working group's meeting (issue 9, items 2–4): for every signed-in person; members answer, chairs keep the agenda. */
const DONE = {
  geplant: "Die Sitzung ist geplant. Alle Mitglieder erhalten eine Kalendereinladung.",
  antwort: "Ihre Antwort ist gespeichert.",
  tagesordnung: "Die Tagesordnung ist gespeichert.",
  dokument: "Die Unterlagen sind gespeichert.",
  versandt: "Die Tagesordnung ist an alle Mitglieder versandt.",
} as const;

const INTENTS = new Set(["rsvp", "agenda_add", "agenda_update", "agenda_remove", "agenda_move", "document_upload", "document_remove", "send_agenda"]);
const itemIdSchema = z.object({ itemId: rowIdField() });
const moveSchema = itemIdSchema.extend({ direction: z.enum(["up", "down"]) });
const documentIdSchema = z.object({ documentId: z.string().uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const search = new URL(request.url).searchParams;
  const page = await getMeetingPage(user, groupIdFromSlug(params.gruppe), rowIdOrNotFound(params.id), { editing: parseRowId(search.get("bearbeiten")) });
  const done = search.get("erledigt");
  return {
    ...page,
    done: doneMessage(DONE, done),
  };
}

function parsed<T>(schema: z.ZodType<T>, form: FormData): T {
  const result = schema.safeParse(Object.fromEntries(form));
  if (!result.success) notFound();
  return result.data;
}

type AgendaItemTyped = { title: string; presenter: string; durationMinutes: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const meetingId = rowIdOrNotFound(params.id);
  await requireMeetingInGroup(groupId, meetingId);
  const ip = contextOf(context).clientIp ?? null;
  const { formData: form, files, fileErrors, tooLarge } = await readUploadForm(request, { field: "dokument", maxFiles: MAX_DOCUMENTS_PER_UPLOAD });
  const intent = String(form.get("intent") ?? "");
  const itemId = parseRowId(form.get("itemId")?.toString());
  /** Back to the page; `editing` keeps that item's editor open (after moving it, or changing its documents). */
  const back = (done: keyof typeof DONE, anchor = "", editing?: number) =>
    redirect(`/facharbeitskreise/${params.gruppe}/sitzungen/${meetingId}?erledigt=${done}${editing ? `&bearbeiten=${editing}` : ""}${anchor}`);
  /** A refused form: its messages, and for an agenda item's form what was typed (without JavaScript the page shows it again). */
  const fail = (errors: string[], status = 400, values: AgendaItemTyped | null = null) => data({ intent, itemId, errors, values }, { status });
  // Who may send this intent, before its input is checked: answers are for members, everything else for chairs (C14: 404).
  if (!INTENTS.has(intent)) throw new Response("Unbekannte Aktion", { status: 400 });
  await loadMeeting(user, meetingId, intent === "rsvp" ? { member: true } : { chair: true });
  try {
    if (intent === "rsvp") {
      const answer = rsvpSchema.safeParse({ answer: form.get("answer") ?? undefined });
      if (!answer.success) return fail(answer.error.issues.map((i) => i.message));
      await answerRsvp({ user, meetingId, answer: answer.data.answer, ip });
      return back("antwort", "#antwort");
    }
    if (intent === "agenda_add" || intent === "agenda_update") {
      const input = agendaItemSchema.safeParse(Object.fromEntries(form));
      const typed = { title: String(form.get("title") ?? ""), presenter: String(form.get("presenter") ?? ""), durationMinutes: String(form.get("durationMinutes") ?? "") };
      if (!input.success) return fail(input.error.issues.map((i) => i.message), 400, typed);
      if (intent === "agenda_add") await addAgendaItem({ user, meetingId, input: toAgendaItemInput(input.data), ip });
      else await updateAgendaItem({ user, meetingId, itemId: parsed(itemIdSchema, form).itemId, input: toAgendaItemInput(input.data), ip });
      return back("tagesordnung", "#tagesordnung");
    }
    if (intent === "agenda_remove") {
      await removeAgendaItem({ user, meetingId, itemId: parsed(itemIdSchema, form).itemId, ip });
      return back("tagesordnung", "#tagesordnung");
    }
    if (intent === "agenda_move") {
      const { itemId: id, direction } = parsed(moveSchema, form);
      await moveAgendaItem({ user, meetingId, itemId: id, direction, ip });
      return back("tagesordnung", `#top-${id}`, id);
    }
    if (intent === "document_upload") {
      if (fileErrors.length) return fail(fileErrors, tooLarge ? 413 : 400);
      const { itemId: id } = parsed(itemIdSchema, form);
      await addAgendaDocuments({ user, meetingId, itemId: id, files, ip });
      return back("dokument", `#top-${id}`, id);
    }
    if (intent === "document_remove") {
      await removeAgendaDocument({ user, meetingId, documentId: parsed(documentIdSchema, form).documentId, ip });
      return itemId ? back("dokument", `#top-${itemId}`, itemId) : back("dokument", "#tagesordnung");
    }
    if (intent === "send_agenda") {
      await sendAgenda({ user, meetingId, ip });
      return back("versandt");
    }
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return fail([error.message], error.status);
  }
  throw new Response("Unbekannte Aktion", { status: 400 });
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { meeting?: { title: string; groupName: string; slug: string } } | undefined) =>
    d?.meeting ? [{ label: d.meeting.groupName, to: `/facharbeitskreise/${d.meeting.slug}` }, { label: d.meeting.title }] : [{ label: "Sitzung" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `${d.meeting.title} (${d.meeting.groupName})` : "Sitzung", "facharbeitskreise") }];

export default function MeetingPage() {
  const { meeting, agenda, viewer, rsvp: loadedAnswers, done, editor } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errorsOf = (intent: string) => (actionData?.intent === intent ? actionData.errors : []);
  const path = `/facharbeitskreise/${meeting.slug}/sitzungen/${meeting.id}`;
  const cancelled = meeting.status === "abgesagt";
  const editable = viewer.chair && !cancelled;
  // Chairs: new answers show while the page is open, until the meeting is over (item 3).
  const live = Boolean(loadedAnswers) && !cancelled && !meeting.ended;
  const rsvp = usePolledJson(live ? `${path}/antworten` : null, loadedAnswers);
  // A refused change of an item or a new item shows what was typed, not the stored values.
  const typed = actionData?.values ?? null;
  const editorShown = editor && typed && actionData?.intent === "agenda_update" && actionData.itemId === editor.id ? { ...editor, ...typed } : editor;
  const typedNew = typed && actionData?.intent === "agenda_add" ? typed : null;
  const itemErrors = (id: number) => (actionData && actionData.itemId === id && actionData.intent !== "agenda_add" ? actionData.errors : []);
  const generalErrors = actionData && !actionData.itemId && actionData.intent !== "rsvp" && actionData.intent !== "agenda_add" ? actionData.errors : [];
  return (
    <>
      <h1>{meeting.titleHyphenated}</h1>
      <p>
        <Badge>{`Facharbeitskreis ${meeting.groupName}`}</Badge>
        {cancelled ? <Badge tone="danger">Abgesagt</Badge> : null}
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      <ErrorSummary errors={generalErrors.map((message) => ({ message }))} />
      {cancelled ? <Alert tone="warning" title="Diese Sitzung ist abgesagt.">{meeting.cancelReason ? `Grund: ${meeting.cancelReason}` : undefined}</Alert> : null}

      <DescriptionList
        items={[
          { term: "Termin", value: meeting.when },
          { term: "Ort", value: <BreakableText text={meeting.place} /> },
          meeting.onlineUrl ? { term: "Zugangslink", value: <a href={meeting.onlineUrl}><BreakableText text={meeting.onlineUrl} /></a> } : null,
          meeting.roomDirections ? { term: "Anfahrt", value: meeting.roomDirections } : null,
          { term: "Tagesordnung versandt", value: meeting.agendaSentAt ?? "noch nicht" },
        ]}
      />

      {viewer.member ? (
        <section aria-labelledby="antwort" className="stack">
          <h2 id="antwort">Ihre Antwort</h2>
          <ErrorSummary errors={errorsOf("rsvp").map((message) => ({ message }))} />
          <p className="kern-body">{viewer.answer ? `Ihre Antwort: ${RSVP_LABELS[viewer.answer]}.` : "Sie haben noch nicht geantwortet."}</p>
          {!cancelled && !meeting.ended ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rsvp" />
              <ChoiceGroup field={plainField({ name: "answer", id: "rsvp-answer", value: viewer.answer ?? undefined })} legend="Nehmen Sie teil?" type="radio" options={Object.entries(RSVP_LABELS).map(([value, label]) => ({ value, label }))} required horizontal />
              <ButtonRow>
                <Button disabled={busy}>Antwort speichern</Button>
              </ButtonRow>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="tagesordnung" className="stack">
        <h2 id="tagesordnung">Tagesordnung</h2>
        {agenda.warning ? <Alert tone="warning">{agenda.warning}</Alert> : null}
        <AgendaView agenda={agenda} documentBase={`${path}/dokumente`} editable={editable} editor={editorShown} pagePath={path} errorsFor={itemErrors} busy={busy} />
        <p className="kern-body">
          <a href={`${path}/tagesordnung.pdf`}>Tagesordnung als PDF</a>
        </p>
        {editable ? (
          <Form method="post" className="stack">
            <h3 className="kern-heading-small">Punkt hinzufügen</h3>
            <ErrorSummary errors={errorsOf("agenda_add").map((message) => ({ id: "new-title", message }))} />
            <input type="hidden" name="intent" value="agenda_add" />
            <TextField field={plainField({ name: "title", id: "new-title", value: typedNew?.title })} label="Titel" required />
            <TextField field={plainField({ name: "presenter", id: "new-presenter", value: typedNew?.presenter })} label="Vortrag" optional />
            <NumberField field={plainField({ name: "durationMinutes", id: "new-minutes", value: typedNew?.durationMinutes })} label="Dauer in Minuten" optional />
            <ButtonRow>
              <Button variant="secondary" disabled={busy}>
                Punkt hinzufügen
              </Button>
            </ButtonRow>
          </Form>
        ) : null}
      </section>

      {viewer.chair && rsvp ? (
        <section aria-labelledby="vorsitz" className="stack">
          <h2 id="vorsitz">Für den Vorsitz</h2>
          <ButtonRow>
            {!cancelled ? (
              <LinkButton to={`${path}/bearbeiten`} variant="secondary">
                {meeting.started ? "Bearbeiten" : "Bearbeiten oder absagen"}
              </LinkButton>
            ) : null}
            <LinkButton to={`${path}/protokoll`} variant="secondary">
              Protokoll
            </LinkButton>
          </ButtonRow>
          {editable && !meeting.ended ? (
            <Form method="post">
              <input type="hidden" name="intent" value="send_agenda" />
              <Button disabled={busy}>{meeting.agendaSentAt ? "Tagesordnung erneut versenden" : "Tagesordnung versenden"}</Button>
            </Form>
          ) : null}
          <p className="kern-body" aria-live="polite">
            {`Zusagen: ${rsvp.counts.zusage}, Absagen: ${rsvp.counts.absage}, Vielleicht: ${rsvp.counts.vielleicht}, keine Antwort: ${rsvp.counts.keine}.`}
          </p>
          {live ? <p className="kern-body">Neue Antworten erscheinen hier, ohne dass Sie die Seite neu laden.</p> : null}
          <h3 className="kern-heading-small">Antworten der Mitglieder</h3>
          <DescriptionList
            items={[
              { term: `Zusagen (${rsvp.counts.zusage})`, value: rsvp.lists.zusage || "–" },
              { term: `Vielleicht (${rsvp.counts.vielleicht})`, value: rsvp.lists.vielleicht || "–" },
              { term: `Absagen (${rsvp.counts.absage})`, value: rsvp.lists.absage || "–" },
              { term: `Keine Antwort (${rsvp.counts.keine})`, value: rsvp.lists.keine || "–" },
            ]}
          />
        </section>
      ) : null}
    </>
  );
}
