import { Form, Link } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { Button, buttonClass, type ButtonVariant } from "~/components/button";
import { Dialog } from "~/components/dialog";

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

/** Fields the person fills in before confirming (a reason), inside the same POST. */
interface ExtraFields {
  extraFields?: ReactNode;
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
  extraFields,
  cancel,
  onSubmit,
}: ConfirmAction & ExtraFields & { cancel: { href: string } | { onCancel: () => void; ref?: React.Ref<HTMLButtonElement> }; onSubmit?: () => void }) {
  const buttons = (
    <>
      <Button variant={danger ? "danger" : "primary"}>{confirmLabel}</Button>
      {"href" in cancel ? (
        <Link to={cancel.href}>Abbrechen</Link>
      ) : (
        <Button variant="secondary" ref={cancel.ref} type="button" onClick={cancel.onCancel}>
          Abbrechen
        </Button>
      )}
    </>
  );
  return (
    <Form method="post" action={action} className={extraFields ? "stack" : "button-row"} onSubmit={onSubmit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {extraFields ? (
        <>
          {extraFields}
          <div className="button-row">{buttons}</div>
        </>
      ) : (
        buttons
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
  triggerVariant = "secondary",
  title,
  children,
  ...action
}: ConfirmAction & ExtraFields & {
  /** The confirmation page for visitors without JavaScript. */
  href: string;
  /** Content of the trigger link; may hold a visually hidden part that names the object. */
  trigger: ReactNode;
  /** How the trigger looks: as a button of the kit (default secondary), or as a plain link. */
  triggerVariant?: ButtonVariant | "link";
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
        className={triggerVariant === "link" ? undefined : buttonClass(triggerVariant)}
        onClick={(event) => {
          const dialog = dialogRef.current;
          if (!dialog || typeof dialog.showModal !== "function") return; // falls back to the page
          event.preventDefault();
          dialog.showModal();
          cancelRef.current?.focus();
        }}
      >
        {triggerVariant === "link" ? trigger : <span className="kern-label">{trigger}</span>}
      </Link>
      <Dialog ref={dialogRef} id={`confirm${id.replace(/:/g, "")}`} title={title} footer={<ConfirmForm {...action} cancel={{ onCancel: close, ref: cancelRef }} onSubmit={close} />}>
        {children}
      </Dialog>
    </>
  );
}
