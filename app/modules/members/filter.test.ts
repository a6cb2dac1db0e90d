import { describe, expect, it } from "vitest";
import { foldForSearch, memberMatches, nameMatches } from "./filter";

describe("member name search (issue 5, item 12)", () => {
  it("ignores case and finds umlauts typed as ae/oe/ue/ss, and the other way round", () => {
    expect(nameMatches("Höxter", "hoexter")).toBe(true);
    expect(nameMatches("Marienmünster", "MUENSTER")).toBe(true);
    expect(nameMatches("Marienmünster", "münster")).toBe(true);
    expect(nameMatches("Buxtehude", "TEHU")).toBe(true);
    expect(nameMatches("Buxtehude", "Verden")).toBe(false);
    expect(foldForSearch("  Groß  Ümlaut ")).toBe("gross uemlaut");
  });

  it("an empty query matches everything", () => {
    expect(nameMatches("Rheine", undefined)).toBe(true);
    expect(nameMatches("Rheine", "")).toBe(true);
  });

  it("combines centre, state and name", () => {
    const m = { name: "Telgte", centreId: "sued", state: "Nordrhein-Westfalen" };
    expect(memberMatches(m, { centreId: "sued", state: "Nordrhein-Westfalen", q: "tel" })).toBe(true);
    expect(memberMatches(m, { centreId: "nord" })).toBe(false);
    expect(memberMatches(m, { state: "Niedersachsen" })).toBe(false);
    expect(memberMatches(m, { q: "xyz" })).toBe(false);
  });
});
