import { Link, NavLink } from "@remix-run/react";

/**
 * Tabs as links: each tab is its own URL, so back, bookmarks and no-JavaScript all work. Tabs that
 * differ only in their query (`?ansicht=…`) say which one is current themselves (`current`), since
 * a NavLink compares paths only.
 */
export function Tabs({ label, tabs }: { label: string; tabs: { to: string; label: string; end?: boolean; current?: boolean }[] }) {
  const byQuery = tabs.some((t) => t.current !== undefined);
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            {byQuery ? (
              <Link to={t.to} aria-current={t.current ? "page" : undefined} className={t.current ? "active" : undefined} preventScrollReset>
                {t.label}
              </Link>
            ) : (
              <NavLink to={t.to} end={t.end ?? true} preventScrollReset>
                {t.label}
              </NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
