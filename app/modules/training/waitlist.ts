/**
 * The waiting-list rule (issue 8 item 5, ADR 018). The queue is strictly first come, first served:
 * bookings move up in the order they were made, a group booking (several seats) as a whole. When
 * the head of the queue does not fit into the free seats, nobody behind it moves up, not even a
 * single person who would fit: a group that waited longer is not overtaken. A new booking joins
 * the end of the queue whenever anyone is waiting, even if seats are free at that moment.
 */
export interface QueuedBooking {
  bookingId: number;
  seats: number;
}

/** The bookings to promote now, in order, given the free seats and the queue (oldest first). */
export function bookingsToPromote(freeSeats: number, queue: QueuedBooking[]): QueuedBooking[] {
  const promoted: QueuedBooking[] = [];
  let free = freeSeats;
  for (const booking of queue) {
    if (booking.seats > free) break;
    promoted.push(booking);
    free -= booking.seats;
  }
  return promoted;
}

/** Whether a new booking of `seats` is confirmed at once, or waits. */
export function placementOf(args: { capacity: number; confirmedSeats: number; waitingBookings: number; seats: number }): "bestaetigt" | "wartend" {
  if (args.waitingBookings > 0) return "wartend";
  return args.confirmedSeats + args.seats <= args.capacity ? "bestaetigt" : "wartend";
}
