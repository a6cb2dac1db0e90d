import { describe, expect, it } from "vitest";
import {
  addBusinessTime,
  businessTimeBetween,
  CENTRE_HOLIDAY_STATE,
  centreBusinessHours,
  HOUR,
  holidayStateOf,
  isWorkingDate,
  publicHolidays,
  workingDaysBefore,
} from "./business-hours";

const nord = centreBusinessHours("nord"); // Niedersachsen
const west = centreBusinessHours("west"); // Nordrhein-Westfalen
const at = (iso: string) => new Date(iso);
const due = (startIso: string, hours: number, config = nord) => addBusinessTime(at(startIso), hours * HOUR, config).toISOString();

describe("business hours of a centre (issue 7, item 11)", () => {
  it("maps the centres to their states: Nord and Mitte Niedersachsen, West and Süd Nordrhein-Westfalen", () => {
    expect(CENTRE_HOLIDAY_STATE).toEqual({ nord: "NI", mitte: "NI", west: "NW", sued: "NW" });
    expect(centreBusinessHours("mitte").holidayState).toBe("NI");
    expect(centreBusinessHours("sued").holidayState).toBe("NW");
  });

  it("counts Mon–Fri 08:00–16:00 Europe/Berlin and skips the weekend", () => {
    // Fri 6 March 2026 14:00 CET: 2 h on Friday, 2 h on Monday from 08:00 CET.
    expect(due("2026-03-06T13:00:00.000Z", 4)).toBe("2026-03-09T09:00:00.000Z");
    expect(businessTimeBetween(at("2026-03-06T13:00:00Z"), at("2026-03-09T09:00:00Z"), nord)).toBe(4 * HOUR);
    // A whole week is five days of 8 h.
    expect(businessTimeBetween(at("2026-03-09T00:00:00Z"), at("2026-03-16T00:00:00Z"), nord)).toBe(40 * HOUR);
  });

  it("gives no business time for a reversed or empty interval, and a zero duration stays put", () => {
    expect(businessTimeBetween(at("2026-03-09T12:00:00Z"), at("2026-03-09T09:00:00Z"), nord)).toBe(0);
    expect(businessTimeBetween(at("2026-03-07T09:00:00Z"), at("2026-03-08T15:00:00Z"), nord)).toBe(0); // Sat–Sun
    expect(addBusinessTime(at("2026-03-07T09:00:00Z"), 0, nord).toISOString()).toBe("2026-03-07T09:00:00.000Z");
  });

  it("starts the clock at the next opening for a ticket filed in the evening, at night or on Saturday", () => {
    expect(due("2026-03-10T17:00:00.000Z", 1)).toBe("2026-03-11T08:00:00.000Z"); // Tue 18:00 → Wed 09:00 CET
    expect(due("2026-03-11T05:00:00.000Z", 1)).toBe("2026-03-11T08:00:00.000Z"); // Wed 06:00 → Wed 09:00 CET
    expect(due("2026-03-07T09:00:00.000Z", 1)).toBe("2026-03-09T08:00:00.000Z"); // Sat 10:00 → Mon 09:00 CET
    // A duration that ends exactly at closing time ends there, not at the next opening.
    expect(due("2026-03-09T07:00:00.000Z", 8)).toBe("2026-03-09T15:00:00.000Z");
  });

  it("keeps 08:00–16:00 local across the spring DST change (ticket opened the Friday before)", () => {
    // Fri 27 March 2026 15:00 CET; clocks go forward on Sun 29 March; Mon 08:00 CEST is 06:00 UTC.
    expect(due("2026-03-27T14:00:00.000Z", 4)).toBe("2026-03-30T09:00:00.000Z");
    expect(businessTimeBetween(at("2026-03-27T14:00:00Z"), at("2026-03-30T09:00:00Z"), nord)).toBe(4 * HOUR);
    expect(businessTimeBetween(at("2026-03-30T00:00:00Z"), at("2026-03-31T00:00:00Z"), nord)).toBe(8 * HOUR);
  });

  it("keeps 08:00–16:00 local across the autumn DST change (ticket opened the Friday before)", () => {
    // Fri 23 October 2026 15:00 CEST; clocks go back on Sun 25 October; Mon 08:00 CET is 07:00 UTC.
    expect(due("2026-10-23T13:00:00.000Z", 4)).toBe("2026-10-26T10:00:00.000Z");
    expect(businessTimeBetween(at("2026-10-23T13:00:00Z"), at("2026-10-26T10:00:00Z"), nord)).toBe(4 * HOUR);
  });

  it("takes public holidays from date-holidays, public ones only, per state", () => {
    const ni = publicHolidays("NI", 2026);
    const nw = publicHolidays("NW", 2026);
    expect(ni.has("2026-10-31")).toBe(true); // Reformationstag: Niedersachsen only
    expect(nw.has("2026-10-31")).toBe(false);
    expect(nw.has("2026-06-04")).toBe(true); // Fronleichnam: NRW only
    expect(ni.has("2026-06-04")).toBe(false);
    expect(nw.has("2026-11-01")).toBe(true); // Allerheiligen: NRW only
    expect(ni.has("2026-11-01")).toBe(false);
    for (const both of [ni, nw]) {
      expect(both.has("2026-12-25") && both.has("2026-12-26") && both.has("2026-01-01")).toBe(true);
      expect(both.has("2026-12-24") || both.has("2026-12-31")).toBe(false); // observances, not public holidays
    }
    expect([...ni].sort()).toEqual([
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
      "2026-10-03", "2026-10-31", "2026-12-25", "2026-12-26",
    ]);
  });

  it("computes a state's holidays once per year and hands out the cached set", () => {
    expect(publicHolidays("NW", 2031)).toBe(publicHolidays("NW", 2031));
    expect(publicHolidays("NW", 2031)).not.toBe(publicHolidays("NI", 2031));
  });

  it("skips Fronleichnam in West (NRW) but not in Nord (Niedersachsen)", () => {
    // Wed 3 June 2026 15:00 CEST + 4 h; Thu 4 June is Fronleichnam.
    expect(due("2026-06-03T13:00:00.000Z", 4, nord)).toBe("2026-06-04T09:00:00.000Z");
    expect(due("2026-06-03T13:00:00.000Z", 4, west)).toBe("2026-06-05T09:00:00.000Z");
  });

  it("skips Reformationstag in Nord (Niedersachsen) but not in West (NRW)", () => {
    // Thu 30 October 2025 15:00 CET + 4 h; Fri 31 October 2025 is Reformationstag.
    expect(due("2025-10-30T14:00:00.000Z", 4, west)).toBe("2025-10-31T10:00:00.000Z");
    expect(due("2025-10-30T14:00:00.000Z", 4, nord)).toBe("2025-11-03T10:00:00.000Z");
  });

  it("skips Allerheiligen in West only, right after the DST change", () => {
    // Fri 29 October 2027 15:00 CEST + 4 h; clocks go back on Sun 31 October; Mon 1 November is Allerheiligen.
    expect(due("2027-10-29T13:00:00.000Z", 4, nord)).toBe("2027-11-01T10:00:00.000Z");
    expect(due("2027-10-29T13:00:00.000Z", 4, west)).toBe("2027-11-02T10:00:00.000Z");
  });

  it("skips Christmas and New Year's Day; 24 and 31 December are business days unless the centre closes", () => {
    // Thu 24 Dec 2026 14:00 CET + 4 h: 2 h on the 24th, Fri 25th holiday, weekend, Mon 28th 08:00 + 2 h.
    expect(due("2026-12-24T13:00:00.000Z", 4)).toBe("2026-12-28T09:00:00.000Z");
    // Thu 31 Dec 2026 12:00 CET + 8 h: 4 h on the 31st, Fri 1 Jan 2027 holiday, weekend, Mon 4 Jan 12:00.
    expect(due("2026-12-31T11:00:00.000Z", 8)).toBe("2027-01-04T11:00:00.000Z");
    expect(businessTimeBetween(at("2026-12-24T00:00:00Z"), at("2027-01-05T00:00:00Z"), west)).toBe(6 * 8 * HOUR);
  });

  it("counts whole years: 254 business days in Niedersachsen in 2026, 253 in NRW (Fronleichnam)", () => {
    // 261 weekdays; on weekdays fall Neujahr, Karfreitag, Ostermontag, 1. Mai, Himmelfahrt, Pfingstmontag, 1. Weihnachtstag.
    const year2026 = [at("2025-12-31T23:00:00Z"), at("2026-12-31T23:00:00Z")] as const;
    expect(businessTimeBetween(...year2026, nord)).toBe(254 * 8 * HOUR);
    expect(businessTimeBetween(...year2026, west)).toBe(253 * 8 * HOUR);
    expect(due("2025-12-31T23:00:00.000Z", 254 * 8, nord)).toBe("2026-12-31T15:00:00.000Z");
  });

  it("skips a centre's own closing days", () => {
    const closed = centreBusinessHours("nord", { closingDays: ["2026-12-24", "2026-12-31"] });
    // Wed 23 Dec 2026 14:00 CET + 4 h: without closing days Thu 24th 10:00, with them Mon 28th 10:00.
    expect(due("2026-12-23T13:00:00.000Z", 4, nord)).toBe("2026-12-24T09:00:00.000Z");
    expect(due("2026-12-23T13:00:00.000Z", 4, closed)).toBe("2026-12-28T09:00:00.000Z");
    expect(businessTimeBetween(at("2026-12-24T00:00:00Z"), at("2027-01-05T00:00:00Z"), closed)).toBe(4 * 8 * HOUR);
  });

  it("uses a centre's own opening hours per weekday", () => {
    const short = { opens: "07:30", closes: "12:00" };
    const long = { opens: "07:30", closes: "16:30" };
    const config = centreBusinessHours("sued", { openingHours: { 1: long, 2: long, 3: long, 4: long, 5: short } });
    // Fri 6 March 2026 11:00 CET + 3 h: 1 h on Friday until 12:00, Mon 07:30 + 2 h = 09:30 CET.
    expect(due("2026-03-06T10:00:00.000Z", 3, config)).toBe("2026-03-09T08:30:00.000Z");
    expect(businessTimeBetween(at("2026-03-09T00:00:00Z"), at("2026-03-16T00:00:00Z"), config)).toBe(4 * 9 * HOUR + 4.5 * HOUR);
  });

  it("says so in German when no day in the next two years is open", () => {
    const mondays: string[] = [];
    for (let day = new Date("2026-01-05T12:00:00Z"); day.getUTCFullYear() < 2030; day.setUTCDate(day.getUTCDate() + 7)) {
      mondays.push(day.toISOString().slice(0, 10));
    }
    const mondaysOnly = centreBusinessHours("nord", { openingHours: { 1: { opens: "08:00", closes: "16:00" } }, closingDays: mondays });
    expect(() => addBusinessTime(at("2026-03-09T12:00:00Z"), HOUR, mondaysOnly)).toThrow(
      "In den nächsten zwei Jahren ist an keinem Tag geöffnet; bitte die Geschäftszeiten prüfen.",
    );
  });

  it("rejects business hours a person typed wrongly, with a German message", () => {
    expect(() => centreBusinessHours("nord", { openingHours: { 1: { opens: "8:00", closes: "16:00" } } })).toThrow(
      "Ungültige Uhrzeit „8:00“: erwartet wird HH:MM, z. B. 08:00.",
    );
    expect(() => centreBusinessHours("nord", { openingHours: { 1: { opens: "16:00", closes: "08:00" } } })).toThrow(
      "Die Öffnungszeit 16:00–08:00 endet nicht nach ihrem Beginn.",
    );
    expect(() => centreBusinessHours("nord", { openingHours: {} })).toThrow("Es ist an keinem Wochentag geöffnet.");
    expect(() => centreBusinessHours("nord", { closingDays: ["24.12.2026"] })).toThrow(
      `Ungültiger Schließtag „24.12.2026“: erwartet wird ein Datum wie ${new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", year: "numeric" }).format(new Date())}-12-24.`,
    );
    expect(() => centreBusinessHours("nord", { closingDays: ["2026-02-30"] })).toThrow("Ungültiger Schließtag „2026-02-30“");
    expect(() => centreBusinessHours("nord", { timeZone: "Europe/Hannover" })).toThrow("Unbekannte Zeitzone „Europe/Hannover“.");
  });
});

