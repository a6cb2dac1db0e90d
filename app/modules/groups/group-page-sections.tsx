import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { Badge } from "~/components/badge";
import { Button, ButtonRow, LinkButton } from "~/components/button";
import { ConfirmDialog, ConfirmForm } from "~/components/confirm-dialog";
import { ErrorSummary, plainField, SelectField, TextareaField } from "~/components/forms";
import { DataTable } from "~/components/table";
import type { loader } from "~/routes/facharbeitskreise.$gruppe._index";
import { JOIN_REQUEST_STATUS_LABELS, JOIN_REQUEST_STATUS_TONES, MEETING_STATUS_LABELS, MINUTES_STATUS_LABELS } from "./group-labels";
import { CHAIR_CANNOT_LEAVE_MESSAGE, JOIN_MESSAGE_MAX } from "./membership-validation";

/**
 * The sections of a working group's page (issue 9, item 1), split from the route so it stays
 * short. Every form posts to the page's action with a hidden `intent`; without JavaScript too.
 */

export type GroupPageData = SerializeFrom<typeof loader>;
export interface ActionReply {
  intent: string;
  errors: string[];
  message: string;
  reason: string;
  requestId?: number | null;
}
type Props = { page: GroupPageData; reply: ActionReply | undefined };

function Errors({ reply, intents, requestId }: { reply: ActionReply | undefined; intents: string[]; requestId?: number }) {
  if (!reply || !intents.includes(reply.intent) || !reply.errors.length) return null;
  if (requestId !== undefined && reply.requestId !== requestId) return null;
  return <ErrorSummary errors={reply.errors.map((message) => ({ message }))} />;
}

function PersonButton({ intent, userId, label, children, variant = "secondary" }: { intent: string; userId: string; label: string; children: string; variant?: "secondary" | "danger" }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={userId} />
      <Button variant={variant} aria-label={label} disabled={busy}>
        {children}
      </Button>
    </Form>
  );
}

