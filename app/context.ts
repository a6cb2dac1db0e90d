/** What server/app.js hands every loader and action. Direct calls in tests may pass nothing. */
export interface KaiLoadContext {
  cspNonce?: string;
  correlationId?: string;
  clientIp?: string | null;
}

export function contextOf(context: unknown): KaiLoadContext {
  return (context ?? {}) as KaiLoadContext;
}
