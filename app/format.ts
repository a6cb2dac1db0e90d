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

export function formatDateTime(value: Date | string): string {
  return `${dateTime.format(new Date(value))} Uhr`;
}
export function formatDate(value: Date | string): string {
  return dateOnly.format(new Date(value));
}
export function formatTime(value: Date | string): string {
  return timeOnly.format(new Date(value));
}
/** "29.03.2026, 09:00–12:00 Uhr" or across days "…, 09:00 Uhr – 30.03.2026, 12:00 Uhr". */
export function formatRange(start: Date | string, end: Date | string): string {
  if (formatDate(start) === formatDate(end)) return `${formatDate(start)}, ${formatTime(start)}–${formatTime(end)} Uhr`;
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

/** Today's date in Berlin as "YYYY-MM-DD", whatever the server's TZ. */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
