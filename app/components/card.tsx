import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * KERN's card. With `to`, the title is a link that makes the whole card clickable
 * (KERN's stretched link), so there is one link per card for screen readers.
 */
export function Card({
  title,
  to,
  level = 3,
  preline,
  children,
  footer,
}: {
  title: ReactNode;
  to?: string;
  level?: 2 | 3 | 4;
  preline?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
}) {
  const Heading = `h${level}` as "h2" | "h3" | "h4";
  return (
    <div className={`kern-card${to ? " kern-card--interactive" : ""}`}>
      <div className="kern-card__container">
        <header className="kern-card__header">
          {preline ? <p className="kern-preline">{preline}</p> : null}
          <Heading className="kern-title">
            {to ? (
              <Link className="kern-link kern-link--stretched" to={to}>
                {title}
              </Link>
            ) : (
              title
            )}
          </Heading>
        </header>
        {children ? <div className="kern-card__body">{children}</div> : null}
        {footer ? <div className="kern-card__footer">{footer}</div> : null}
      </div>
    </div>
  );
}

/** A responsive grid of cards, as a list. */
export function CardGrid({ children }: { children: ReactNode }) {
  return <ul className="card-grid">{children}</ul>;
}
