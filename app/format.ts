/** German dates and times, always in Europe/Berlin whatever the server's TZ. */
const dateTime = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit" });

/**
 * Intl formatting costs a few microseconds a call, and pages with long lists format the same
 * days again and again (the meeting page's 100 open tasks in the bench, issue 9 item 10). Each
 * formatter remembers its answers, at most MEMO_SIZE of them; then it starts afresh.
 */
const MEMO_SIZE = 5_000;
function remembered(format: (value: Date) => string): (value: Date | string) => string {
  const memo = new Map<string | number, string>();
  return (value) => {
    const key = typeof value === "string" ? value : value.getTime();
    let text = memo.get(key);
    if (text === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(key, (text = format(new Date(value))));
    }
    return text;
  };
}

export const formatDateTime: (value: Date | string) => string = remembered((d) => `${dateTime.format(d)} Uhr`);
export const formatDate: (value: Date | string) => string = remembered((d) => dateOnly.format(d));
export const formatTime: (value: Date | string) => string = remembered((d) => timeOnly.format(d));
/** "29.03.2026, 09:00–12:00 Uhr" or across days "…, 09:00 Uhr – 30.03.2026, 12:00 Uhr". */
export function formatRange(start: Date | string, end: Date | string): string {
  if (formatDate(start) === formatDate(end)) return `${formatDate(start)}, ${formatTime(start)}–${formatTime(end)} Uhr`;
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

/** The current year in Berlin (ticket numbers, the examples in hints). */
export function berlinYear(now: Date = new Date()): number {
  return Number(berlinToday(now).slice(0, 4));
}

/** Today's date in Berlin as "YYYY-MM-DD", whatever the server's TZ. */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
