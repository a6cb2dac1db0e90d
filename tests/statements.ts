/** One SQL statement the app sent, as drizzle's logger sees it. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Records the SQL statements the app sends: pass `logger` to useTestDatabase({ logger }), then
 * `record(fn)` returns every statement sent while `fn` ran, in order.
 */
export function statementRecorder() {
  let recording: Statement[] | null = null;
  return {
    logger: { logQuery: (sql: string, params: unknown[]) => void recording?.push({ sql, params }) },
    async record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
      const statements: Statement[] = [];
      recording = statements;
      try {
        return { result: await fn(), statements };
      } finally {
        recording = null;
      }
    },
  };
}
