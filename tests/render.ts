import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

/**
 * Server-renders a route component with the data its loader returned: the page's own markup as a
 * visitor without JavaScript gets it (no app shell). With `actionData`, the page as it answers a
 * post that its action refused (the form's errors and the values as sent).
 */
export async function renderRoute(Component: ComponentType, path: string, loaderData: unknown, actionData?: unknown): Promise<string> {
  const handler = createStaticHandler([{ id: "route", path: "*", Component, loader: () => loaderData as Record<string, unknown>, action: () => actionData as Record<string, unknown> }]);
  const url = new URL(path, "http://localhost");
  const context = await handler.query(actionData === undefined ? new Request(url) : new Request(url, { method: "POST", body: new URLSearchParams() }));
  if (context instanceof Response) throw new Error("unexpected redirect while rendering");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}
