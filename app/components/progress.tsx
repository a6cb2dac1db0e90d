import { formatNumber } from "~/modules/members/levy";

/**
 * A progress bar with its value in text (seminar fill level, newsletter sending): the text is what
 * people read, the bar only illustrates it, so it is hidden from screen readers.
 */
export function ProgressBar({ value, max, label, unit }: { value: number; max: number; label: string; unit?: string }) {
  const safeMax = Math.max(max, 0);
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = safeMax > 0 ? Math.round((clamped / safeMax) * 100) : 0;
  return (
    <div className="progress">
      <progress className="kern-progress" value={clamped} max={safeMax || 1} aria-hidden="true" />
      <p className="progress__text">
        {label}: {formatNumber(value)} von {formatNumber(max)}
        {unit ? ` ${unit}` : ""} ({percent} %)
      </p>
    </div>
  );
}
