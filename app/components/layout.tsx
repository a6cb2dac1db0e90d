import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import type { Role } from "#db/schema/auth";
import { areasFor, sectionsFor, type Area } from "./areas";

export interface NavUser {
  name: string;
  roles: Role[];
}

const PUBLIC_PAGES = [
  { to: "/mitglieder", label: "Mitglieder" },
  { to: "/verfahren", label: "Verfahren" },
  { to: "/konditionen", label: "Konditionen" },
];

/** KAI's wordmark: the three letters drawn as paths, so it needs no font and scales crisply. */
function Wordmark() {
  return (
    <svg className="brand__mark" viewBox="0 0 68 28" aria-hidden="true" focusable="false">
      <g fill="currentColor">
        {/* K */}
        <path d="M0 0h6v11.2L16.4 0h7.6L12.6 12.2 24.6 28h-7.5L8.6 16.4 6 19.2V28H0z" />
        {/* A */}
        <path d="M35.2 0h6.6L52 28h-6.4l-2.1-6H33.4l-2.1 6H25zm-0.1 16.8h6.7l-3.35-9.9z" />
        {/* I */}
        <path d="M56 0h6v28h-6z" />
        {/* the accent: a square of the portal's action colour, KAI's "i" dot */}
        <path d="M64 0h4v4h-4z" />
      </g>
    </svg>
  );
}

function Brand({ signedIn }: { signedIn: boolean }) {
  return (
    <a className="brand" href={signedIn ? "/start" : "/"} aria-label={signedIn ? "KAI-Portal – Meine Übersicht" : "KAI-Portal – Startseite"}>
      <Wordmark />
      <span className="brand__text" aria-hidden="true">
        Portal
      </span>
    </a>
  );
}

function AreaLinks({ areas, current }: { areas: Area[]; current?: string }) {
  return (
    <>
      {areas.map((a) => (
        <li key={a.id}>
          <NavLink to={a.to} className={a.id === current ? "active" : undefined} prefetch="intent">
            {a.label}
          </NavLink>
        </li>
      ))}
    </>
  );
}

/** The KAI's public pages (start page, members, procedures, conditions), as a list of links. */
function PublicPageLinks({ home, className, children }: { home: string; className?: string; children?: React.ReactNode }) {
  return (
    <ul className={className}>
      <li>
        <NavLink to="/" end>
          {home}
        </NavLink>
      </li>
      {PUBLIC_PAGES.map((p) => (
        <li key={p.to}>
          <NavLink to={p.to} prefetch="intent">
            {p.label}
          </NavLink>
        </li>
      ))}
      {children}
    </ul>
  );
}

function AccountLinks() {
  return (
    <ul>
      <li>
        <NavLink to="/start">Meine Übersicht</NavLink>
      </li>
      <li>
        <NavLink to="/konto">Mein Konto</NavLink>
      </li>
    </ul>
  );
}

function LogoutButton() {
  return (
    <Form method="post" action="/abmelden">
      <button type="submit" className="menu__item">
        Abmelden
      </button>
    </Form>
  );
}

/** Close open header menus after a client-side navigation, on Esc and on a click outside. */
function useMenusClose() {
  const location = useLocation();
  useEffect(() => {
    document.querySelectorAll<HTMLDetailsElement>("details.menu[open]").forEach((d) => (d.open = false));
  }, [location.key]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const open = document.querySelector<HTMLDetailsElement>("details.menu[open]");
      if (!open) return;
      open.open = false;
      open.querySelector("summary")?.focus();
    };
    const onClick = (event: MouseEvent) => {
      document.querySelectorAll<HTMLDetailsElement>("details.menu[open]").forEach((d) => {
        if (!d.contains(event.target as Node)) d.open = false;
      });
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, []);
}

/**
 * The header. Signed out: the brand, the public pages and "Anmelden". Signed in: the brand, the
 * work areas the person's roles use, "Über KAI" (the public pages) and the user menu. On narrow
 * screens one menu button holds all of it; menus are <details>, so they work without JavaScript.
 */
