import { describe, expect, it } from "vitest";
import { formatDecisionNumber, formatVotes, parseDecisionNumber } from "./decision-number";

describe("decision numbers (issue 9, item 6)", () => {
  it("formats group, year and at least two digits", () => {
    expect(formatDecisionNumber("FINAS", 2026, 7)).toBe("FINAS-2026-07");
    expect(formatDecisionNumber("EWOS", 2027, 12)).toBe("EWOS-2027-12");
    expect(formatDecisionNumber("PERSOS", 2026, 123)).toBe("PERSOS-2026-123");
  });

  it("parses the form people type, in any case, and refuses the rest", () => {
    expect(parseDecisionNumber(" finas-2026-07 ")).toEqual({ group: "FINAS", year: 2026, number: 7 });
    expect(parseDecisionNumber("FINAS-2026-7")).toBeNull();
    expect(parseDecisionNumber("FINAS-2026-00")).toBeNull();
    expect(parseDecisionNumber("KAI-2026-00042")).toBeNull();
  });

  it("reads votes in German, or nothing when none were counted", () => {
    expect(formatVotes({ yes: 12, no: 1, abstain: 2 })).toBe("12 dafür, 1 dagegen, 2 Enthaltungen");
    expect(formatVotes({ yes: 5, no: null, abstain: 1 })).toBe("5 dafür, 0 dagegen, 1 Enthaltung");
    expect(formatVotes({ yes: null, no: null, abstain: null })).toBeNull();
  });
});
