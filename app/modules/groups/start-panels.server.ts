import { formatDate } from "~/format";
import { defineStartPanel } from "~/modules/start/panel";
import { hyphenate } from "~/modules/text/hyphenate.server";
import { actionItemPath, myActionItems } from "./action-items.server";

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
