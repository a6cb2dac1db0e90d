import { describe, expect, it } from "vitest";
import { parsePeopleList } from "./people-list";

describe("the list of colleagues municipal IT registers (issue 8 item 4)", () => {
  it("reads 'Name, address' and 'Name <address>' lines, lower-cases addresses and skips empty lines", () => {
    expect(parsePeopleList("Jörg Müller, Joerg.Mueller@kai.example\n\n  Ömer Şahin <oemer@kai.example>  \r\nŁucja Nowak;lucja@kai.example", 20)).toEqual({
      people: [
        { name: "Jörg Müller", email: "joerg.mueller@kai.example" },
        { name: "Ömer Şahin", email: "oemer@kai.example" },
        { name: "Łucja Nowak", email: "lucja@kai.example" },
      ],
      errors: [],
    });
  });
  it("names the line of every mistake in German", () => {
    expect(parsePeopleList("nur ein Name\nA, keine@adresse\n, leer@kai.example", 20).errors).toEqual([
      "Zeile 1: Bitte „Name, E-Mail-Adresse“ angeben.",
      "Zeile 2: „keine@adresse“ ist keine gültige E-Mail-Adresse.",
      "Zeile 3: Bitte „Name, E-Mail-Adresse“ angeben.",
    ]);
  });
  it("asks for at least one person and at most the maximum", () => {
    expect(parsePeopleList("  \n", 20).errors).toEqual(["Bitte mindestens eine Person angeben, eine pro Zeile."]);
    expect(parsePeopleList("A, a@kai.example\nB, b@kai.example", 1).errors).toEqual(["Bitte höchstens 1 Personen auf einmal anmelden."]);
  });
});
