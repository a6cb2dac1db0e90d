import { formatDate, formatDateTime, formatRange } from "~/format";
import { defineStartPanel } from "~/modules/start/panel";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { actionItemPath, myActionItems } from "./action-items.server";
import { groupsOf, isChairOf } from "./access";
import { groupSlug } from "./group-access.server";
import { myGroups, openJoinRequestsForChair } from "./queries.server";

const chairsAny = (roles: { role: string }[]) => roles.some((g) => g.role === "wg_chair");

/** Chairs: the open join requests of the groups they chair (issue 9, item 1). */
export const joinRequestsPanel = defineStartPanel({
  id: "beitrittsanfragen",
  title: "Beitrittsanfragen",
  order: 8,
  kind: "work",
  appliesTo: (user) => chairsAny(user.roles),
  async load({ user }) {
    const { requests, total } = await openJoinRequestsForChair(user.id);
    return {
      total,
      requests: requests
        // The session's grants and the database agree; a chair grant removed meanwhile drops out.
        .filter((r) => isChairOf(user, r.groupId))
        .map((r) => ({ id: r.id, name: r.name, municipality: r.municipality, group: r.group, link: `/facharbeitskreise/${groupSlug(r.groupId)}#beitrittsanfragen`, since: formatDateTime(r.createdAt), sinceIso: r.createdAt.toISOString() })),
    };
  },
});

/** Members and chairs: their groups with the next planned meeting. */
export const myGroupsPanel = defineStartPanel({
  id: "meine-facharbeitskreise",
  title: "Meine Facharbeitskreise",
  order: 9,
  kind: "work",
  appliesTo: (user) => groupsOf(user).length > 0,
  async load({ user, now }) {
    const groups = await myGroups(user, now);
    return {
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        link: `/facharbeitskreise/${g.slug}`,
        chair: g.chair,
        next: g.nextMeeting
          ? { title: hyphenate(g.nextMeeting.title), when: formatRange(g.nextMeeting.startsAt, g.nextMeeting.endsAt), startsAt: g.nextMeeting.startsAt.toISOString(), link: `/facharbeitskreise/${g.slug}/sitzungen/${g.nextMeeting.id}` }
          : null,
      })),
    };
  },
});

/** How many open items the panel lists; the rest are on "Meine Aufgaben". */
export const MY_ACTION_ITEMS_LIMIT = 8;

/** "Meine Aufgaben" (issue 9, item 7): the person's open action items of released minutes, soonest due first, overdue marked. */
export const myActionItemsPanel = defineStartPanel({
  id: "meine-aufgaben",
  title: "Meine Aufgaben",
  order: 11,
  kind: "work",
  appliesTo: (user) => user.roles.some((g) => g.role === "wg_member" || g.role === "wg_chair"),
  async load({ user, now }) {
    // One more than shown tells whether there are more.
    const rows = (await myActionItems({ userId: user.id, now, closedDays: 0, limit: MY_ACTION_ITEMS_LIMIT + 1 })).filter((r) => r.open);
    return {
      items: rows.slice(0, MY_ACTION_ITEMS_LIMIT).map((r) => ({ id: r.id, title: hyphenate(r.title), path: actionItemPath(r.id), group: r.group, dueOn: r.dueOn, due: formatDate(r.dueOn), overdue: r.overdue, status: r.status })),
      more: rows.length > MY_ACTION_ITEMS_LIMIT,
    };
  },
});
