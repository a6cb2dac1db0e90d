import { describe, expect, it } from "vitest";
import { formatEuro, formatNumber, joiningFeeCents, yearlyLevyCents } from "./levy";

describe("levy", () => {
  it("charges 1,50 € per inhabitant per year and a one-off 0,50 € on joining", () => {
    expect(yearlyLevyCents(3700)).toBe(555_000);
    expect(joiningFeeCents(3700)).toBe(185_000);
    expect(yearlyLevyCents(76_500)).toBe(11_475_000);
  });

  it("is exact for odd inhabitants (no floating point)", () => {
    expect(yearlyLevyCents(1)).toBe(150);
    expect(joiningFeeCents(12_345)).toBe(617_250);
    expect(yearlyLevyCents(630_000)).toBe(94_500_000);
  });

  it("rejects negative or fractional inhabitants", () => {
    expect(() => yearlyLevyCents(-1)).toThrow(RangeError);
    expect(() => joiningFeeCents(1.5)).toThrow(RangeError);
  });

  it("formats German style", () => {
    expect(formatEuro(123_450)).toBe("1.234,50\u00a0€");
    expect(formatEuro(5)).toBe("0,05\u00a0€");
    expect(formatEuro(94_500_000)).toBe("945.000,00\u00a0€");
    expect(formatEuro(-1999)).toBe("-19,99\u00a0€");
    expect(formatNumber(203_000)).toBe("203.000");
  });
});
