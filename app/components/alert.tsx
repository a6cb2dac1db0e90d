import type { ReactNode } from "react";

export type AlertTone = "success" | "info" | "warning" | "danger";

const TONE_TITLE: Record<AlertTone, string> = {
  success: "Erfolg",
  info: "Hinweis",
  warning: "Achtung",
  danger: "Fehler",
};

/**
 * KERN's alert. `live` for messages that report an action (saved, sent, failed): they sit in an
 * aria-live region so screen readers announce them (ACCEPTANCE H40). Static notes are not live.
 */
export function Alert({ tone, title, live, children }: { tone: AlertTone; title?: string; live?: boolean; children?: ReactNode }) {
  const liveProps = live ? (tone === "danger" ? { role: "alert" } : { role: "status", "aria-live": "polite" as const }) : {};
  return (
    <div className={`kern-alert kern-alert--${tone}`} {...liveProps}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" />
        <span className="kern-title">{title ?? TONE_TITLE[tone]}</span>
      </div>
      {children ? <div className="kern-alert__body">{typeof children === "string" ? <p className="kern-body">{children}</p> : children}</div> : null}
    </div>
  );
}
