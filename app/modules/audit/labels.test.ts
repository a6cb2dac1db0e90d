import { describe, expect, it } from "vitest";
import { actionLabel, changedFields, entityTypeLabel } from "./labels";

describe("audit labels", () => {
  it("names known actions in German and shows unknown ones as they are", () => {
    expect(actionLabel("member.updated")).toBe("Mitglied geändert");
    expect(actionLabel("ticket.teleported")).toBe("ticket.teleported");
    expect(entityTypeLabel("municipality")).toBe("Mitglied");
    expect(entityTypeLabel("spaceship")).toBe("spaceship");
  });

  it("lists every changed key, sorted, with plain-text values (D17: markup stays text)", () => {
    const changes = changedFields({ inhabitants: 100, note: "<b>alt</b>" }, { inhabitants: 120, centreId: "west", tags: ["a"] });
    expect(changes).toEqual([
      { key: "centreId", before: null, after: "west" },
      { key: "inhabitants", before: "100", after: "120" },
      { key: "note", before: "<b>alt</b>", after: null },
      { key: "tags", before: null, after: '["a"]' },
    ]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields({ long: "x".repeat(500) }, {})[0].before).toHaveLength(200);
  });
});
