import { describe, expect, it } from "vitest";
import { areasFor, getArea, pageTitle, sectionsFor } from "./areas";

// Issue 5 items 4 and 5: work areas show only to the roles that use them, and only once they
// exist; titles read "Page – Area – KAI-Portal".
describe("work areas", () => {
  it("shows Betreuung to its four roles and Verwaltung to admins and centre managers; the other areas do not exist yet", () => {
    expect(areasFor(["admin"]).map((a) => a.label)).toEqual(["Betreuung", "Verwaltung"]);
    expect(areasFor(["centre_manager"]).map((a) => a.label)).toEqual(["Betreuung", "Verwaltung"]);
    expect(areasFor(["adviser"]).map((a) => a.label)).toEqual(["Betreuung"]);
    expect(areasFor(["municipal_it"]).map((a) => a.label)).toEqual(["Betreuung"]);
    for (const role of ["trainer", "wg_member", "wg_chair", "editor"] as const) {
      expect(areasFor([role]), role).toEqual([]);
    }
  });

  it("gives centre managers only the sections they may open", () => {
    const verwaltung = getArea("verwaltung");
    expect(sectionsFor(verwaltung, ["centre_manager"]).map((s) => s.label)).toEqual(["Mitglieder"]);
    expect(sectionsFor(verwaltung, ["admin"]).map((s) => s.label)).toEqual(["Personen", "Mitglieder", "Zentren", "Postfach", "Protokoll"]);
  });

  it("builds titles as page – area – portal", () => {
    expect(pageTitle("Personen", "verwaltung")).toBe("Personen – Verwaltung – KAI-Portal");
    expect(pageTitle("Impressum")).toBe("Impressum – KAI-Portal");
    expect(pageTitle("Verfahren", "Über KAI")).toBe("Verfahren – Über KAI – KAI-Portal");
  });
});
