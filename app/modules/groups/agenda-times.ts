/**
 * The timing of an agenda (issue 9, item 4): each item starts when the one before it ends,
 * counted from the meeting's start; an item without a planned duration takes no time. Pure: no
 * database, no clock, so the meeting page, the agenda email and the PDF show the same times.
 */
export interface TimedItem {
  startsAt: Date;
  endsAt: Date;
}

export interface AgendaTiming {
  items: TimedItem[];
  /** The planned minutes of all items together. */
  totalMinutes: number;
  meetingMinutes: number;
  /** How many minutes the agenda runs past the meeting's end (0 when it fits). */
  overrunMinutes: number;
  /** A German warning when the agenda is longer than the meeting, else null. */
  warning: string | null;
}

/** "45 Minuten", "1 Stunde", "2 Stunden 30 Minuten". */
export function describeMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const h = hours === 1 ? "1 Stunde" : `${hours} Stunden`;
  const m = rest === 1 ? "1 Minute" : `${rest} Minuten`;
  if (hours === 0) return m;
  return rest === 0 ? h : `${h} ${m}`;
}

export function agendaTimes(meeting: { startsAt: Date; endsAt: Date }, items: readonly { durationMinutes: number | null }[]): AgendaTiming {
  let cursor = meeting.startsAt.getTime();
  const timed = items.map((item) => {
    const startsAt = new Date(cursor);
    cursor += (item.durationMinutes ?? 0) * 60_000;
    return { startsAt, endsAt: new Date(cursor) };
  });
  const totalMinutes = items.reduce((sum, i) => sum + (i.durationMinutes ?? 0), 0);
  const meetingMinutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
  const overrunMinutes = Math.max(0, totalMinutes - meetingMinutes);
  return {
    items: timed,
    totalMinutes,
    meetingMinutes,
    overrunMinutes,
    warning: overrunMinutes
      ? `Die Tagesordnung dauert ${describeMinutes(totalMinutes)} und damit ${describeMinutes(overrunMinutes)} länger als die Sitzung (${describeMinutes(meetingMinutes)}). Bitte Punkte kürzen oder die Sitzung verlängern.`
      : null,
  };
}

/** New positions 1…n after moving one item up or down; null when it cannot move that way. */
export function moveInOrder<T extends { id: number }>(items: readonly T[], id: number, direction: "up" | "down"): T[] | null {
  const at = items.findIndex((i) => i.id === id);
  if (at < 0) return null;
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= items.length) return null;
  const next = [...items];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}