export function SiteHeader({ user, currentArea }: { user: NavUser | null; currentArea?: string }) {
  useMenusClose();
  const areas = user ? areasFor(user.roles) : [];
  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <Brand signedIn={Boolean(user)} />
        {user ? (
          <>
            <div className="nav-wide">
              {areas.length ? (
                <nav aria-label="Arbeitsbereiche">
                  <ul className="areas">
                    <AreaLinks areas={areas} current={currentArea} />
                  </ul>
                </nav>
              ) : null}
              <div className="header-end">
                <details className="menu">
                  <summary>Über KAI</summary>
                  <div className="menu__panel">
                    <PublicPageLinks home="Die KAI" />
                  </div>
                </details>
                <details className="menu">
                  <summary>
                    <span className="kern-icon kern-icon--account-circle" aria-hidden="true" />
                    <span className="visually-hidden">Benutzermenü für </span>
                    {user.name}
                  </summary>
                  <div className="menu__panel">
                    <AccountLinks />
                    <hr className="menu__divider" />
                    <LogoutButton />
                  </div>
                </details>
              </div>
            </div>
            <details className="menu nav-narrow">
              <summary>Menü</summary>
              <div className="menu__panel">
                <nav aria-label="Hauptmenü">
                  {areas.length ? (
                    <>
                      <p className="menu__heading">Arbeitsbereiche</p>
                      <ul>
                        <AreaLinks areas={areas} current={currentArea} />
                      </ul>
                      <hr className="menu__divider" />
                    </>
                  ) : null}
                  <p className="menu__heading">{user.name}</p>
                  <AccountLinks />
                  <hr className="menu__divider" />
                  <p className="menu__heading">Über KAI</p>
                  <PublicPageLinks home="Die KAI" />
                </nav>
                <hr className="menu__divider" />
                <LogoutButton />
              </div>
            </details>
          </>
        ) : (
          <>
            <div className="nav-wide">
              <nav aria-label="Hauptnavigation">
                <PublicPageLinks home="Start" className="areas" />
              </nav>
              <div className="header-end">
                <a className="kern-btn kern-btn--primary" href="/anmelden">
                  <span className="kern-label">Anmelden</span>
                </a>
              </div>
            </div>
            <details className="menu nav-narrow">
              <summary>Menü</summary>
              <div className="menu__panel">
                <nav aria-label="Hauptmenü">
                  <PublicPageLinks home="Start">
                    <li>
                      <a href="/anmelden">Anmelden</a>
                    </li>
                  </PublicPageLinks>
                </nav>
              </div>
            </details>
          </>
        )}
      </div>
    </header>
  );
}

/** The secondary navigation within a work area: a side column on wide screens, a row above the page on narrow ones. */
export function SideNav({ area, roles }: { area: Area; roles: Role[] }) {
  const sections = sectionsFor(area, roles);
  if (sections.length === 0) return null;
  return (
    <nav className="side-nav" aria-labelledby="side-nav-title">
      <p className="side-nav__title" id="side-nav-title">
        {area.label}
      </p>
      <ul>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to} prefetch="intent">
              {s.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SiteFooter({ signedIn }: { signedIn: boolean }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <div className="footer-columns">
          <nav aria-labelledby="footer-kai">
            <h2 id="footer-kai">Über KAI</h2>
            <ul>
              <li>
                <a href="/">{signedIn ? "Die KAI" : "Startseite"}</a>
              </li>
              {PUBLIC_PAGES.map((p) => (
                <li key={p.to}>
                  <a href={p.to}>{p.label}</a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-labelledby="footer-hilfe">
            <h2 id="footer-hilfe">Hilfe und Barrierefreiheit</h2>
            <ul>
              <li>
                <a href="/leichte-sprache">
                  <span className="kern-icon kern-icon--easy-language" aria-hidden="true" /> Leichte Sprache
                </a>
              </li>
              <li>
                <a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a>
              </li>
              <li>
                <a href="mailto:barrierefreiheit@kai.example?subject=Barriere%20im%20KAI-Portal">Barriere melden (Feedback)</a>
              </li>
            </ul>
          </nav>
          <nav aria-labelledby="footer-recht">
            <h2 id="footer-recht">Rechtliches</h2>
            <ul>
              <li>
                <a href="/datenschutz">Datenschutz</a>
              </li>
              <li>
                <a href="/impressum">Impressum</a>
              </li>
            </ul>
          </nav>
        </div>
        <p>KAI – Kommunale Anwendergemeinschaft für Informations- und Kommunikationstechnik</p>
      </div>
    </footer>
  );
}
