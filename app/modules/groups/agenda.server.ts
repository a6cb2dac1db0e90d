import { and, eq, max, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "#db/client";
import type { WorkingGroup } from "#db/schema/auth";
import { agendaDocuments, agendaItems, meetings, type Meeting } from "#db/schema/groups";
import { MeetingAgendaEmail } from "#emails/groups-meetings";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, PublicError } from "~/errors";
import { formatDate, formatRange, formatTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import type { CheckedUpload } from "~/modules/files/uploads.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { createPdf } from "~/modules/pdf/document.server";
import { describeMinutes, moveInOrder } from "./agenda-times";
import { loadMeeting } from "./group-access.server";
import { openTaskLine, readMeeting, type AgendaRead } from "./meeting-page.server";
import { minutesPath } from "./paths";
import { groupMembers, meetingRef } from "./meetings.server";
import type { AgendaItemInput } from "./meeting-validation";

/**
 * The agenda (issue 9, item 4): chairs add, change, remove and reorder items, attach documents
 * (checked and stored like ticket attachments: bytes in the database, type from the bytes), send
 * the agenda to every member and print it. Every write locks the meeting (loadMeeting with chair +
 * lock) and runs in one transaction; members and others get 404.
 */
type Actor = Pick<CurrentUser, "id" | "roles">;

export const MAX_DOCUMENTS_PER_UPLOAD = 5;

const appUrl = () => getEnv().APP_URL.replace(/\/+$/, "");

function run<T>(tx: Executor | undefined, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.transaction((t) => fn(t));
}

async function chairMeeting(user: Actor, meetingId: number, tx: Executor) {
  const loaded = await loadMeeting(user, meetingId, { chair: true, lock: true }, tx);
  if (loaded.meeting.status === "abgesagt") throw new PublicError("Die Sitzung ist abgesagt; die Tagesordnung lässt sich nicht mehr ändern.", 409);
  return loaded;
}

/** The item, if it belongs to this meeting; otherwise 404. */
async function itemOf(meetingId: number, itemId: number, tx: Executor) {
  const [item] = await tx.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) notFound();
  return item;
}

/** Positions 1…n in the given order, in one statement. */
async function renumber(meetingId: number, ids: number[], tx: Executor) {
  if (!ids.length) return;
  const cases = sql.join(
    ids.map((id, i) => sql`when ${id} then ${i + 1}::int`),
    sql` `,
  );
  await tx
    .update(agendaItems)
    .set({ position: sql`(case ${agendaItems.id} ${cases} end)::int` })
    .where(and(eq(agendaItems.meetingId, meetingId), sql`${agendaItems.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`));
}

async function orderedIds(meetingId: number, tx: Executor) {
  return tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(agendaItems.position, agendaItems.id);
}

export async function addAgendaItem(args: { user: Actor; meetingId: number; input: AgendaItemInput; ip?: string | null }, tx?: Executor) {
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const [last] = await tx.select({ position: max(agendaItems.position) }).from(agendaItems).where(eq(agendaItems.meetingId, meeting.id));
    const [item] = await tx
      .insert(agendaItems)
      .values({ meetingId: meeting.id, position: (last?.position ?? 0) + 1, kind: "eintrag", ...args.input })
      .returning();
    await recordAudit(
      { actorId: args.user.id, action: "groups.agenda_item_added", entityType: "meeting", entityId: meeting.id, after: { agendaItemId: item.id, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes }, ip: args.ip },
      tx,
    );
    return item;
  });
}

export async function updateAgendaItem(args: { user: Actor; meetingId: number; itemId: number; input: AgendaItemInput; ip?: string | null }, tx?: Executor) {
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const before = await itemOf(meeting.id, args.itemId, tx);
    const [item] = await tx.update(agendaItems).set(args.input).where(eq(agendaItems.id, before.id)).returning();
    await recordAudit(
      {
        actorId: args.user.id,
        action: "groups.agenda_item_updated",
        entityType: "meeting",
        entityId: meeting.id,
        before: { agendaItemId: before.id, title: before.title, presenter: before.presenter, durationMinutes: before.durationMinutes },
        after: { agendaItemId: item.id, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes },
        ip: args.ip,
      },
      tx,
    );
    return item;
  });
}

export async function removeAgendaItem(args: { user: Actor; meetingId: number; itemId: number; ip?: string | null }, tx?: Executor) {
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const item = await itemOf(meeting.id, args.itemId, tx);
    await tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    await renumber(meeting.id, (await orderedIds(meeting.id, tx)).map((r) => r.id), tx);
    await recordAudit({ actorId: args.user.id, action: "groups.agenda_item_removed", entityType: "meeting", entityId: meeting.id, before: { agendaItemId: item.id, title: item.title }, ip: args.ip }, tx);
  });
}

