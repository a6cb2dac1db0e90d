import { Form, NavLink } from "@remix-run/react";
import type { Role } from "#db/schema/auth";

export interface NavUser {
  name: string;
  roles: Role[];
}

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** Only what exists for the person's roles. */
export function navigationFor(user: NavUser | null): NavItem[] {
  const items: NavItem[] = [];
  if (!user) {
    items.push({ to: "/", label: "Start", end: true });
  } else {
    items.push({ to: "/start", label: "Übersicht" });
  }
  items.push({ to: "/mitglieder", label: "Mitglieder" }, { to: "/verfahren", label: "Verfahren" }, { to: "/konditionen", label: "Konditionen" });
  if (user?.roles.includes("admin")) {
    items.push(
      { to: "/admin/personen", label: "Personen" },
      { to: "/admin/postfach", label: "Postfach" },
      { to: "/admin/audit", label: "Protokoll" },
    );
  }
  if (user) items.push({ to: "/konto", label: "Mein Konto" });
  return items;
}

export function SiteHeader({ user }: { user: NavUser | null }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href={user ? "/start" : "/"}>
          <span className="brand__mark">KAI</span> <span className="brand__text">Portal</span>
        </a>
        <nav aria-label="Hauptnavigation">
          <ul className="nav">
            {navigationFor(user).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          {user ? (
            <Form method="post" action="/abmelden">
              <span className="session__name">{user.name}</span>{" "}
              <button type="submit" className="button button--secondary">
                Abmelden
              </button>
            </Form>
          ) : (
            <a className="button" href="/anmelden">
              Anmelden
            </a>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <nav aria-label="Rechtliches">
        <ul className="footer-links">
          <li>
            <a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a>
          </li>
          <li>
            <a href="mailto:barrierefreiheit@kai.example?subject=Barriere%20im%20KAI-Portal">Barriere melden (Feedback)</a>
          </li>
          <li>
            <a href="/datenschutz">Datenschutz</a>
          </li>
          <li>
            <a href="/impressum">Impressum</a>
          </li>
        </ul>
      </nav>
      <p>KAI – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik</p>
    </footer>
  );
}
