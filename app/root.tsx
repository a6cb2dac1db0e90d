import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import kernStyles from "@kern-ux/native/dist/kern.min.css";
import { getArea, type AreaId, type PageHandle } from "~/components/areas";
import { Breadcrumbs, type Crumb } from "~/components/breadcrumbs";
import { CORRELATION_ID_ELEMENT, useCorrelationId } from "~/components/correlation-id";
import { RouteFocus } from "~/components/route-focus";
import { useNonce } from "~/components/nonce";
import { SessionExpiryWarning } from "~/components/session-expiry";
import { SideNav, SiteFooter, SiteHeader, type NavUser } from "~/components/layout";
import appStyles from "~/styles/app.css";
import fontStyles from "~/styles/fonts.css";
import { contextOf } from "~/context";
import { log } from "~/log.server";
import { getCurrentUser } from "~/modules/auth/guards.server";

export const links: LinksFunction = () => [
  // KERN first, then only what KERN lacks (docs/decisions/007-kern-design-system.md).
  { rel: "stylesheet", href: kernStyles },
  { rel: "stylesheet", href: fontStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = contextOf(context);
  // If the database is gone, the page's own loader fails too; the root must still answer so the
  // error page can show this request's id (ACCEPTANCE D21).
  const user = await getCurrentUser(request, context).catch((error: unknown) => {
    log.error("root loader: user lookup failed", { error, correlationId: ctx.correlationId });
    return null;
  });
  const navUser: NavUser | null = user ? { name: user.name, roles: [...new Set(user.roles.map((r) => r.role))] } : null;
  return {
    user: navUser,
    sessionIdleRemainingMs: user ? user.session.idleExpiresAt.getTime() - Date.now() : null,
    correlationId: ctx.correlationId ?? null,
  };
}

// Re-run on every navigation so the header, the expiry timer and the error id stay current.
export const shouldRevalidate = () => true;

function Document({ children, title }: { children: React.ReactNode; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** The work area and the breadcrumbs of the current page, from the matched routes' `handle`. */
function usePagePlace(): { area?: AreaId; crumbs: Crumb[] } {
  const matches = useMatches();
  let area: AreaId | undefined;
  const crumbs: Crumb[] = [];
  for (const match of matches) {
    const handle = match.handle as PageHandle | undefined;
    if (!handle) continue;
    const ownArea = typeof handle.area === "function" ? handle.area(match.data) : handle.area;
    if (ownArea && !area) {
      area = ownArea;
      const top = getArea(area);
      crumbs.push({ label: top.label, to: top.to });
    }
    const own = typeof handle.breadcrumb === "function" ? handle.breadcrumb(match.data) : handle.breadcrumb;
    if (own) crumbs.push(...(Array.isArray(own) ? own : [own]));
  }
  return { area, crumbs };
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const { area, crumbs } = usePagePlace();
  const side = area && data.user ? <SideNav area={getArea(area)} roles={data.user.roles} /> : null;
  return (
    <Document>
      <SiteHeader user={data.user} currentArea={area} />
      <div className={`container page${side ? " page--with-side" : ""}`}>
        {side}
        <div>
          <Breadcrumbs crumbs={crumbs} />
          <main id="inhalt" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      </div>
      <SiteFooter signedIn={Boolean(data.user)} />
      <RouteFocus />
      {data.sessionIdleRemainingMs !== null ? <SessionExpiryWarning idleRemainingMs={data.sessionIdleRemainingMs} /> : null}
    </Document>
  );
}

/** Generic German error page with the correlation id; never a stack trace (ACCEPTANCE D21). */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  // After a thrown action error Remix runs no loaders: the id then comes from the request context.
  const requestCorrelationId = useCorrelationId();
  const correlationId = data?.correlationId || requestCorrelationId;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const notFound = status === 404;
  const heading = notFound ? "Seite nicht gefunden" : status === 403 ? "Zugriff verweigert" : "Ein Fehler ist aufgetreten";
  return (
    <Document title={`${heading} – KAI-Portal`}>
      <SiteHeader user={data?.user ?? null} />
      <div className="container page">
      <main id="inhalt" tabIndex={-1}>
        <h1>{heading}</h1>
        {notFound ? (
          <p>Die angeforderte Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.</p>
        ) : (
          <>
            <p>Bitte versuchen Sie es später erneut. Wenn der Fehler bleibt, wenden Sie sich an die KAI-Gruppe.</p>
            {correlationId ? (
              <p>
                Fehler-ID: <code id={CORRELATION_ID_ELEMENT} data-testid="correlation-id">{correlationId}</code>
              </p>
            ) : null}
          </>
        )}
        <p>
          <a href={data?.user ? "/start" : "/"}>{data?.user ? "Zu Meine Übersicht" : "Zur Startseite"}</a>
        </p>
      </main>
      </div>
      <SiteFooter signedIn={Boolean(data?.user)} />
    </Document>
  );
}
