import type { ReactNode } from "react";
import type { CurrentUser } from "~/modules/auth/guards.server";

/**
 * The start page ("Meine Übersicht", /start) is a list of panels that modules contribute. A panel
 * is a server half (this definition, listed in `panels.server.ts`) and a view (a component listed
 * under the same id in `panels.tsx`). `start.tsx` never changes when a module adds one.
 */
export interface StartPanelArgs {
  user: CurrentUser;
  /** The request's time, so every panel agrees on "upcoming". */
  now: Date;
}

export interface StartPanel<Data = unknown> {
  /** Stable, unique, URL-safe: the key of the view in `panels.tsx` and the section's anchor. */
  id: string;
  /** The panel's heading (German). */
  title: string;
  /** Ascending: smaller numbers come first. Leave gaps (10, 20, …) for later modules. */
  order: number;
  /**
   * "work": something the person's role does here (at least one per role, so no role meets a dead
   * end); "personal": what everyone has (appointments, roles, account).
   */
  kind: "work" | "personal";
  /** Whether this person sees the panel at all. Pure and cheap: decide from the roles only. */
  appliesTo(user: CurrentUser): boolean;
  /**
   * The panel's data, serialisable (strings, numbers, booleans, arrays, plain objects). Only what
   * this person may see: the query carries the person (ACCEPTANCE C14/C15). May throw; the page
   * then shows a short notice in the panel's place.
   */
  load(args: StartPanelArgs): Promise<Data>;
}

/** Lets the definition infer its data type. */
export function defineStartPanel<Data>(panel: StartPanel<Data>): StartPanel<Data> {
  return panel;
}

/** What the loader sends for each panel that applies: its data, or that it failed. */
export type LoadedStartPanel =
  | { id: string; title: string; kind: StartPanel["kind"]; state: "ready"; data: unknown }
  | { id: string; title: string; kind: StartPanel["kind"]; state: "failed" };

/** The view of a panel; `data` is what its `load` returned. */
export type StartPanelView<P> = (props: { data: P extends StartPanel<infer Data> ? Data : never }) => ReactNode;
