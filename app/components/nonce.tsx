import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce, set by entry.server. Through context rather than loader data, so the
 * error page (where the root loader may not have run) still marks its scripts. In the browser the
 * value is empty: scripts are already running, and browsers hide nonce attributes anyway.
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
