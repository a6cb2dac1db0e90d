import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Badge } from "~/components/badge";
import { StatusMessage } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDate, formatDateTime, formatTime } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { MAX_CHAIRS } from "~/modules/groups/access";
import { groupIdFromSlug } from "~/modules/groups/group-access.server";
import {
  ChairsSection,
  JoinRequestsSection,
  MeetingsSection,
  MembersSection,
  MunicipalitiesSection,
  MyMembershipSection,
  type ActionReply,
} from "~/modules/groups/group-page-sections";
import { appointChair, decideJoinRequest, dismissChair, removeMember, requestToJoin } from "~/modules/groups/membership.server";
import { declineSchema, joinSchema, personSchema, requestIdSchema } from "~/modules/groups/membership-validation";
import { getGroupPage } from "~/modules/groups/queries.server";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { doneMessage } from "~/validation";

const DONE = {
  angefragt: "Ihre Anfrage ist eingegangen. Der Vorsitz des Facharbeitskreises wurde per E-Mail benachrichtigt.",
  angenommen: "Die Anfrage ist angenommen. Die Person ist jetzt Mitglied und erhält die Einladungen zu den geplanten Sitzungen.",
  abgelehnt: "Die Anfrage ist abgelehnt; die anfragende Person erhält Ihre Begründung per E-Mail.",
  vorsitz: "Der Vorsitz ist bestimmt; die Person wurde per E-Mail benachrichtigt.",
  abberufen: "Der Vorsitz ist beendet; die Person bleibt Mitglied und wurde per E-Mail benachrichtigt.",
  entfernt: "Die Mitgliedschaft ist beendet. Die Person erhält für die geplanten Sitzungen eine Absage für ihren Kalender.",
  ausgetreten: "Sie sind ausgetreten. Die Kalendereinträge der geplanten Sitzungen werden abgesagt.",
  beschreibung: "Die Beschreibung ist gespeichert.",
} as const;
type Done = keyof typeof DONE;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await getGroupPage(user, groupIdFromSlug(params.gruppe));
  const url = new URL(request.url);
  const now = new Date();
  const done = url.searchParams.get("erledigt");
  // The confirmation steps, without JavaScript too: ?austreten=1 and ?entfernen=<person>.
  const removing = url.searchParams.get("entfernen");
  const removal = removing ? page.removableMembers.find((m) => m.id === removing) : undefined;
  const when = (m: (typeof page.meetings.upcoming)[number]) => ({ ...m, startsAt: m.startsAt.toISOString(), endsAt: m.endsAt.toISOString(), date: formatDate(m.startsAt), time: `${formatTime(m.startsAt)}–${formatTime(m.endsAt)} Uhr` });
  return {
    ...page,
    /** With soft hyphens: "Einwohnermeldewesen" must break at 320 px. */
    heading: hyphenate(`Facharbeitskreis ${page.group.name}`),
    meetings: { upcoming: page.meetings.upcoming.map(when), past: page.meetings.past.map(when), morePast: page.meetings.morePast },
    myRequest: page.myRequest && { status: page.myRequest.status, reason: page.myRequest.reason, createdAt: formatDate(page.myRequest.createdAt), decidedAt: page.myRequest.decidedAt ? formatDate(page.myRequest.decidedAt) : null },
    openRequests: page.openRequests.map((r) => ({ ...r, createdAt: formatDateTime(r.createdAt) })),
    maxChairs: MAX_CHAIRS,
    done: doneMessage(DONE, done),
    // The meetings that leaving cancels: planned and not yet begun (one under way stays as it is).
    plannedAhead: page.meetings.upcoming.filter((m) => m.status === "geplant" && m.startsAt > now).length,
    confirmLeave: url.searchParams.get("austreten") === "1" && page.viewer.member && !page.viewer.chair,
    confirmRemoval: removal ?? null,
    /** A chosen person who is not (or no longer) removable here: said above the list. */
    removalUnknown: Boolean(removing) && !removal && page.viewer.chair,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = groupIdFromSlug(params.gruppe);
  const ip = contextOf(context).clientIp ?? null;
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  const back = (done: Done, anchor = "status") => redirect(`/facharbeitskreise/${params.gruppe!.toLowerCase()}?erledigt=${done}#${anchor}`);
  const fail = (errors: string[], extra: Partial<ActionReply> = {}, status = 400) =>
    data<ActionReply>({ intent, errors, message: typeof form.message === "string" ? form.message : "", reason: typeof form.reason === "string" ? form.reason : "", ...extra }, { status });
  const parse = <T,>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }) => {
    if (!result.success) throw new PublicError(result.error.issues[0].message, 400);
    return result.data;
  };
  try {
    switch (intent) {
      case "join": {
        const { message } = parse(joinSchema.safeParse(form));
        await requestToJoin({ user, groupId, message, ip });
        return back("angefragt");
      }
      case "accept": {
        const { requestId } = requestIdSchema.safeParse(form).data ?? { requestId: 0 };
        await decideJoinRequest({ user, requestId, accept: true, ip });
        return back("angenommen");
      }
      case "decline": {
        const ids = requestIdSchema.safeParse(form);
        if (!ids.success) notFound();
        const parsed = declineSchema.safeParse(form);
        if (!parsed.success) {
          // Someone who may not decide learns nothing from a validation error either.
          await decideJoinRequest({ user, requestId: ids.data.requestId, accept: false, reason: "", ip }).catch((e) => {
            if (!(e instanceof PublicError)) throw e;
          });
          return fail([parsed.error.issues[0].message], { requestId: ids.data.requestId });
        }
        await decideJoinRequest({ user, requestId: parsed.data.requestId, accept: false, reason: parsed.data.reason, ip });
        return back("abgelehnt");
      }
      case "appoint": {
        const { userId } = parse(personSchema.safeParse(form));
        await appointChair({ user, groupId, userId, ip });
        return back("vorsitz");
      }
      case "dismiss": {
        const { userId } = parse(personSchema.safeParse(form));
        await dismissChair({ user, groupId, userId, ip });
        return back("abberufen");
      }
      case "remove": {
        const { userId } = parse(personSchema.safeParse(form));
        await removeMember({ user, groupId, userId, ip });
        return back("entfernt");
      }
      case "leave":
        await removeMember({ user, groupId, userId: user.id, ip });
        return back("ausgetreten");
    }
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return fail([error.message], { requestId: typeof form.requestId === "string" ? Number(form.requestId) : null }, error.status);
  }
  return fail(["Diese Aktion gibt es nicht."]);
}

