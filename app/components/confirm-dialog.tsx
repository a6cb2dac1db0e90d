import { Form, Link } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";

export interface ConfirmAction {
  /** Where the POST goes: the same server action with or without JavaScript. */
  action: string;
  /** Hidden fields of the POST, e.g. `{ intent: "remove-role", roleId: "7" }`. */
  fields: Record<string, string>;
  /** The label of the button that does it ("Rolle entfernen"). */
  confirmLabel: string;
  /** A destructive change gets the danger button. */
  danger?: boolean;
}

/**
 * The form that carries out a confirmed change, with "Abbrechen" beside it. Used inside the
 * dialog (cancel closes it) and on the confirmation page without JavaScript (cancel is a link).
 */
export function ConfirmForm({
  action,
  fields,
  confirmLabel,
  danger,
  cancel,
  onSubmit,
}: ConfirmAction & { cancel: { href: string } | { onCancel: () => void; ref?: React.Ref<HTMLButtonElement> }; onSubmit?: () => void }) {
  return (
    <Form method="post" action={action} className="button-row" onSubmit={onSubmit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={danger ? "button button--danger" : "button"}>
        {confirmLabel}
      </button>
      {"href" in cancel ? (
        <Link to={cancel.href}>Abbrechen</Link>
      ) : (
        <button ref={cancel.ref} type="button" className="button button--secondary" onClick={cancel.onCancel}>
          Abbrechen
        </button>
      )}
    </Form>
  );
}

/**
 * A change that needs a second "yes": the trigger is a link to a confirmation page (a GET that
 * only shows what will happen), so it works without JavaScript. With JavaScript the click opens a
 * native modal <dialog> with the same question and the same POST instead. Focus starts on
 * "Abbrechen", Escape closes, and the browser returns focus to the trigger.
 */
export function ConfirmDialog({
  href,
  trigger,
  triggerClassName,
  title,
  children,
  ...action
}: ConfirmAction & {
  /** The confirmation page for visitors without JavaScript. */
  href: string;
  /** Content of the trigger link; may hold a visually hidden part that names the object. */
  trigger: ReactNode;
  triggerClassName?: string;
  /** The question, as the dialog's heading. */
  title: string;
  /** What will happen. */
  children: ReactNode;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const close = () => dialogRef.current?.close();
  return (
    <>
      <Link
        to={href}
        className={triggerClassName}
        onClick={(event) => {
          const dialog = dialogRef.current;
          if (!dialog || typeof dialog.showModal !== "function") return; // falls back to the page
          event.preventDefault();
          dialog.showModal();
          cancelRef.current?.focus();
        }}
      >
        {trigger}
      </Link>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-text`}>{children}</div>
        <ConfirmForm {...action} cancel={{ onCancel: close, ref: cancelRef }} onSubmit={close} />
      </dialog>
    </>
  );
}
