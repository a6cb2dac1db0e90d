import { formatDateTime, formatRange } from "~/format";
import { defineStartPanel } from "~/modules/start/panel";
import { hyphenate } from "~/modules/text/hyphenate.server";
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
