import { Link } from "@remix-run/react";

export interface Crumb {
  label: string;
  to?: string;
}

/** Where the page sits: area › section › page. The last crumb is the page itself (no link). */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  if (crumbs.length < 2) return null;
  return (
    <nav className="breadcrumbs" aria-label="Brotkrümelnavigation">
      <ol>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <li key={i} aria-current="page">
              {c.label}
            </li>
          ) : (
            <li key={i}>{c.to ? <Link to={c.to}>{c.label}</Link> : c.label}</li>
          ),
        )}
      </ol>
    </nav>
  );
}
