import { describe, expect, it } from "vitest";
import { agendaTimes, describeMinutes, moveInOrder } from "./agenda-times";

const at = (iso: string) => new Date(iso);

describe("agenda times (issue 9, item 4)", () => {
  it("starts each item when the one before ends, from the meeting's start", () => {
    const timing = agendaTimes({ startsAt: at("2027-03-10T09:00:00Z"), endsAt: at("2027-03-10T11:00:00Z") }, [
      { durationMinutes: 10 },
      { durationMinutes: null },
      { durationMinutes: 45 },
      { durationMinutes: 30 },
    ]);
    expect(timing.items.map((i) => i.startsAt.toISOString().slice(11, 16))).toEqual(["09:00", "09:10", "09:10", "09:55"]);
    expect(timing.items[3].endsAt.toISOString().slice(11, 16)).toBe("10:25");
    expect(timing.totalMinutes).toBe(85);
    expect(timing.meetingMinutes).toBe(120);
    expect(timing.overrunMinutes).toBe(0);
    expect(timing.warning).toBeNull();
  });

  it("warns in German when the agenda runs longer than the meeting", () => {
    const timing = agendaTimes({ startsAt: at("2027-03-10T09:00:00Z"), endsAt: at("2027-03-10T10:00:00Z") }, [{ durationMinutes: 60 }, { durationMinutes: 31 }]);
    expect(timing.overrunMinutes).toBe(31);
    expect(timing.warning).toBe(
      "Die Tagesordnung dauert 1 Stunde 31 Minuten und damit 31 Minuten länger als die Sitzung (1 Stunde). Bitte Punkte kürzen oder die Sitzung verlängern.",
    );
  });

  it("handles an empty agenda", () => {
    expect(agendaTimes({ startsAt: at("2027-03-10T09:00:00Z"), endsAt: at("2027-03-10T10:00:00Z") }, [])).toMatchObject({ items: [], totalMinutes: 0, warning: null });
  });

  it("says durations in German", () => {
    expect(describeMinutes(1)).toBe("1 Minute");
    expect(describeMinutes(45)).toBe("45 Minuten");
    expect(describeMinutes(60)).toBe("1 Stunde");
    expect(describeMinutes(150)).toBe("2 Stunden 30 Minuten");
  });

  it("moves an item up or down, and not past either end", () => {
    const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(moveInOrder(items, 2, "up")?.map((i) => i.id)).toEqual([2, 1, 3]);
    expect(moveInOrder(items, 2, "down")?.map((i) => i.id)).toEqual([1, 3, 2]);
    expect(moveInOrder(items, 1, "up")).toBeNull();
    expect(moveInOrder(items, 3, "down")).toBeNull();
    expect(moveInOrder(items, 9, "up")).toBeNull();
  });
});
