import type { CurrentUser } from "~/modules/auth/guards.server";
import { actionLabel, changedFields } from "~/modules/audit/labels";
import { formatDate } from "~/format";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { renderMarkdown } from "~/modules/text/markdown.server";
import { ticketActor } from "./access.server";
import { TICKET_TRANSITIONS } from "./lifecycle";
import { assignableStaff, getTicketPage } from "./queries.server";

/**
 * The ticket page as the person sees it (issue 7): the ticket with its description and replies
 * rendered, the history in words, the people it may be handed to, and which actions this person
 * may take now. A merged ticket answers only the number it went into (`redirectTo`).
 */
export async function ticketView(user: CurrentUser, number: string) {
  const page = await getTicketPage(user, number);
  if (page.redirectTo !== null) return { redirectTo: page.redirectTo, view: null };
  const staff = page.staff;
  const people = staff ? await assignableStaff(page.ticket.centreId) : [];
  const names = {
    centres: new Map<string, string>(),
    municipalities: new Map<number, string>(),
    procedures: new Map<number, string>(),
    people: new Map([...people.map((p) => [p.id, p.name] as const), ...(page.ticket.assigneeId && page.ticket.assignee ? [[page.ticket.assigneeId, page.ticket.assignee] as const] : [])]),
  };
  const actor = ticketActor(user);
  const allowed = (type: keyof typeof TICKET_TRANSITIONS) => TICKET_TRANSITIONS[type].actors.includes(actor.kind) && Boolean(TICKET_TRANSITIONS[type].from[page.ticket.status]);
  const view = {
    staff,
    // Soft hyphens for the headline and the history: long German words wrap at 320 px (issue 5 item 2).
    ticket: { ...page.ticket, titleDisplay: hyphenate(page.ticket.title), descriptionHtml: renderMarkdown(page.ticket.description) },
    sla: page.sla,
    replies: page.replies.map((r) => ({
      id: r.id,
      visibility: r.visibility,
      authorName: r.authorName,
      source: r.source,
      createdAt: r.createdAt,
      movedFromNumber: r.movedFromNumber,
      html: renderMarkdown(r.body),
    })),
    attachments: page.attachments,
    history: page.history.map((h) => ({
      id: h.id,
      label: actionLabel(h.action),
      actor: h.actor ?? "KAI-Portal",
      createdAt: h.createdAt,
      changes: changedFields(h.before, h.after, names).map((c) => ({ ...c, before: hyphenate(c.before), after: hyphenate(c.after) })),
    })),
    visits: page.visits,
    actionItems: page.actionItems.map((a) => ({ ...a, title: hyphenate(a.title), due: formatDate(a.dueOn) })),
    canned: page.canned,
    people: people.map((p) => ({ value: p.id, label: p.name })),
    can: {
      take: allowed("take"),
      takeOwn: page.ticket.assigneeId === user.id,
      handOver: allowed("hand_over"),
      escalate: allowed("escalate"),
      solve: allowed("solve"),
      reopen: allowed("reopen"),
      close: allowed("close"),
      merge: allowed("merge"),
      reply: page.ticket.status !== "geschlossen" || staff,
    },
  };
  return { redirectTo: null, view };
}

export type TicketView = NonNullable<Awaited<ReturnType<typeof ticketView>>["view"]>;
