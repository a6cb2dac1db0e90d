import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { ConfirmDialog, ConfirmForm } from "~/components/confirm-dialog";
import { ErrorSummary, plainField, StatusMessage, TextareaField } from "~/components/forms";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { formatRange } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { groupIdFromSlug, groupSlug, loadMeeting } from "~/modules/groups/group-access.server";
import { MeetingForm } from "~/modules/groups/meeting-form";
import { cancelMeetingSchema, MEETING_STARTED_CANNOT_CANCEL, meetingSchema } from "~/modules/groups/meeting-validation";
import { cancelMeeting, meetingFormValues, meetingRoomOptions, requireMeetingInGroup, updateMeeting } from "~/modules/groups/meetings.server";
import { meetingPath } from "~/modules/groups/paths";
import { doneMessage, rowIdOrNotFound } from "~/validation";

/** Changing or cancelling a meeting (issue 9, item 2): chairs of its group only (404 otherwise). */
const DONE = {
  gespeichert: "Die Änderungen sind gespeichert. Alle Eingeladenen erhalten die geänderte Einladung.",
  abgesagt: "Die Sitzung ist abgesagt. Alle Mitglieder sind benachrichtigt.",
} as const;

async function chairMeeting(request: Request, params: { gruppe?: string; id?: string }, context: object) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const meetingId = rowIdOrNotFound(params.id);
  await requireMeetingInGroup(groupId, meetingId);
  const { meeting, group } = await loadMeeting(user, meetingId, { chair: true });
  return { user, groupId, meeting, group };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { meeting, group } = await chairMeeting(request, params, context);
  const url = new URL(request.url);
  const done = url.searchParams.get("erledigt");
  return {
    meeting: { id: meeting.id, title: meeting.title, when: formatRange(meeting.startsAt, meeting.endsAt), status: meeting.status, cancelReason: meeting.cancelReason, path: meetingPath(group.id, meeting.id) },
    group: { name: group.name, slug: groupSlug(group.id) },
    values: meetingFormValues(meeting),
    rooms: await meetingRoomOptions(),
    askCancel: url.searchParams.get("absagen") === "1",
    started: meeting.startsAt <= new Date(),
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, meeting, group } = await chairMeeting(request, params, context);
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: keyof typeof DONE) => redirect(`${meetingPath(group.id, meeting.id)}/bearbeiten?erledigt=${done}`);
  if (intent === "cancel") {
    const parsed = cancelMeetingSchema.safeParse({ reason: form.get("reason") || undefined });
    if (!parsed.success) return data({ intent, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
    try {
      await cancelMeeting({ user, meetingId: meeting.id, reason: parsed.data.reason, ip });
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      return data({ intent, errors: [error.message] }, { status: error.status });
    }
    return back("abgesagt");
  }
  if (intent !== "save") throw new Response("Unbekannte Aktion", { status: 400 });
  const submission = parseWithZod(form, { schema: meetingSchema });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  try {
    await updateMeeting({ user, meetingId: meeting.id, input: submission.value, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ intent, result: replyWithError(submission, error) }, { status: error.status });
  }
  return back("gespeichert");
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { meeting?: { title: string; path: string }; group?: { name: string; slug: string } } | undefined) =>
    d?.meeting && d.group
      ? [{ label: d.group.name, to: `/facharbeitskreise/${d.group.slug}` }, { label: d.meeting.title, to: d.meeting.path }, { label: "Bearbeiten" }]
      : [{ label: "Bearbeiten" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `${d.meeting.title} bearbeiten (${d.group.name})` : "Sitzung bearbeiten", "facharbeitskreise") }];

export default function EditMeeting() {
  const { meeting, values, rooms, askCancel, started, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const cancelErrors = actionData && "errors" in actionData && actionData.intent === "cancel" ? actionData.errors : [];
  const path = `${meeting.path}/bearbeiten`;
  const reasonField = (
    <TextareaField
      field={plainField({ name: "reason", id: "cancel-reason", error: cancelErrors[0] })}
      label="Grund der Absage"
      hint="Geht mit der Absage per E-Mail an alle Mitglieder."
      required
      rows={3}
    />
  );
  const cancelAction = { action: path, fields: { intent: "cancel" }, confirmLabel: "Sitzung absagen", danger: true, extraFields: reasonField };
  const cancelled = meeting.status === "abgesagt";
  return (
    <>
      <h1>{`${meeting.title} bearbeiten`}</h1>
      <p>
        {meeting.when}. <Link to={meeting.path}>Zur Seite der Sitzung</Link>
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      {cancelled ? (
        <p>Die Sitzung ist abgesagt und kann nicht mehr geändert werden. Grund: {meeting.cancelReason}</p>
      ) : (
        <>
          {started && !cancelErrors.length ? (
            <p>{MEETING_STARTED_CANNOT_CANCEL}</p>
          ) : askCancel || cancelErrors.length ? (
            <section className="stack" aria-labelledby="cancel-heading">
              <h2 id="cancel-heading">Sitzung absagen?</h2>
              <ErrorSummary errors={cancelErrors.map((message) => ({ id: "cancel-reason", message }))} />
              <p>Die Sitzung wird in den Kalendern aller Eingeladenen abgesagt, alle Mitglieder erhalten eine E-Mail mit dem Grund, ein gebuchter Raum wird frei.</p>
              <ConfirmForm {...cancelAction} cancel={{ href: path }} />
            </section>
          ) : (
            <div className="button-row">
              <ConfirmDialog href={`${path}?absagen=1`} trigger="Sitzung absagen" triggerVariant="danger" title="Sitzung absagen?" {...cancelAction}>
                <p>Die Sitzung wird in den Kalendern aller Eingeladenen abgesagt, und alle Mitglieder erhalten eine E-Mail mit dem Grund.</p>
              </ConfirmDialog>
            </div>
          )}
          <MeetingForm lastResult={actionData && "result" in actionData ? actionData.result : undefined} defaultValue={values} rooms={rooms} withAgenda={false}>
            <Button name="intent" value="save" disabled={busy}>
              Änderungen speichern
            </Button>
          </MeetingForm>
        </>
      )}
    </>
  );
}