export const handle: PageHandle = {
  area: "facharbeitskreise",
  breadcrumb: (d: { group?: { name: string } } | undefined) => [{ label: "Übersicht", to: "/facharbeitskreise" }, { label: d?.group ? d.group.name : "Facharbeitskreis" }],
};

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: pageTitle(d ? `${d.group.name} (${d.group.id})` : "Facharbeitskreis", "facharbeitskreise") }];

export default function GroupPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { group, viewer } = page;
  return (
    <>
      <h1>{page.heading}</h1>
      <p>
        <Badge>KAI-{group.id}</Badge> {viewer.chair ? <Badge tone="success">Sie haben den Vorsitz</Badge> : viewer.member ? <Badge tone="success">Sie sind Mitglied</Badge> : null}
      </p>
      <div id="status">{page.done ? <StatusMessage>{page.done}</StatusMessage> : null}</div>

      <section aria-labelledby="beschreibung" className="stack">
        <h2 id="beschreibung">Über den Facharbeitskreis</h2>
        <div className="markdown" dangerouslySetInnerHTML={{ __html: group.descriptionHtml }} />
        {viewer.chair ? (
          <p>
            <Link to={`/facharbeitskreise/${group.slug}/beschreibung`}>Beschreibung bearbeiten</Link>
          </p>
        ) : null}
      </section>

      <MyMembershipSection page={page} reply={reply} />
      <ChairsSection page={page} reply={reply} />
      {viewer.chair ? <JoinRequestsSection page={page} reply={reply} /> : null}
      <MeetingsSection page={page} />

      <section aria-labelledby="beschluesse" className="stack">
        <h2 id="beschluesse">Beschlüsse</h2>
        <p className="kern-body">
          Alle Beschlüsse des Facharbeitskreises, durchsuchbar und mit ihrer Sitzung verknüpft: <Link to={page.links.decisions}>Beschlüsse</Link>
        </p>
      </section>

      <MembersSection page={page} reply={reply} />
      <MunicipalitiesSection page={page} />

      <section aria-labelledby="pflichtenheft" className="stack">
        <h2 id="pflichtenheft">Pflichtenheft</h2>
        <p className="kern-body">
          Das Pflichtenheft für KAI-{page.group.id}, das der Facharbeitskreis Version für Version erarbeitet, wird in einem
          späteren Ausbauschritt des Portals hier bereitgestellt. Bis dahin gibt es an dieser Stelle noch keine Inhalte.
        </p>
      </section>
    </>
  );
}
