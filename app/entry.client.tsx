import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { CORRELATION_ID_ELEMENT, CorrelationIdProvider } from "./components/correlation-id";

// The Fehler-ID the server printed on an error page, so hydration renders the same markup.
const correlationId = document.getElementById(CORRELATION_ID_ELEMENT)?.textContent ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <CorrelationIdProvider value={correlationId}>
        <RemixBrowser />
      </CorrelationIdProvider>
    </StrictMode>,
  );
});
