import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database, DatabaseHandle, Executor } from "#db/client";
import { openDatabaseFromEnv } from "#db/client";

/**
 * The process-wide database. The server opens it at start (`connectDatabase`); tests install their
 * own per-file database with `useDatabase`. Code imports `db` and never cares which driver it is.
 */
let current: DatabaseHandle | undefined;
let opening: Promise<DatabaseHandle> | undefined;

export async function connectDatabase(): Promise<DatabaseHandle> {
  if (current) return current;
  opening ??= openDatabaseFromEnv().then((handle) => (current = handle));
  return opening;
}

export function installDatabase(handle: DatabaseHandle | undefined) {
  current = handle;
  opening = handle ? Promise.resolve(handle) : undefined;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!current) throw new Error("Database not connected: call connectDatabase() first");
  return current;
}

export async function disconnectDatabase() {
  const handle = current;
  current = undefined;
  opening = undefined;
  await handle?.close();
}

/** A stable reference that forwards to the connected database. */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const target = getDatabaseHandle().db as unknown as Record<PropertyKey, unknown>;
    const value = target[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  },
});

/**
 * A statement that drizzle builds once per database and then only executes: `build` gets the
 * executor and returns `….prepare(name)`, with `sql.placeholder(…)` for what varies. Building a
 * select costs drizzle about 0.15–0.3 ms of CPU on every call (the bench profiles of the group and
 * meeting pages, issue 9 item 10), so the statements that every signed-in page or a hot page runs
 * are prepared. Placeholders pass their value to the driver as it is, without the column's
 * mapping: give dates as ISO strings. On `db` the statement is kept; inside a transaction it is
 * built for that transaction each time, as any other statement.
 */
type Preparable<R> = { execute(values?: Record<string, unknown>): Promise<R> };
const preparedStatements = new WeakMap<object, Map<string, Preparable<unknown>>>();
export function runPrepared<R>(name: string, build: (executor: Executor) => Preparable<R>, values: Record<string, unknown>, executor: Executor = db): Promise<R> {
  if (executor !== db) return build(executor).execute(values);
  const database = getDatabaseHandle().db;
  let byName = preparedStatements.get(database);
  if (!byName) preparedStatements.set(database, (byName = new Map()));
  let statement = byName.get(name) as Preparable<R> | undefined;
  if (!statement) byName.set(name, (statement = build(database)));
  return statement.execute(values);
}

/**
 * Reading a page's lists in one statement (ADR 019): each list is a scalar subquery that returns
 * one JSON value. `jsonObject` builds `json_build_object('key', value, …)`; `jsonArray` aggregates
 * such objects, in order, to `[]` when there are none. JSON carries timestamps as ISO strings.
 */
export function jsonObject(fields: Record<string, SQLWrapper>): SQL {
  const pairs = Object.entries(fields).map(([key, value]) => {
    if (!/^\w+$/.test(key)) throw new Error(`jsonObject: unsafe key ${key}`);
    return sql`${sql.raw(`'${key}'`)}, ${value}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

export function jsonArray(object: SQLWrapper, orderBy?: SQL): SQL {
  return orderBy ? sql`coalesce(json_agg(${object} order by ${orderBy}), '[]'::json)` : sql`coalesce(json_agg(${object}), '[]'::json)`;
}

/**
 * `(…)` as a select field of type T. The query stays a nested chunk: in a select from one table,
 * drizzle writes a field's own columns without their table, which a subquery's joins make ambiguous.
 */
export function subquery<T>(query: SQL): SQL<T> {
  return sql<T>`(${query})`;
}
