import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

/**
 * Server-renders a route component with the data its loader returned: the page's own markup as a
 * visitor without JavaScript gets it (no app shell).
 */
export async function renderRoute(Component: ComponentType, path: string, loaderData: unknown): Promise<string> {
  const handler = createStaticHandler([{ id: "route", path: "*", Component, loader: () => loaderData as Record<string, unknown> }]);
  const context = await handler.query(new Request(new URL(path, "http://localhost")));
  if (context instanceof Response) throw new Error("unexpected redirect while rendering");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}
