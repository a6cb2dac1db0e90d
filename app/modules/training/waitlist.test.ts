import { describe, expect, it } from "vitest";
import { bookingsToPromote, placementOf } from "./waitlist";

const q = (...seats: number[]) => seats.map((s, i) => ({ bookingId: i + 1, seats: s }));

describe("waiting list: who moves up (issue 8 item 5, ACCEPTANCE G33)", () => {
  it("promotes the first person when one seat is freed", () => {
    expect(bookingsToPromote(1, q(1, 1, 1)).map((b) => b.bookingId)).toEqual([1]);
  });
  it("promotes several in order while seats are free", () => {
    expect(bookingsToPromote(3, q(1, 2, 1)).map((b) => b.bookingId)).toEqual([1, 2]);
  });
  it("promotes nobody when no seat is free", () => {
    expect(bookingsToPromote(0, q(1))).toEqual([]);
  });
  it("a group at the head waits until enough seats are free, and the single person behind it does not jump the queue", () => {
    expect(bookingsToPromote(2, q(3, 1))).toEqual([]);
    expect(bookingsToPromote(3, q(3, 1)).map((b) => b.bookingId)).toEqual([1]);
    expect(bookingsToPromote(4, q(3, 1)).map((b) => b.bookingId)).toEqual([1, 2]);
  });
  it("an empty queue promotes nobody", () => {
    expect(bookingsToPromote(5, [])).toEqual([]);
  });
});

describe("waiting list: where a new booking goes", () => {
  it("is confirmed while seats are free and nobody waits", () => {
    expect(placementOf({ capacity: 10, confirmedSeats: 9, waitingBookings: 0, seats: 1 })).toBe("bestaetigt");
  });
  it("waits when the seats do not suffice", () => {
    expect(placementOf({ capacity: 10, confirmedSeats: 10, waitingBookings: 0, seats: 1 })).toBe("wartend");
    expect(placementOf({ capacity: 10, confirmedSeats: 8, waitingBookings: 0, seats: 3 })).toBe("wartend");
  });
  it("waits behind anyone already waiting, even when a seat is free", () => {
    expect(placementOf({ capacity: 10, confirmedSeats: 8, waitingBookings: 1, seats: 1 })).toBe("wartend");
  });
});
