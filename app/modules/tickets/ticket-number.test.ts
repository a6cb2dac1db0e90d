import { describe, expect, it } from "vitest";
import { findTicketNumber, formatTicketNumber, parseTicketNumber } from "./ticket-number";

describe("ticket numbers (issue 7, item 2)", () => {
  it("five digits, more when a year needs them", () => {
    expect(formatTicketNumber(2026, 42)).toBe("KAI-2026-00042");
    expect(formatTicketNumber(2026, 1)).toBe("KAI-2026-00001");
    expect(formatTicketNumber(2026, 99_999)).toBe("KAI-2026-99999");
    expect(formatTicketNumber(2026, 123_456)).toBe("KAI-2026-123456");
  });

  it("refuses what is not a year and a positive whole sequence", () => {
    for (const [year, sequence] of [[2026, 0], [2026, -1], [2026, 1.5], [26, 1], [20260, 1], [2026, Number.NaN]]) {
      expect(() => formatTicketNumber(year, sequence), `${year}/${sequence}`).toThrow(/Ungültige/);
    }
  });

  it("parses its own form, the prefix in any case", () => {
    expect(parseTicketNumber("KAI-2026-00042")).toEqual({ year: 2026, sequence: 42 });
    expect(parseTicketNumber("kai-2026-00042")).toEqual({ year: 2026, sequence: 42 });
    expect(parseTicketNumber("Kai-2027-123456")).toEqual({ year: 2027, sequence: 123_456 });
  });

  it("round-trips", () => {
    for (const sequence of [1, 42, 99_999, 100_000, 4_200_000]) {
      expect(parseTicketNumber(formatTicketNumber(2026, sequence))).toEqual({ year: 2026, sequence });
    }
  });

  it("is strict: no spaces, no other padding, no zero, nothing around it", () => {
    for (const text of [
      "KAI-2026-0042",
      "KAI-2026-000042",
      "KAI-2026-00000",
      "KAI-26-00042",
      "KAI 2026 00042",
      "KAI-2026-00042 ",
      " KAI-2026-00042",
      "[KAI-2026-00042]",
      "XKAI-2026-00042",
      "KAI-2026-00042a",
      "KAI–2026–00042",
      "",
    ]) {
      expect(parseTicketNumber(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("finds the number in a mail subject", () => {
    expect(findTicketNumber("AW: [KAI-2026-00042] Drucker")).toEqual({ year: 2026, sequence: 42 });
    expect(findTicketNumber("WG: AW: kai-2026-00042: Drucker druckt nicht")).toEqual({ year: 2026, sequence: 42 });
    expect(findTicketNumber("Re: Ticket KAI-2025-100001 (Rückfrage)")).toEqual({ year: 2025, sequence: 100_001 });
    expect(findTicketNumber("(KAI-2026-00042)")).toEqual({ year: 2026, sequence: 42 });
  });

  it("takes the first of several numbers", () => {
    expect(findTicketNumber("KAI-2026-00007 ersetzt KAI-2026-00003")).toEqual({ year: 2026, sequence: 7 });
  });

  it("finds nothing in look-alikes", () => {
    for (const text of [
      "AW: Drucker",
      "MAKAI-2026-00042",
      "KAI-2026-00042X",
      "KAI-2026-0004",
      "KAI-2026-000042",
      "KAI-2026-00042-1",
      "1KAI-2026-00042",
      "KAI-2026-00000",
    ]) {
      expect(findTicketNumber(text), text).toBeNull();
    }
  });

  it("skips a look-alike and finds the real number after it", () => {
    expect(findTicketNumber("KAI-2026-0004 bzw. KAI-2026-00042")).toEqual({ year: 2026, sequence: 42 });
  });
});
