import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * After a client-side navigation (a link, or the redirect after a form) focus moves to the new
 * page's <h1> and its title is announced, as a full page load would do (issue 5 item 6). A page
 * with an error summary keeps focus there; a URL with an anchor focuses the anchored element
 * (e.g. the member just edited).
 */
export function RouteFocus() {
  const location = useLocation();
  const previous = useRef<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const page = location.pathname + location.search;
    const before = previous.current;
    previous.current = page;
    // The first render is the browser's own page load; a change of only the #hash is an in-page
    // link (the skip link, a table of contents), which the browser handles itself.
    if (before === null || before === page) return;
    const frame = requestAnimationFrame(() => {
      const anchored = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      const target = anchored ?? document.querySelector<HTMLElement>(".error-summary") ?? document.querySelector<HTMLElement>("main h1");
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: !anchored });
      }
      setAnnouncement(document.title);
    });
    return () => cancelAnimationFrame(frame);
  }, [location.key, location.pathname, location.search, location.hash]);
  return (
    <div className="visually-hidden route-announcer" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {announcement}
    </div>
  );
}
