/** Shared by the zod schemas (client and server) and the server-side hashing. ACCEPTANCE A7. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
