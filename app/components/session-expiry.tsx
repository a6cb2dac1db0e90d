import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** Warn this long before the idle expiry (ACCEPTANCE A4: at least 2 minutes; WCAG 2.2.1). */
export const WARN_BEFORE_MS = 5 * 60 * 1000;

/**
 * A modal warning before the idle timeout with a one-click extension. The server stays the
 * authority: extending is a POST, and after expiry the page goes to the sign-in form.
 */
export function SessionExpiryWarning({ idleExpiresAt }: { idleExpiresAt: string }) {
  const fetcher = useFetcher<{ idleExpiresAt?: string }>();
  const [expiresAt, setExpiresAt] = useState(() => Date.parse(idleExpiresAt));
  const [now, setNow] = useState(() => Date.now());
  const dialogRef = useRef<HTMLDialogElement>(null);
  const extendRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setExpiresAt(Date.parse(idleExpiresAt)), [idleExpiresAt]);
  useEffect(() => {
    if (fetcher.data?.idleExpiresAt) setExpiresAt(Date.parse(fetcher.data.idleExpiresAt));
  }, [fetcher.data]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = expiresAt - now;
  const open = remaining <= WARN_BEFORE_MS && remaining > 0;

  useEffect(() => {
    if (remaining <= 0) window.location.assign("/anmelden?abgelaufen=1");
  }, [remaining]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      extendRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const minutes = Math.max(0, Math.floor(remaining / 60000));
  const seconds = Math.max(0, Math.floor((remaining % 60000) / 1000));

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="session-expiry-title" aria-describedby="session-expiry-text">
      <h2 id="session-expiry-title">Ihre Sitzung läuft bald ab</h2>
      <p id="session-expiry-text" aria-live="polite">
        Aus Sicherheitsgründen werden Sie nach 30 Minuten ohne Aktivität abgemeldet. Verbleibende Zeit:{" "}
        <strong>
          {minutes}:{String(seconds).padStart(2, "0")} Minuten
        </strong>
        .
      </p>
      <div className="button-row">
        <fetcher.Form method="post" action="/sitzung/verlaengern">
          <button ref={extendRef} type="submit" className="button">
            Sitzung verlängern
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
