import { forwardRef, type ReactNode } from "react";

/**
 * KERN's dialog on the native <dialog> element: focus is trapped and Esc closes it natively.
 * Open it with `ref.current.showModal()`. Callers decide what Esc means (onCancel).
 */
export const Dialog = forwardRef<
  HTMLDialogElement,
  { id: string; title: string; children: ReactNode; footer?: ReactNode; onCancel?: (event: React.SyntheticEvent<HTMLDialogElement>) => void; onClose?: () => void }
>(function Dialog({ id, title, children, footer, onCancel, onClose }, ref) {
  return (
    <dialog ref={ref} id={id} className="kern-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} onCancel={onCancel} onClose={onClose}>
      <header className="kern-dialog__header">
        <h2 className="kern-title" id={`${id}-title`}>
          {title}
        </h2>
      </header>
      <section className="kern-dialog__body" id={`${id}-body`}>
        {children}
      </section>
      {footer ? <footer className="kern-dialog__footer">{footer}</footer> : null}
    </dialog>
  );
});
