import type { ReactNode } from "react";

/** What a list shows when it has nothing: says so plainly, and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children ? <div>{children}</div> : null}
      {action ? <div className="button-row">{action}</div> : null}
    </div>
  );
}