describe("holidays of the members' other states and working days (issue 9, item 7)", () => {
  it("knows Schleswig-Holstein and Mecklenburg-Vorpommern: Reformationstag in SH, MV and NI, not NW", () => {
    for (const state of ["SH", "MV", "NI"] as const) expect(publicHolidays(state, 2026).has("2026-10-31"), state).toBe(true);
    expect(publicHolidays("NW", 2026).has("2026-10-31")).toBe(false);
    // Before 2018 the day was a holiday in MV only (2017 was a one-off everywhere, the 500th anniversary).
    expect(publicHolidays("MV", 2016).has("2016-10-31")).toBe(true);
    expect(publicHolidays("SH", 2016).has("2016-10-31")).toBe(false);
    expect(publicHolidays("NI", 2016).has("2016-10-31")).toBe(false);
  });

  it("has Internationaler Frauentag (8 March) in Mecklenburg-Vorpommern from 2023 on only", () => {
    expect(publicHolidays("MV", 2023).has("2023-03-08")).toBe(true);
    expect(publicHolidays("MV", 2027).has("2027-03-08")).toBe(true);
    expect(publicHolidays("MV", 2022).has("2022-03-08")).toBe(false);
    for (const state of ["SH", "NI", "NW"] as const) expect(publicHolidays(state, 2027).has("2027-03-08"), state).toBe(false);
    expect([...publicHolidays("SH", 2026)].sort()).toEqual([
      "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
      "2026-10-03", "2026-10-31", "2026-12-25", "2026-12-26",
    ]);
    expect(publicHolidays("MV", 2026).size).toBe(11);
  });

  it("maps a municipality's state name to its code; none or unknown is Niedersachsen, KAI's seat", () => {
    expect(holidayStateOf("Schleswig-Holstein")).toBe("SH");
    expect(holidayStateOf("Mecklenburg-Vorpommern")).toBe("MV");
    expect(holidayStateOf("Nordrhein-Westfalen")).toBe("NW");
    expect(holidayStateOf("Niedersachsen")).toBe("NI");
    expect(holidayStateOf(null)).toBe("NI");
    expect(holidayStateOf("Bayern")).toBe("NI");
  });

  it("tells working dates: weekdays that are not the state's holidays", () => {
    expect(isWorkingDate("2027-03-08", "MV")).toBe(false);
    expect(isWorkingDate("2027-03-08", "NI")).toBe(true);
    expect(isWorkingDate("2026-03-07", "NI")).toBe(false); // Saturday
    expect(isWorkingDate("2026-12-24", "NI")).toBe(true); // Heiligabend is no public holiday
  });

  it("counts three working days back, skipping weekends and the state's holidays; the date itself never counts", () => {
    expect(workingDaysBefore("2026-03-12", 3, "NI")).toBe("2026-03-09"); // Thu → Mon
    expect(workingDaysBefore("2026-03-09", 3, "NI")).toBe("2026-03-04"); // Mon → Wed before
    expect(workingDaysBefore("2026-03-08", 3, "NI")).toBe("2026-03-04"); // a Sunday due date: Fri, Thu, Wed
    // Reformationstag on Friday 31 October 2025: skipped in NI, SH, MV, counted in NW.
    for (const state of ["NI", "SH", "MV"] as const) expect(workingDaysBefore("2025-11-04", 3, state), state).toBe("2025-10-29");
    expect(workingDaysBefore("2025-11-04", 3, "NW")).toBe("2025-10-30");
    // Frauentag on Monday 8 March 2027 in MV only.
    expect(workingDaysBefore("2027-03-11", 3, "MV")).toBe("2027-03-05");
    expect(workingDaysBefore("2027-03-11", 3, "SH")).toBe("2027-03-08");
    // Across Christmas and a year: 25/26 December and New Year.
    expect(workingDaysBefore("2027-01-04", 3, "NI")).toBe("2026-12-29");
    expect(workingDaysBefore("2026-12-29", 3, "NI")).toBe("2026-12-23");
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    expect(workingDaysBefore("2026-04-08", 3, "NW")).toBe("2026-04-01");
    expect(() => workingDaysBefore("2026-02-30", 3, "NI")).toThrow();
    expect(() => workingDaysBefore("2026-03-12", 0, "NI")).toThrow();
  });
});
