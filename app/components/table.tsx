import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";

export interface Column<Row> {
  /** Stable key; also the sort key when `sortable` (checked against the allow-list by the loader). */
  key: string;
  header: ReactNode;
  /** The label each cell carries in the stacked (narrow) layout; defaults to the header text. */
  label?: string;
  cell: (row: Row) => ReactNode;
  numeric?: boolean;
  /** This column names the row (`<th scope="row">`). */
  rowHeader?: boolean;
  sortable?: boolean;
}

export interface TableSort {
  /** Search parameter names; the loader validates the values against its allow-list (ACCEPTANCE D18). */
  param?: string;
  key: string | null;
  direction: "asc" | "desc";
}

/**
 * The kit's data table, in KERN's markup: a caption, `scope` on every header, numbers aligned
 * right. It never makes the page scroll sideways: the table sits in its own focusable, named
 * region that scrolls when the table is wider than its column. When that column is narrower than
 * 40rem (a container query, so a table in a narrow card stacks too), it either stacks each row as
 * a card whose cells carry their column label (`layout="stack"`, the default) or keeps scrolling
 * with minimum column widths (`layout="scroll"`, for wide comparison tables). Never a letter per
 * line. The region is focusable even when it does not overflow: markup cannot know in advance,
 * and keyboard users must be able to scroll it when it does (WCAG 2.1.1, axe scrollable-region-focusable).
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowId,
  rowClassName,
  footer,
  layout = "stack",
  label,
  sort,
  captionHidden,
}: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  /** An id for the row, e.g. to return to it with an anchor after an edit. */
  rowId?: (row: Row) => string;
  /** A class for a row to stand out (e.g. the one just saved). */
  rowClassName?: (row: Row) => string | undefined;
  footer?: ReactNode;
  layout?: "stack" | "scroll";
  /** Name of the scroll region; defaults to the caption when that is a string. */
  label?: string;
  sort?: TableSort;
  captionHidden?: boolean;
}) {
  const regionLabel = label ?? (typeof caption === "string" ? caption : "Tabelle");
  const table = (
    <table className="kern-table">
      <caption className={`kern-title${captionHidden ? " visually-hidden" : ""}`}>{caption}</caption>
      <thead className="kern-table__head">
        <tr className="kern-table__row">
          {columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={`kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}`}
              aria-sort={sort && c.sortable && sort.key === c.key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
            >
              {sort && c.sortable ? <SortLink column={c} sort={sort} /> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="kern-table__body">
        {rows.map((row) => (
          <tr key={rowKey(row)} id={rowId?.(row)} tabIndex={rowId ? -1 : undefined} className={`kern-table__row${rowClassName?.(row) ? ` ${rowClassName(row)}` : ""}`}>
            {columns.map((c) => {
              const labelText = c.label ?? (typeof c.header === "string" ? c.header : undefined);
              const className = c.rowHeader
                ? `kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}`
                : `kern-table__cell${c.numeric ? " kern-table__cell--numeric" : ""}`;
              const value = c.cell(row);
              return c.rowHeader ? (
                <th key={c.key} scope="row" className={className} data-label={labelText}>
                  {value}
                </th>
              ) : (
                <td key={c.key} className={className} data-label={labelText}>
                  {value}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      {footer ? <tfoot className="kern-table__footer">{footer}</tfoot> : null}
    </table>
  );
  return (
    <div className={`data-table data-table--${layout}`} tabIndex={0} role="region" aria-label={regionLabel}>
      {table}
    </div>
  );
}

function SortLink<Row>({ column, sort }: { column: Column<Row>; sort: TableSort }) {
  const [params] = useSearchParams();
  const param = sort.param ?? "sortierung";
  const active = sort.key === column.key;
  const nextDirection = active && sort.direction === "asc" ? "desc" : "asc";
  const next = new URLSearchParams(params);
  next.set(param, `${column.key}:${nextDirection}`);
  next.delete("page");
  return (
    <Link to={{ search: `?${next.toString()}` }} preventScrollReset>
      {column.header}
      <span className="visually-hidden">
        {active ? (sort.direction === "asc" ? ", aufsteigend sortiert" : ", absteigend sortiert") : ", sortieren"}
      </span>
    </Link>
  );
}

/**
 * A table written as plain `<thead>`/`<tbody>` children that scrolls inside its own focusable,
 * named region on narrow screens (ACCEPTANCE H39/H40). Prefer `DataTable`; this is for tables
 * whose rows do not fit the column model (grouped rows, mixed headers).
 */
export function ScrollableTable({ label, caption, children }: { label: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="data-table data-table--scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="kern-table">
        <caption className="kern-title">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** A number in a `DataTable` footer (a total), labelled like its column for the stacked layout. */
export function TotalCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td className="kern-table__cell kern-table__cell--numeric" data-label={label}>
      {children}
    </td>
  );
}
