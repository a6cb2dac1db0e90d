import { NavLink } from "@remix-run/react";

/** Tabs as links: each tab is its own URL, so back, bookmarks and no-JavaScript all work. */
export function Tabs({ label, tabs }: { label: string; tabs: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end={t.end ?? true} preventScrollReset>
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
