import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "~/components/button";
import { Dialog } from "~/components/dialog";

/** Warn this long before the idle expiry (ACCEPTANCE A4: at least 2 minutes; WCAG 2.2.1). */
export const WARN_BEFORE_MS = 5 * 60 * 1000;
/** The last minute: a warning closed with Esc comes back here, and it is announced. */
export const FINAL_WARNING_MS = 60 * 1000;

type Phase = "fine" | "warn" | "final" | "expired";
type Status = { idleRemainingMs: number; ended?: boolean };

/** Spoken once when the time left crosses each mark, not every second. */
const ANNOUNCEMENTS: [number, string][] = [
  [10 * 1000, "Ihre Anmeldung endet in 10 Sekunden."],
  [30 * 1000, "Ihre Anmeldung endet in 30 Sekunden."],
  [FINAL_WARNING_MS, "Ihre Anmeldung endet in einer Minute."],
  [2 * 60 * 1000, "Ihre Anmeldung endet in zwei Minuten."],
  [WARN_BEFORE_MS, "Ihre Anmeldung endet in fünf Minuten."],
];

function phaseOf(remaining: number): Phase {
  if (remaining <= 0) return "expired";
  if (remaining <= FINAL_WARNING_MS) return "final";
  if (remaining <= WARN_BEFORE_MS) return "warn";
  return "fine";
}

function announcementFor(remaining: number): string {
  if (remaining <= 0) return "";
  for (const [mark, text] of ANNOUNCEMENTS) if (remaining <= mark) return text;
  return "";
}

/** Back to this page after signing in again (the sign-in page accepts only same-origin paths). */
function signInUrl(reason: "abgelaufen" | "beendet") {
  const here = window.location.pathname + window.location.search;
  return `/anmelden?${reason}=1&redirectTo=${encodeURIComponent(here)}`;
}

/**
 * A modal warning before the idle timeout with a one-click extension. The server sends the time
 * left (not a timestamp), so a wrong client clock does not matter; the server stays the authority:
 * extending is a POST, and after expiry the page goes to the sign-in form, which brings the person
 * back here. Closing the warning (Esc, the native `cancel` event) only hides it: the session is not
 * extended, and the warning comes back for the last minute. The time left is announced at a few
 * marks in a live region that stays outside the dialog, so it is heard even while it is closed.
 */
export function SessionExpiryWarning({ idleRemainingMs }: { idleRemainingMs: number }) {
  const fetcher = useFetcher<{ idleRemainingMs?: number | null }>();
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  // The phase in which the person closed the warning; it stays closed for that phase only.
  const [dismissedIn, setDismissedIn] = useState<Phase | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const extendRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setDeadline(Date.now() + idleRemainingMs);
    setDismissedIn(null);
  }, [idleRemainingMs]);
  useEffect(() => {
    if (typeof fetcher.data?.idleRemainingMs === "number") {
      setDeadline(Date.now() + fetcher.data.idleRemainingMs);
      setDismissedIn(null);
    }
  }, [fetcher.data]);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const remaining = deadline === null ? Infinity : deadline - now;
  const phase = phaseOf(remaining);
  const checkKey = `${deadline}:${phase}`;
  // Confirmed with the server on entering each phase: another tab may have kept the session alive
  // meanwhile, or it may have been ended elsewhere.
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  useEffect(() => {
    if (phase === "fine" || deadline === null || confirmedKey === checkKey) return;
    let cancelled = false;
    fetch("/sitzung/status", { headers: { Accept: "application/json" } })
      .then((r) => r.json() as Promise<Status>)
      .then(({ idleRemainingMs, ended }) => {
        if (cancelled) return;
        if (idleRemainingMs <= 0) {
          window.location.assign(signInUrl(ended ? "beendet" : "abgelaufen"));
          return;
        }
        const serverDeadline = Date.now() + idleRemainingMs;
        if (Math.abs(serverDeadline - deadline) > 2000) setDeadline(serverDeadline);
        else setConfirmedKey(checkKey);
      })
      .catch(() => !cancelled && setConfirmedKey(checkKey));
    return () => {
      cancelled = true;
    };
  }, [phase, deadline, confirmedKey, checkKey]);
  const confirmed = confirmedKey === checkKey;
  const warning = phase === "warn" || phase === "final";
  const open = confirmed && warning && dismissedIn !== phase;

  useEffect(() => {
    if (confirmed && phase === "expired") window.location.assign(signInUrl("abgelaufen"));
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
  const announcement = confirmed && warning ? announcementFor(remaining) : "";

  return (
    <>
      {/* Outside the dialog: a modal dialog hides the rest of the page, a closed one hides itself. */}
      <div className="visually-hidden" role="status" aria-atomic="true" data-session-announcement="">
        {open ? "" : announcement}
      </div>
      <Dialog
        ref={dialogRef}
        id="session-expiry"
        title="Ihre Anmeldung läuft bald ab"
        // Esc: hide the warning for now; nothing is sent, the session is not extended.
        onCancel={() => setDismissedIn(phase)}
        footer={
          <div className="button-row">
            <fetcher.Form method="post" action="/sitzung/verlaengern">
              <Button ref={extendRef}>Angemeldet bleiben</Button>
            </fetcher.Form>
            <Form method="post" action="/abmelden">
              <Button variant="secondary">Abmelden</Button>
            </Form>
          </div>
        }
      >
        <p>
          Aus Sicherheitsgründen werden Sie nach 30 Minuten ohne Aktivität abgemeldet. Verbleibende Zeit:{" "}
          <strong>
            {minutes}:{String(seconds).padStart(2, "0")} Minuten
          </strong>
          .
        </p>
        <p className="visually-hidden" role="status" aria-atomic="true" data-session-announcement="">
          {open ? announcement : ""}
        </p>
      </Dialog>
    </>
  );
}
