import { Link, type LinkProps } from "@remix-run/react";
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "tertiary" | "danger";

/** The classes of a kit button, for a link or trigger that must look like one. */
export const buttonClass = (variant: ButtonVariant, block?: boolean) =>
  `kern-btn ${variant === "danger" ? "kern-btn--primary kern-btn--danger" : `kern-btn--${variant}`}${block ? " kern-btn--block" : ""}`;

/**
 * KERN's button. `type` defaults to "submit" because almost every button of ours submits a form;
 * several forms on one page send a hidden or button `name="intent"`.
 */
export const Button = forwardRef<HTMLButtonElement, { variant?: ButtonVariant; block?: boolean; children: ReactNode } & ButtonHTMLAttributes<HTMLButtonElement>>(
  function Button({ variant = "primary", block, children, type = "submit", className, ...rest }, ref) {
    return (
      <button ref={ref} type={type} className={`${buttonClass(variant, block)}${className ? ` ${className}` : ""}`} {...rest}>
        <span className="kern-label">{children}</span>
      </button>
    );
  },
);

/** A link that looks like a button (navigation, never a state change). */
export function LinkButton({ variant = "primary", children, ...rest }: { variant?: ButtonVariant; children: ReactNode } & LinkProps) {
  return (
    <Link className={buttonClass(variant)} {...rest}>
      <span className="kern-label">{children}</span>
    </Link>
  );
}

/** A row of buttons and links, wrapping on narrow screens. */
export function ButtonRow({ children }: { children: ReactNode }) {
  return <div className="button-row">{children}</div>;
}
