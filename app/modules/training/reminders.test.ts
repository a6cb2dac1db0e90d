import { describe, expect, it } from "vitest";
import { reminderDueAt } from "./reminders";

const berlin = (iso: string) => new Date(iso);

describe("reminderDueAt (issue 8, item 7)", () => {
  it("is two working days before: Thursday's seminar on Tuesday at 08:00", () => {
    expect(reminderDueAt(berlin("2027-01-14T09:00:00+01:00"), "NI").toISOString()).toBe("2027-01-12T07:00:00.000Z");
  });

  it("skips the weekend: Monday's seminar on the Thursday before", () => {
    expect(reminderDueAt(berlin("2027-01-18T09:00:00+01:00"), "NW").toISOString()).toBe("2027-01-14T07:00:00.000Z");
  });

  it("skips public holidays: the Tuesday after Easter 2027 is reminded on the Wednesday before Good Friday", () => {
    // Good Friday 26 March 2027, Easter Monday 29 March 2027; Berlin is on CEST (UTC+2) from 28 March.
    expect(reminderDueAt(berlin("2027-03-30T09:00:00+02:00"), "NI").toISOString()).toBe("2027-03-24T07:00:00.000Z");
  });

  it("follows the centre's state: Corpus Christi is a holiday in NRW, not in Niedersachsen", () => {
    // Fronleichnam: Thursday 27 May 2027. A seminar on Monday 31 May.
    expect(reminderDueAt(berlin("2027-05-31T09:00:00+02:00"), "NI").toISOString()).toBe("2027-05-27T06:00:00.000Z");
    expect(reminderDueAt(berlin("2027-05-31T09:00:00+02:00"), "NW").toISOString()).toBe("2027-05-26T06:00:00.000Z");
  });

  it("uses Berlin days: a date at 00:30 local time belongs to its Berlin day, also across DST", () => {
    // Monday 29 March 2027 is Easter Monday; a seminar Wednesday 31 March 00:30 CEST = Tuesday 22:30 UTC.
    expect(reminderDueAt(berlin("2027-03-30T22:30:00Z"), "NI").toISOString()).toBe("2027-03-25T07:00:00.000Z");
  });

  it("a Saturday event is reminded on Thursday", () => {
    expect(reminderDueAt(berlin("2027-01-16T10:00:00+01:00"), "NI").toISOString()).toBe("2027-01-14T07:00:00.000Z");
  });
});