/** The viewer's own standing: member (and leave), an open or decided request, the join form. */
export function MyMembershipSection({ page, reply }: Props) {
  const { viewer, myRequest, group } = page;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="mitarbeit" className="stack" id="mitarbeit-bereich">
      <h2 id="mitarbeit">Ihre Mitarbeit</h2>
      <Errors reply={reply} intents={["join", "leave"]} />
      {viewer.member ? (
        <>
          <p className="kern-body">
            {viewer.chair ? "Sie haben den Vorsitz dieses Facharbeitskreises." : "Sie sind Mitglied dieses Facharbeitskreises."} Zu jeder geplanten Sitzung erhalten Sie eine
            Kalendereinladung.
          </p>
          <LeaveStep page={page} />
        </>
      ) : myRequest?.status === "offen" ? (
        <p className="kern-body">
          <Badge tone={JOIN_REQUEST_STATUS_TONES.offen}>Anfrage {JOIN_REQUEST_STATUS_LABELS.offen}</Badge> Sie haben am {myRequest.createdAt} um Aufnahme gebeten. Der Vorsitz
          entscheidet; Sie erhalten eine E-Mail.
        </p>
      ) : (
        <>
          {myRequest?.status === "abgelehnt" ? (
            <Alert tone="warning" title="Ihre letzte Anfrage wurde abgelehnt">
              <p className="kern-body">
                Am {myRequest.decidedAt}. Begründung: {myRequest.reason}
              </p>
            </Alert>
          ) : null}
          {viewer.mayAskToJoin ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="join" />
              <p className="kern-body">
                Jede Mitgliedskommune kann Fachleute in den Facharbeitskreis {group.name} entsenden. Sie arbeiten für Ihre Kommune mit; der Vorsitz nimmt Ihre Anfrage an.
              </p>
              <TextareaField
                field={plainField({ name: "message", value: reply?.intent === "join" ? reply.message : "", maxLength: JOIN_MESSAGE_MAX })}
                label="Nachricht an den Vorsitz"
                hint="Zum Beispiel Ihr Aufgabengebiet in der Verwaltung."
                optional
                rows={3}
              />
              <ButtonRow>
                <Button disabled={busy}>Um Aufnahme bitten</Button>
              </ButtonRow>
            </Form>
          ) : !viewer.hasMunicipality ? (
            <p className="kern-body">Um Aufnahme bitten können Beschäftigte der Mitgliedskommunen. Ihrem Konto ist keine Kommune zugeordnet.</p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** What leaving does, said before it happens. */
function leaveConsequences(plannedAhead: number) {
  const calendar =
    plannedAhead === 0
      ? "Sie erhalten keine Einladungen mehr."
      : plannedAhead === 1
        ? "Der Kalendereintrag der geplanten Sitzung wird abgesagt, und Ihre Antwort dazu wird gelöscht."
        : `Die Kalendereinträge der ${plannedAhead} geplanten Sitzungen werden abgesagt, und Ihre Antworten dazu werden gelöscht.`;
  return `${calendar} Um wieder mitzuarbeiten, bitten Sie erneut um Aufnahme.`;
}

/**
 * Leaving takes a second "yes" (the dialog, or the confirmation step at ?austreten=1 without
 * JavaScript). A chair cannot leave: the administration ends the chair first.
 */
function LeaveStep({ page }: { page: GroupPageData }) {
  const path = `/facharbeitskreise/${page.group.slug}`;
  const action = { action: path, fields: { intent: "leave" }, confirmLabel: "Austreten", danger: true };
  if (page.viewer.chair) return <p className="kern-body">{CHAIR_CANNOT_LEAVE_MESSAGE}</p>;
  if (page.confirmLeave) {
    return (
      <Alert tone="warning" title="Aus dem Facharbeitskreis austreten?">
        <p className="kern-body">{leaveConsequences(page.plannedAhead)}</p>
        <ConfirmForm {...action} cancel={{ href: `${path}#mitarbeit-bereich` }} />
      </Alert>
    );
  }
  return (
    <div className="button-row">
      <ConfirmDialog href={`${path}?austreten=1#mitarbeit-bereich`} trigger="Aus dem Facharbeitskreis austreten" title="Aus dem Facharbeitskreis austreten?" {...action}>
        <p className="kern-body">{leaveConsequences(page.plannedAhead)}</p>
      </ConfirmDialog>
    </div>
  );
}

/** The chairs; admins appoint and dismiss them here. */
export function ChairsSection({ page, reply }: Props) {
  const { chairs, viewer, chairCandidates, maxChairs } = page;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="vorsitz" className="stack">
      <h2 id="vorsitz">Vorsitz</h2>
      <Errors reply={reply} intents={["appoint", "dismiss"]} />
      {chairs.length ? (
        <ul>
          {chairs.map((c) => (
            <li key={c.id}>
              <div className="button-row">
                <span>
                  {c.name}
                  {c.municipality ? ` (${c.municipality})` : ""}
                </span>
                {viewer.admin ? (
                  <PersonButton intent="dismiss" userId={c.id} label={`Vorsitz von ${c.name} beenden`}>
                    Vorsitz beenden
                  </PersonButton>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">Der Vorsitz ist derzeit nicht besetzt.</p>
      )}
      {viewer.admin ? (
        chairs.length < maxChairs ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="appoint" />
            <SelectField
              field={plainField({ name: "userId", id: "vorsitz-person" })}
              label="Vorsitz bestimmen"
              hint={`Höchstens ${maxChairs} Vorsitzende. Zur Auswahl stehen Personen der Mitgliedskommunen; Mitglieder des Facharbeitskreises sind gekennzeichnet.`}
              options={chairCandidates.map((c) => ({ value: c.id, label: `${c.name} (${c.municipality})${c.member ? " – Mitglied" : ""}` }))}
              required
            />
            <ButtonRow>
              <Button disabled={busy}>Zum Vorsitz bestimmen</Button>
            </ButtonRow>
          </Form>
        ) : (
          <p className="kern-body">Der Facharbeitskreis hat {maxChairs} Vorsitzende, mehr sind nicht vorgesehen. Um den Vorsitz neu zu besetzen, beenden Sie zuerst einen.</p>
        )
      ) : null}
    </section>
  );
}

/** Chairs: the open join requests, each accepted or declined with a reason. */
export function JoinRequestsSection({ page, reply }: Props) {
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="beitrittsanfragen" className="stack" id="beitrittsanfragen-bereich">
      <h2 id="beitrittsanfragen">Beitrittsanfragen</h2>
      <Errors reply={reply} intents={["accept"]} />
      {page.openRequests.length ? (
        <ul className="stack">
          {page.openRequests.map((r) => {
            const mine = reply?.intent === "decline" && reply.requestId === r.id;
            return (
              <li key={r.id} className="stack">
                <h3 className="kern-heading-small">
                  {r.name} ({r.municipality})
                </h3>
                <p className="kern-body">Angefragt am {r.createdAt}.</p>
                {r.message ? <p className="kern-body">Nachricht: {r.message}</p> : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <Button disabled={busy} aria-label={`Anfrage von ${r.name} annehmen`}>
                    Annehmen
                  </Button>
                </Form>
                <Form method="post" className="stack">
                  {mine && reply.errors.length ? <ErrorSummary errors={reply.errors.map((message) => ({ id: `begruendung-${r.id}`, message }))} /> : null}
                  <input type="hidden" name="intent" value="decline" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <TextareaField
                    field={plainField({ name: "reason", id: `begruendung-${r.id}`, value: mine ? reply.reason : "", error: mine ? reply.errors.join(" ") : undefined })}
                    label={`Begründung der Ablehnung (${r.name})`}
                    hint="Die anfragende Person erhält sie per E-Mail."
                    rows={3}
                  />
                  <ButtonRow>
                    <Button variant="danger" disabled={busy} aria-label={`Anfrage von ${r.name} ablehnen`}>
                      Ablehnen
                    </Button>
                  </ButtonRow>
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="kern-body">Keine offenen Anfragen.</p>
      )}
    </section>
  );
}

function MeetingTable({ caption, rows }: { caption: string; rows: GroupPageData["meetings"]["upcoming"] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(m) => m.id}
      columns={[
        { key: "title", header: "Sitzung", rowHeader: true, cell: (m) => <Link to={m.link}>{m.title}</Link> },
        { key: "date", header: "Datum", cell: (m) => <time dateTime={m.startsAt}>{m.date}</time> },
        { key: "time", header: "Uhrzeit", cell: (m) => m.time },
        { key: "status", header: "Status", cell: (m) => (m.status === "abgesagt" ? <Badge tone="danger">{MEETING_STATUS_LABELS.abgesagt}</Badge> : MEETING_STATUS_LABELS.geplant) },
        { key: "minutes", header: "Protokoll", cell: (m) => (m.minutesStatus ? MINUTES_STATUS_LABELS[m.minutesStatus] : "–") },
      ]}
    />
  );
}

export function MeetingsSection({ page }: { page: GroupPageData }) {
  const { upcoming, past, morePast } = page.meetings;
  return (
    <section aria-labelledby="sitzungen" className="stack">
      <h2 id="sitzungen">Sitzungen</h2>
      {page.viewer.chair ? (
        <p className="button-row">
          <LinkButton to={page.links.newMeeting}>Sitzung planen</LinkButton>
        </p>
      ) : null}
      {upcoming.length ? <MeetingTable caption="Anstehende Sitzungen" rows={upcoming} /> : <p className="kern-body">Derzeit ist keine Sitzung geplant.</p>}
      {past.length ? <MeetingTable caption={morePast ? `Die letzten ${past.length} Sitzungen` : "Vergangene Sitzungen"} rows={past} /> : null}
      {morePast ? (
        <p className="kern-body">
          Ältere Sitzungen finden Sie über die <Link to={page.links.decisions}>Beschlüsse</Link>.
        </p>
      ) : null}
    </section>
  );
}

/**
 * The members, by centre and municipality (item 1), as one line per municipality; chairs take a
 * member off the group with one form below the list (chairs themselves are ended by the
 * administration). One line and one form, not a form per person: with 40 members that made the
 * page three times as heavy as the bare page.
 */
export function MembersSection({ page, reply }: Props) {
  const participating = page.centres.map((c) => ({ ...c, municipalities: c.municipalities.filter((m) => m.members) })).filter((c) => c.municipalities.length);
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="mitglieder" className="stack">
      <h2 id="mitglieder">Mitglieder</h2>
      <p className="kern-body">{`${page.memberCount} ${page.memberCount === 1 ? "Mitglied" : "Mitglieder"} aus ${page.participatingCount} von ${page.totalMunicipalities} Mitgliedskommunen.`}</p>
      {participating.map((c) => (
        <section key={c.id} aria-labelledby={`mitglieder-${c.id}`} className="stack">
          <h3 id={`mitglieder-${c.id}`} className="kern-heading-small">{`Zentrum ${c.name}`}</h3>
          <ul className="stack">
            {c.municipalities.map((m) => (
              <li key={m.id}>
                <strong>{`${m.name}:`}</strong> {m.members}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {page.membersWithoutMunicipality ? (
        <>
          <h3 className="kern-heading-small">Ohne zugeordnete Kommune</h3>
          <p className="kern-body">{page.membersWithoutMunicipality}</p>
        </>
      ) : null}
      <RemovalStep page={page} reply={reply} busy={busy} />
    </section>
  );
}

/**
 * Chairs take a member off the group in two steps: choose the person (a GET to
 * ?entfernen=<person>#mitglied-entfernen), then confirm what it does. Without JavaScript too.
 */
function RemovalStep({ page, reply, busy }: Props & { busy: boolean }) {
  const path = `/facharbeitskreise/${page.group.slug}`;
  const person = page.confirmRemoval;
  if (!page.removableMembers.length) return null;
  const ahead = page.plannedAhead;
  return (
    <div className="stack" id="mitglied-entfernen-bereich">
      <Errors reply={reply} intents={["remove"]} />
      {person ? (
        <Alert tone="warning" title={`${person.name} (${person.municipality ?? "ohne Kommune"}) aus dem Facharbeitskreis entfernen?`}>
          <p className="kern-body">
            {`Die Person erhält per E-Mail Bescheid${ahead ? ` und für ${ahead === 1 ? "die geplante Sitzung" : `die ${ahead} geplanten Sitzungen`} eine Absage für ihren Kalender; ihre Antworten dazu werden gelöscht` : ""}. Um wieder mitzuarbeiten, kann sie erneut um Aufnahme bitten.`}
          </p>
          <ConfirmForm action={path} fields={{ intent: "remove", userId: person.id }} confirmLabel="Aus dem Facharbeitskreis entfernen" danger cancel={{ href: `${path}#mitglieder` }} />
        </Alert>
      ) : (
        <Form method="get" action={`${path}#mitglied-entfernen-bereich`} className="stack">
          {page.removalUnknown ? <ErrorSummary errors={[{ id: "mitglied-entfernen", message: "Diese Person ist nicht (mehr) Mitglied oder hat den Vorsitz. Bitte wählen Sie ein Mitglied aus der Liste." }]} /> : null}
          <SelectField
            field={plainField({ name: "entfernen", id: "mitglied-entfernen" })}
            label="Mitglied entfernen"
            hint="Im nächsten Schritt sehen Sie, was das Entfernen bewirkt, und bestätigen es."
            options={page.removableMembers.map((p) => ({ value: p.id, label: `${p.name} (${p.municipality ?? "ohne Kommune"})` }))}
            required
          />
          <ButtonRow>
            <Button variant="secondary" disabled={busy}>
              Entfernen …
            </Button>
          </ButtonRow>
        </Form>
      )}
    </div>
  );
}

/** All member municipalities by centre, marking those that take part. */
export function MunicipalitiesSection({ page }: { page: GroupPageData }) {
  return (
    <section aria-labelledby="kommunen" className="stack">
      <h2 id="kommunen">Teilnehmende Kommunen</h2>
      <p className="kern-body">
        <strong>{`${page.participatingCount} von ${page.totalMunicipalities} Mitgliedskommunen`}</strong>{" "}
        arbeiten im Facharbeitskreis mit.
      </p>
      {page.centres.map((c) => (
        <section key={c.id} aria-labelledby={`kommunen-${c.id}`}>
          <h3 id={`kommunen-${c.id}`} className="kern-heading-small">{`Zentrum ${c.name}`}</h3>
          <ul>
            {c.municipalities.map((m) => (
              <li key={m.id}>
                {m.members ? (
                  <>
                    {`${m.name}: `}
                    <Badge tone="success">nimmt teil</Badge>
                  </>
                ) : (
                  `${m.name}: nimmt nicht teil`
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
