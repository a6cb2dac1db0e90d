import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** Warn this long before the idle expiry (ACCEPTANCE A4: at least 2 minutes; WCAG 2.2.1). */
export const WARN_BEFORE_MS = 5 * 60 * 1000;

/**
 * A modal warning before the idle timeout with a one-click extension. The server sends the time
 * left (not a timestamp), so a wrong client clock does not matter; the server stays the authority:
 * extending is a POST, and after expiry the page goes to the sign-in form.
 */
export function SessionExpiryWarning({ idleRemainingMs }: { idleRemainingMs: number }) {
  const fetcher = useFetcher<{ idleRemainingMs?: number | null }>();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const extendRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setDeadline(Date.now() + idleRemainingMs), [idleRemainingMs]);
  useEffect(() => {
    if (typeof fetcher.data?.idleRemainingMs === "number") setDeadline(Date.now() + fetcher.data.idleRemainingMs);
  }, [fetcher.data]);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = deadline === null ? Infinity : deadline - now;
  const phase = remaining <= 0 ? "expired" : remaining <= WARN_BEFORE_MS ? "warn" : "fine";
  const checkKey = `${deadline}:${phase}`;
  // Confirmed with the server before warning and again before signing out: another tab may have
  // kept the session alive meanwhile.
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  useEffect(() => {
    if (phase === "fine" || deadline === null || confirmedKey === checkKey) return;
    let cancelled = false;
    fetch("/sitzung/status", { headers: { Accept: "application/json" } })
      .then((r) => r.json() as Promise<{ idleRemainingMs: number }>)
      .then(({ idleRemainingMs }) => {
        if (cancelled) return;
        const serverDeadline = Date.now() + idleRemainingMs;
        if (serverDeadline - deadline > 1000) setDeadline(serverDeadline);
        else setConfirmedKey(checkKey);
      })
      .catch(() => !cancelled && setConfirmedKey(checkKey));
    return () => {
      cancelled = true;
    };
  }, [phase, deadline, confirmedKey, checkKey]);
  const confirmed = confirmedKey === checkKey;
  const open = confirmed && phase === "warn";

  useEffect(() => {
    if (confirmed && phase === "expired") window.location.assign("/anmelden?abgelaufen=1");
  }, [confirmed, phase]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      extendRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const minutes = Number.isFinite(remaining) ? Math.max(0, Math.floor(remaining / 60000)) : 0;
  const seconds = Number.isFinite(remaining) ? Math.max(0, Math.floor((remaining % 60000) / 1000)) : 0;

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="session-expiry-title" aria-describedby="session-expiry-text">
      <h2 id="session-expiry-title">Ihre Anmeldung läuft bald ab</h2>
      <p id="session-expiry-text">
        Aus Sicherheitsgründen werden Sie nach 30 Minuten ohne Aktivität abgemeldet. Verbleibende Zeit:{" "}
        <strong>
          {minutes}:{String(seconds).padStart(2, "0")} Minuten
        </strong>
        .
      </p>
      <div className="button-row">
        <fetcher.Form method="post" action="/sitzung/verlaengern">
          <button ref={extendRef} type="submit" className="button">
            Angemeldet bleiben
          </button>
        </fetcher.Form>
        <Form method="post" action="/abmelden">
          <button type="submit" className="button button--secondary">
            Abmelden
          </button>
        </Form>
      </div>
    </dialog>
  );
}
