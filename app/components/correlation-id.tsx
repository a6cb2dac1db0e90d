import { createContext, useContext } from "react";

/**
 * The request's correlation id (Fehler-ID), set by entry.server from the load context. Through
 * context rather than root loader data, because after a thrown action error Remix runs no
 * loaders and the error page must still show it (ACCEPTANCE D21). In the browser, entry.client
 * passes the id the server printed on the page, so hydration renders the same markup.
 */
const CorrelationIdContext = createContext("");
export const CorrelationIdProvider = CorrelationIdContext.Provider;
export const useCorrelationId = () => useContext(CorrelationIdContext);

/** Where the error page prints the id (read back by entry.client). */
export const CORRELATION_ID_ELEMENT = "fehler-id";
