import { describe, expect, it } from "vitest";
import { areasFor, getArea, pageTitle, sectionsFor } from "./areas";

// Issue 5 items 4 and 5: work areas show only to the roles that use them, and only once they
// exist; titles read "Page – Area – KAI-Portal".
describe("work areas", () => {
  it("shows Betreuung to its four roles, Schulungen and Facharbeitskreise to everyone and Verwaltung to admins and centre managers; NeuigKAIten does not exist yet", () => {
    expect(areasFor(["admin"]).map((a) => a.label)).toEqual(["Betreuung", "Schulungen", "Facharbeitskreise", "Verwaltung"]);
    expect(areasFor(["centre_manager"]).map((a) => a.label)).toEqual(["Betreuung", "Schulungen", "Facharbeitskreise", "Verwaltung"]);
    expect(areasFor(["adviser"]).map((a) => a.label)).toEqual(["Betreuung", "Schulungen", "Facharbeitskreise"]);
    expect(areasFor(["municipal_it"]).map((a) => a.label)).toEqual(["Betreuung", "Schulungen", "Facharbeitskreise"]);
    for (const role of ["trainer", "wg_member", "wg_chair", "editor"] as const) {
      expect(areasFor([role]).map((a) => a.label), role).toEqual(["Schulungen", "Facharbeitskreise"]);
    }
  });

  it("gives the working-group sections: the overview to everyone, my action items to members and chairs (issue 9)", () => {
    const groups = getArea("facharbeitskreise");
    expect(sectionsFor(groups, ["municipal_it"]).map((s) => s.label)).toEqual(["Übersicht"]);
    expect(sectionsFor(groups, ["wg_member"]).map((s) => s.label)).toEqual(["Übersicht", "Meine Aufgaben"]);
    expect(sectionsFor(groups, ["wg_chair"]).map((s) => s.label)).toEqual(["Übersicht", "Meine Aufgaben"]);
  });

  it("gives each role only the training sections it may open", () => {
    const schulungen = getArea("schulungen");
    expect(sectionsFor(schulungen, ["editor"]).map((s) => s.label)).toEqual(["Kalender"]);
    expect(sectionsFor(schulungen, ["municipal_it"]).map((s) => s.label)).toEqual(["Kalender", "Inhouse-Anfragen"]);
    expect(sectionsFor(schulungen, ["trainer"]).map((s) => s.label)).toEqual(["Kalender", "Planung", "Inhouse-Anfragen"]);
    expect(sectionsFor(schulungen, ["admin"]).map((s) => s.label)).toEqual(["Kalender", "Planung", "Inhouse-Anfragen", "Räume"]);
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
