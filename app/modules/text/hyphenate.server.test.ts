import { describe, expect, it } from "vitest";
import { hyphenate } from "./hyphenate.server";

// Issue 5 item 2: words wrap at syllables with a hyphen, never mid-word without one.
describe("hyphenate", () => {
  it("puts soft hyphens at German syllables of long words only", () => {
    expect(hyphenate("Informationsveranstaltung: Neuerungen").replace(/\u00AD/g, "|")).toBe("In|for|ma|ti|ons|ver|an|stal|tung: Neuerungen");
    expect(hyphenate("Kommune Rheine")).toBe("Kommune Rheine");
    expect(hyphenate(null)).toBeNull();
  });

  it("leaves the visible text unchanged", () => {
    const text = "Behindertengleichstellungsgesetz und Kindertagesstättenverwaltung";
    expect(hyphenate(text).replace(/\u00AD/g, "")).toBe(text);
  });
});