/** Moves an item one place up or down; all positions are renumbered 1…n in the same transaction. */
export async function moveAgendaItem(args: { user: Actor; meetingId: number; itemId: number; direction: "up" | "down"; ip?: string | null }, tx?: Executor) {
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const item = await itemOf(meeting.id, args.itemId, tx);
    const order = await orderedIds(meeting.id, tx);
    const next = moveInOrder(order, item.id, args.direction);
    if (!next) throw new PublicError(args.direction === "up" ? "Der Punkt steht schon am Anfang der Tagesordnung." : "Der Punkt steht schon am Ende der Tagesordnung.", 409);
    await renumber(meeting.id, next.map((r) => r.id), tx);
    const position = next.findIndex((r) => r.id === item.id) + 1;
    await recordAudit(
      { actorId: args.user.id, action: "groups.agenda_item_moved", entityType: "meeting", entityId: meeting.id, before: { agendaItemId: item.id, agendaPosition: item.position }, after: { agendaItemId: item.id, agendaPosition: position }, ip: args.ip },
      tx,
    );
  });
}

/** Agenda documents are PDF or office files; images and text files belong elsewhere. */
export function agendaDocumentRefusal(file: { name: string; mimeType: string }): string | null {
  if (file.mimeType.startsWith("image/") || file.mimeType.startsWith("text/")) {
    return `Die Datei „${file.name}“ ist kein PDF- oder Office-Dokument. An Tagesordnungspunkte lassen sich PDF-Dateien und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) anhängen.`;
  }
  return null;
}

/**
 * Stores checked uploads (app/modules/files/uploads.server.ts) on an item. All or nothing: one
 * file of a type agendas do not take refuses the whole upload.
 */
export async function addAgendaDocuments(args: { user: Actor; meetingId: number; itemId: number; files: CheckedUpload[]; ip?: string | null }, tx?: Executor) {
  if (!args.files.length) throw new PublicError("Bitte eine Datei auswählen.", 400, "dokument");
  if (args.files.length > MAX_DOCUMENTS_PER_UPLOAD) throw new PublicError(`Bitte höchstens ${MAX_DOCUMENTS_PER_UPLOAD} Dateien auf einmal anhängen.`, 400, "dokument");
  for (const f of args.files) {
    const refusal = agendaDocumentRefusal(f);
    if (refusal) throw new PublicError(refusal, 400, "dokument");
  }
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const item = await itemOf(meeting.id, args.itemId, tx);
    const stored = await tx
      .insert(agendaDocuments)
      .values(args.files.map((f) => ({ agendaItemId: item.id, name: f.name, mimeType: f.mimeType, size: f.size, content: Buffer.from(f.bytes), uploadedById: args.user.id })))
      .returning({ id: agendaDocuments.id, name: agendaDocuments.name });
    await recordAudit(
      { actorId: args.user.id, action: "groups.agenda_documents_added", entityType: "meeting", entityId: meeting.id, after: { agendaItemId: item.id, documents: stored.map((d) => d.name).join(", ") }, ip: args.ip },
      tx,
    );
    return stored;
  });
}

export async function removeAgendaDocument(args: { user: Actor; meetingId: number; documentId: string; ip?: string | null }, tx?: Executor) {
  if (!/^[0-9a-f-]{36}$/i.test(args.documentId)) notFound();
  return run(tx, async (tx) => {
    const { meeting } = await chairMeeting(args.user, args.meetingId, tx);
    const [doc] = await tx
      .select({ id: agendaDocuments.id, name: agendaDocuments.name, itemId: agendaItems.id })
      .from(agendaDocuments)
      .innerJoin(agendaItems, eq(agendaItems.id, agendaDocuments.agendaItemId))
      .where(and(eq(agendaDocuments.id, args.documentId), eq(agendaItems.meetingId, meeting.id)));
    if (!doc) notFound();
    await tx.delete(agendaDocuments).where(eq(agendaDocuments.id, doc.id));
    await recordAudit({ actorId: args.user.id, action: "groups.agenda_document_removed", entityType: "meeting", entityId: meeting.id, before: { agendaItemId: doc.itemId, document: doc.name }, ip: args.ip }, tx);
  });
}

/** One document for download: the meeting must belong to the slug's group (else 404); meetings are visible to every signed-in person. */
export async function getAgendaDocument(groupId: WorkingGroup, meetingId: number, documentId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId) || !Number.isSafeInteger(meetingId)) notFound();
  const [doc] = await db
    .select({ name: agendaDocuments.name, mimeType: agendaDocuments.mimeType, size: agendaDocuments.size, content: agendaDocuments.content })
    .from(agendaDocuments)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaDocuments.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaDocuments.id, documentId), eq(meetings.id, meetingId), eq(meetings.groupId, groupId)));
  if (!doc) notFound();
  return doc;
}

