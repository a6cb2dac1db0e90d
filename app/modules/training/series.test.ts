import { describe, expect, it } from "vitest";
import { berlinInstant, deadlineToDate, defaultDeadline, describeSlot, endOfBerlinDay, expandSeminarDates, expandWeekly, normaliseTime, slotToRow } from "./series";

const iso = (d: Date) => d.toISOString();

describe("seminar dates: series expansion across DST (issue 8, items 1 and 11)", () => {
  it("a Tuesday series over the end of March keeps 09:00–16:00 Berlin time (UTC shifts by an hour)", () => {
    // 30 March 2027 is the Tuesday after the switch to summer time (Sunday 28 March).
    const slots = expandWeekly({ firstDate: "2027-03-16", start: "09:00", end: "16:00", weeks: 4 });
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2027-03-16T08:00:00.000Z", "2027-03-23T08:00:00.000Z", "2027-03-30T07:00:00.000Z", "2027-04-06T07:00:00.000Z"]);
    expect(slots.map((s) => iso(s.endsAt))).toEqual(["2027-03-16T15:00:00.000Z", "2027-03-23T15:00:00.000Z", "2027-03-30T14:00:00.000Z", "2027-04-06T14:00:00.000Z"]);
    expect(slots.map(describeSlot)).toEqual(["16.03.2027, 09:00–16:00", "23.03.2027, 09:00–16:00", "30.03.2027, 09:00–16:00", "06.04.2027, 09:00–16:00"]);
  });

  it("a Tuesday series over the end of October keeps 09:00 too (UTC shifts back)", () => {
    // Clocks go back on Sunday 31 October 2027.
    const slots = expandWeekly({ firstDate: "2027-10-19", start: "09:00", end: "12:30", weeks: 3 });
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2027-10-19T07:00:00.000Z", "2027-10-26T07:00:00.000Z", "2027-11-02T08:00:00.000Z"]);
    expect(slots.map((s) => slotToRow(s))).toEqual([
      { date: "2027-10-19", start: "09:00", end: "12:30" },
      { date: "2027-10-26", start: "09:00", end: "12:30" },
      { date: "2027-11-02", start: "09:00", end: "12:30" },
    ]);
    // Each week is 7 × 24 hours apart, except across the switch: 7 × 24 + 1.
    const gaps = slots.slice(1).map((s, i) => (s.startsAt.getTime() - slots[i].startsAt.getTime()) / 3_600_000);
    expect(gaps).toEqual([168, 169]);
  });

  it("refuses a time the clocks skip on the spring-forward day, in German", () => {
    const skipped = berlinInstant("2027-03-28", "02:30");
    expect(skipped).toMatchObject({ ok: false, on: "time" });
    expect(!skipped.ok && skipped.message).toBe("Am 28.03.2027 gibt es 02:30 Uhr nicht: In dieser Nacht wird die Uhr von 02:00 auf 03:00 Uhr vorgestellt.");
    // The same time on the autumn day exists twice; Luxon takes the later one (winter time, +01:00).
    const autumn = berlinInstant("2027-10-31", "02:30");
    expect(autumn.ok && autumn.value.toUTC().toISO()).toBe("2027-10-31T01:30:00.000Z");
    // A Sunday series at 02:30 fails in the week that hits the switch, naming it.
    const { issues } = expandSeminarDates({ series: { firstDate: "2027-03-14", start: "02:30", end: "04:00", weeks: 3 } });
    expect(issues).toEqual([{ path: "seriesStart", message: expect.stringContaining("Am 28.03.2027 gibt es 02:30 Uhr nicht") }]);
  });

  it("mixes explicit dates and a series, sorted; blank rows are ignored, ids kept", () => {
    const { slots, issues } = expandSeminarDates({
      dates: [{ id: 7, date: "2027-01-14", start: "9:00", end: "16.00" }, { date: "", start: "", end: "" }, null],
      series: { firstDate: "2027-01-05", start: "13:00", end: "15:00", weeks: 2 },
    });
    expect(issues).toEqual([]);
    expect(slots.map(describeSlot)).toEqual(["05.01.2027, 13:00–15:00", "12.01.2027, 13:00–15:00", "14.01.2027, 09:00–16:00"]);
    expect(slots.map((s) => s.id)).toEqual([undefined, undefined, 7]);
  });

  it("names the field of each mistake", () => {
    expect(expandSeminarDates({ dates: [] }).issues).toEqual([{ path: "dates[0].date", message: "Bitte mindestens einen Termin angeben." }]);
    expect(expandSeminarDates({ dates: [{ date: "2027-02-31", start: "09:00", end: "10:00" }] }).issues).toEqual([{ path: "dates[0].date", message: "Den 31.02.2027 gibt es nicht." }]);
    expect(expandSeminarDates({ dates: [{ date: "2027-02-01", start: "9 Uhr", end: "10:00" }] }).issues).toEqual([{ path: "dates[0].start", message: "Bitte eine Uhrzeit wie 09:00 angeben." }]);
    expect(expandSeminarDates({ dates: [{ date: "2027-02-01", start: "10:00", end: "09:00" }] }).issues).toEqual([{ path: "dates[0].end", message: "Das Ende muss nach dem Beginn liegen." }]);
    expect(expandSeminarDates({ dates: [{ date: "2027-02-01", start: "10:00" }] }).issues).toEqual([{ path: "dates[0].end", message: "Bitte die Endzeit angeben." }]);
    expect(expandSeminarDates({ series: { firstDate: "2027-02-01", start: "10:00", end: "12:00", weeks: 1 } }).issues).toEqual([{ path: "seriesWeeks", message: "Bitte die Zahl der Wochen angeben (2 bis 52)." }]);
    expect(
      expandSeminarDates({ dates: [{ date: "2027-02-01", start: "09:00", end: "12:00" }, { date: "2027-02-01", start: "11:00", end: "13:00" }] }).issues,
    ).toEqual([{ path: "dates", message: "Zwei Termine überschneiden sich: 01.02.2027, 09:00–12:00 und 01.02.2027, 11:00–13:00." }]);
  });

  it("deadlines are the end of a Berlin day", () => {
    expect(normaliseTime("0930")).toBe("09:30");
    expect(iso(endOfBerlinDay("2027-03-27")!)).toBe("2027-03-27T23:00:00.000Z");
    expect(iso(endOfBerlinDay("2027-03-28")!)).toBe("2027-03-28T22:00:00.000Z");
    expect(deadlineToDate(endOfBerlinDay("2027-03-28")!)).toBe("2027-03-28");
    // Seven days before a 09:00 date on 2 April 2027: until the end of 26 March.
    const d = defaultDeadline(new Date("2027-04-02T07:00:00Z"), 7);
    expect(deadlineToDate(d)).toBe("2027-03-26");
    expect(iso(d)).toBe("2027-03-26T23:00:00.000Z");
  });
});
