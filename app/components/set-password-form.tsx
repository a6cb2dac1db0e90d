import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { setPasswordSchema } from "~/modules/auth/validation";
import { Button } from "./button";

export const PASSWORD_HINT = "12 bis 128 Zeichen, keine weiteren Vorgaben. Leerzeichen und alle Unicode-Zeichen sind erlaubt.";

/**
 * New password + confirmation, for the reset and the invitation links. The account's address is
 * sent along as a read-only username so password managers store the new password for it.
 */
export function SetPasswordForm({ email, lastResult, submitLabel }: { email: string; lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult,
    constraint: getZodConstraint(setPasswordSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setPasswordSchema }),
  });
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.password, fields.confirm])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="set-password-username">
            E-Mail-Adresse (Ihr Benutzername)
          </label>
          <input className="kern-form-input__input" id="set-password-username" type="email" name="username" value={email} autoComplete="username" readOnly />
        </div>
        <TextField field={fields.password} label="Neues Passwort" type="password" hint={PASSWORD_HINT} autoComplete="new-password" required />
        <TextField field={fields.confirm} label="Neues Passwort wiederholen" type="password" autoComplete="new-password" required />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>{submitLabel}</Button>
        </div>
      </Form>
    </>
  );
}