/** The lines an item adds under its title: the open action items, or the minutes to approve. */
function itemNotes(item: AgendaRead["items"][number], agenda: AgendaRead, groupId: WorkingGroup, link: (path: string) => string): string[] {
  if (item.kind === "offene_aufgaben") {
    return agenda.openTasks.length ? agenda.openTasks.map(openTaskLine) : ["Keine offenen Aufgaben."];
  }
  if (item.kind === "protokoll_genehmigung" && agenda.previous) {
    return [`Protokoll der Sitzung „${agenda.previous.title}“ vom ${formatDate(agenda.previous.startsAt)}: ${link(minutesPath(groupId, agenda.previous.id))}`];
  }
  return [];
}

/** Sends the agenda to every member (times, presenters, document names, the link) and notes when. */
export async function sendAgenda(args: { user: Actor; meetingId: number; ip?: string | null; now?: Date }, tx?: Executor): Promise<{ recipients: number }> {
  const now = args.now ?? new Date();
  return run(tx, async (tx) => {
    const { meeting, group } = await chairMeeting(args.user, args.meetingId, tx);
    if (meeting.endsAt <= now) throw new PublicError("Die Sitzung ist vorbei; die Tagesordnung wird nicht mehr versandt.", 409);
    const { agenda, place } = await readMeeting(group.id, meeting.id, {}, tx);
    const ref = meetingRef(group, meeting, place);
    const base = appUrl();
    const items = agenda.items.map((item, i) => ({
      number: i + 1,
      time: `${formatTime(item.startsAt)} Uhr`,
      title: item.title,
      presenter: item.presenter,
      duration: item.durationMinutes ? describeMinutes(item.durationMinutes) : "",
      documents: item.documents.map((d) => d.name),
      notes: itemNotes(item, agenda, group.id, (path) => `${base}${path}`),
    }));
    const members = await groupMembers(group.id, tx);
    for (const m of members) {
      await sendEmail(
        {
          to: { address: m.email, name: m.name },
          template: "groups-meeting-agenda",
          subject: `Tagesordnung: ${meeting.title} (Facharbeitskreis ${group.name}, ${formatRange(meeting.startsAt, meeting.endsAt)})`,
          body: createElement(MeetingAgendaEmail, { name: m.name, meeting: ref, items, warning: agenda.warning }),
        },
        tx,
      );
    }
    await tx.update(meetings).set({ agendaSentAt: now, updatedAt: now }).where(eq(meetings.id, meeting.id));
    await recordAudit(
      { actorId: args.user.id, action: "groups.agenda_sent", entityType: "meeting", entityId: meeting.id, before: { agendaSentAt: meeting.agendaSentAt }, after: { agendaSentAt: now, recipients: members.length, agendaItems: items.length }, ip: args.ip },
      tx,
    );
    return { recipients: members.length };
  });
}

/** The agenda as a PDF: title, date, place, the items with times, presenters and documents, the open action items. */
export async function agendaPdf(args: { groupId: WorkingGroup; meetingId: number }): Promise<{ pdf: Buffer; meeting: Meeting }> {
  const { meeting, groupName, place, agenda } = await readMeeting(args.groupId, args.meetingId);
  const when = formatRange(meeting.startsAt, meeting.endsAt);
  const pdf = createPdf({ title: `Tagesordnung: ${meeting.title}`, subtitle: `Facharbeitskreis ${groupName}, ${when}` });
  pdf.heading(`Tagesordnung: ${meeting.title}`).facts([
    ["Facharbeitskreis", groupName],
    ["Termin", when],
    ["Ort", place],
    ...(meeting.status === "abgesagt" ? ([["Status", `abgesagt${meeting.cancelReason ? `: ${meeting.cancelReason}` : ""}`]] as [string, string][]) : []),
  ]);
  const base = appUrl();
  pdf.table({
    columns: [
      { header: "TOP", width: 0.6, align: "right" },
      { header: "Beginn", width: 1 },
      { header: "Thema", width: 5 },
      { header: "Vortrag", width: 2 },
      { header: "Dauer", width: 1.3 },
    ],
    rows: agenda.items.map((item, i) => {
      const extra = [
        ...itemNotes(item, agenda, args.groupId, (path) => `${base}${path}`).map((n) => `– ${n}`),
        ...(item.documents.length ? [`Unterlagen: ${item.documents.map((d) => d.name).join(", ")}`] : []),
      ];
      return [String(i + 1), `${formatTime(item.startsAt)} Uhr`, [item.title, ...extra].join("\n"), item.presenter || "–", item.durationMinutes ? describeMinutes(item.durationMinutes) : "–"];
    }),
  });
  if (!agenda.items.length) pdf.paragraph("Die Tagesordnung hat noch keine Punkte.", { muted: true });
  if (agenda.warning) pdf.paragraph(agenda.warning, { muted: true });
  return { pdf: await pdf.toBuffer(), meeting };
}
