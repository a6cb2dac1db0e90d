import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { requireUser } from "~/modules/auth/guards.server";
import { groupIdFromSlug, groupSlug, loadGroup } from "~/modules/groups/group-access.server";
import { MeetingForm } from "~/modules/groups/meeting-form";
import { meetingSchema } from "~/modules/groups/meeting-validation";
import { meetingRoomOptions, scheduleMeeting } from "~/modules/groups/meetings.server";
import { meetingPath } from "~/modules/groups/paths";

/** A chair schedules a meeting of their group (issue 9, item 2); everyone else gets 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { group } = await loadGroup(user, groupIdFromSlug(params.gruppe), { chair: true });
  return {
    group: { name: group.name, slug: groupSlug(group.id) },
    rooms: await meetingRoomOptions(),
    defaultValue: { time: "10:00", durationMinutes: "180", locationKind: "zentral" },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  await loadGroup(user, groupId, { chair: true });
  const submission = parseWithZod(await request.formData(), { schema: meetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const meeting = await scheduleMeeting({ user, groupId, input: submission.value, ip: contextOf(context).clientIp ?? null });
    return redirect(`${meetingPath(groupId, meeting.id)}?erledigt=geplant`);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ result: replyWithError(submission, error) }, { status: error.status });
  }
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { group?: { name: string; slug: string } } | undefined) =>
    d?.group ? [{ label: d.group.name, to: `/facharbeitskreise/${d.group.slug}` }, { label: "Neue Sitzung" }] : [{ label: "Neue Sitzung" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `Neue Sitzung: ${d.group.name}` : "Neue Sitzung", "facharbeitskreise") }];

export default function NewMeeting() {
  const { group, rooms, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <h1>{`Neue Sitzung des Facharbeitskreises ${group.name}`}</h1>
      <p>Alle Mitglieder erhalten eine Kalendereinladung. Ein gewählter Raum wird gebucht, sofern er zu dieser Zeit frei ist.</p>
      <MeetingForm lastResult={actionData?.result} defaultValue={defaultValue} rooms={rooms} withAgenda>
        <Button disabled={navigation.state === "submitting"}>Sitzung planen und einladen</Button>
      </MeetingForm>
    </>
  );
}
