import type { ReactNode } from "react";

/**
 * A data table that may scroll sideways on narrow screens without scrolling the page (no
 * horizontal scroll at 320 px). The scroll region is focusable and named so keyboard users can
 * scroll it (ACCEPTANCE H39/H40); the caption names the table itself.
 */
export function ScrollableTable({ label, caption, children }: { label: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
