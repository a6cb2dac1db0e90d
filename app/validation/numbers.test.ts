import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { germanAmountCents, germanInteger, parseGermanAmountCents, parseGermanInteger } from "./numbers";

// Issue 5, item 3: numbers typed the German way.
const inhabitants = germanInteger({ accusative: "die Einwohnerzahl" }, { min: 1, max: 10_000_000 });
const amount = germanAmountCents({ accusative: "den Betrag", nominative: "Der Betrag" }, { min: 0, max: 100_000_000 });

function form(schema: z.ZodTypeAny, value: string | null) {
  const data = new FormData();
  if (value !== null) data.set("n", value);
  const submission = parseWithZod(data, { schema: z.object({ n: schema }) });
  return { status: submission.status, value: submission.status === "success" ? submission.value : undefined, error: submission.reply().error };
}

describe("parseGermanInteger", () => {
  it.each([
    ["12500", 12500],
    ["12.500", 12500],
    ["12 500", 12500],
    ["12\u00a0500", 12500],
    ["12\u202f500", 12500],
    ["12\u2009500", 12500],
    [" 1.234.567 ", 1234567],
    ["1 234 567", 1234567],
    ["-3.700", -3700],
    ["0", 0],
  ])("%j → %d", (input, expected) => expect(parseGermanInteger(input)).toBe(expected));

  it.each(["12,5", "1.23.4", "abc", "12.50", "1.2345", "12.500 000", "1..000", ".500", "500.", "1e3", "0x10", "12 5"])("%j is not a whole number", (input) =>
    expect(parseGermanInteger(input)).toBeNaN(),
  );

  it("empty is missing", () => {
    expect(parseGermanInteger("")).toBeUndefined();
    expect(parseGermanInteger("   ")).toBeUndefined();
    expect(parseGermanInteger(undefined)).toBeUndefined();
  });
});

describe("parseGermanAmountCents", () => {
  it.each([
    ["1.234,50", 123450],
    ["1234,5", 123450],
    ["1234", 123400],
    ["1 234,05", 123405],
    ["0,99", 99],
    ["12.500", 1250000],
    ["1.234,50 €", 123450],
    ["-2,50", -250],
  ])("%j → %d cents", (input, expected) => expect(parseGermanAmountCents(input)).toBe(expected));

  it.each(["1234.50", "1,234", "1.23.4", "abc", ",50", "1,2,3", "12.5,00"])("%j is not an amount", (input) => expect(parseGermanAmountCents(input)).toBeNaN());
});

describe("the schemas through conform, as the forms use them", () => {
  it("accepts the German spellings", () => {
    for (const input of ["12.500", "12 500", "12500", "12\u00a0500"]) {
      const result = form(inhabitants, input);
      expect(result.status).toBe("success");
      expect(result.value?.n).toBe(12500);
    }
    const cents = form(amount, "1.234,50");
    expect(cents.value?.n).toBe(123450);
  });

  it("names the field when it is empty or garbage", () => {
    expect(form(inhabitants, "").error).toEqual({ n: ["Bitte geben Sie die Einwohnerzahl an."] });
    expect(form(inhabitants, null).error).toEqual({ n: ["Bitte geben Sie die Einwohnerzahl an."] });
    for (const garbage of ["12,5", "1.23.4", "abc"]) expect(form(inhabitants, garbage).error).toEqual({ n: ["Die Einwohnerzahl ist keine ganze Zahl."] });
    expect(form(amount, "").error).toEqual({ n: ["Bitte geben Sie den Betrag an."] });
    expect(form(amount, "12,345").error).toEqual({ n: ["Der Betrag ist kein gültiger Betrag."] });
  });

  it("gives min and max in German, with German digit groups", () => {
    expect(form(inhabitants, "0").error).toEqual({ n: ["Die Einwohnerzahl muss mindestens 1 sein."] });
    expect(form(inhabitants, "10.000.001").error).toEqual({ n: ["Die Einwohnerzahl darf höchstens 10.000.000 sein."] });
    expect(form(inhabitants, "99999999999999999999999").error).toEqual({ n: ["Die Einwohnerzahl darf höchstens 10.000.000 sein."] });
    expect(form(amount, "-0,01").error).toEqual({ n: ["Der Betrag muss mindestens 0,00\u00a0€ betragen."] });
    expect(form(amount, "1.000.000,01").error).toEqual({ n: ["Der Betrag darf höchstens 1.000.000,00\u00a0€ betragen."] });
  });

  it("without limits, a number beyond the safe range is refused too", () => {
    const unbounded = germanInteger({ accusative: "die Zahl" });
    expect(form(unbounded, "9".repeat(30)).error).toEqual({ n: ["Die Zahl ist keine ganze Zahl."] });
  });
});
