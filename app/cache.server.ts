import { getDatabaseHandle } from "~/db.server";

/**
 * How long public reference data (centres, members, the procedure catalogue) is kept in memory
 * (issue 6, item 12; docs/decisions/015-reference-data-cache.md). A change made through the app
 * clears its cache at once in the instance that made it; another instance sees it after at most
 * this long.
 */
export const REFERENCE_TTL_MS = 30_000;

export interface ReferenceCache<T> {
  /** The cached value, or a fresh load when there is none, it is older than the TTL, or the database changed. */
  get(): Promise<T>;
  /** Forgets the value: the next `get` loads again. Call after every change to the data. */
  clear(): void;
  /** Runs a change to the data and clears the cache when it is done, committed or not. */
  clearAfter<R>(change: () => Promise<R>): Promise<R>;
}

/**
 * Public reference data in memory for `ttlMs`. Callers share one value, frozen so that nobody can
 * change it for the others. Concurrent first requests share one load; a failed load is not kept.
 * The entry belongs to the database it was read from (tests install one per file).
 */
export function referenceCache<T extends object>(load: () => Promise<T>, ttlMs = REFERENCE_TTL_MS): ReferenceCache<T> {
  let entry: { value: Promise<T>; expiresAt: number; database: object } | undefined;
  return {
    get() {
      const now = Date.now();
      const database = getDatabaseHandle();
      if (entry && entry.expiresAt > now && entry.database === database) return entry.value;
      const own = { value: load().then(deepFreeze), expiresAt: now + ttlMs, database };
      entry = own;
      own.value.catch(() => {
        if (entry === own) entry = undefined;
      });
      return own.value;
    },
    clear() {
      entry = undefined;
    },
    async clearAfter(change) {
      try {
        return await change();
      } finally {
        // After the commit: a load that began before it was dropped with the entry.
        entry = undefined;
      }
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
