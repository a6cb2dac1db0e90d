import type { ReactNode } from "react";

export type BadgeTone = "info" | "success" | "warning" | "danger";

/** KERN's badge: a short status word, never the only carrier of meaning (the text says it). */
export function Badge({ tone = "info", children, icon = false }: { tone?: BadgeTone; children: ReactNode; icon?: boolean }) {
  return (
    <span className={`kern-badge kern-badge--${tone}`}>
      {icon ? <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" /> : null}
      <span className="kern-label">{children}</span>
    </span>
  );
}

export const PRIORITIES = ["niedrig", "normal", "hoch", "kritisch"] as const;
export type Priority = (typeof PRIORITIES)[number];
const PRIORITY_TONE: Record<Priority, BadgeTone> = { niedrig: "info", normal: "info", hoch: "warning", kritisch: "danger" };

/** Ticket priority as a badge; the word is always shown, the colour only adds to it. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge tone={PRIORITY_TONE[priority]} icon={priority === "hoch" || priority === "kritisch"}>
      Priorität: {priority}
    </Badge>
  );
}

/** A status badge for a workflow state (offen, erledigt, abgelaufen …) with its tone. */
export function StatusBadge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <Badge tone={tone}>{children}</Badge>;
}
