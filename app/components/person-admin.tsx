import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { RoleGrantFields, type GrantOptions } from "~/components/role-grant-fields";
import { personDetailsSchema, roleGrantSchema } from "~/modules/auth/validation";
import { Button } from "~/components/button";

/** Name, address and phone of a person, as an admin corrects them (issue 5 item 11). */
export function PersonDetailsForm({
  person,
  lastResult,
}: {
  person: { name: string; email: string; phone: string | null; hasPassword: boolean };
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "edit-details",
    lastResult,
    defaultValue: { name: person.name, email: person.email, phone: person.phone ?? "" },
    constraint: getZodConstraint(personDetailsSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: personDetailsSchema }),
  });
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.name, fields.email, fields.phone])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="edit-details" />
        <TextField field={fields.name} label="Name" autoComplete="off" required />
        <TextField
          field={fields.email}
          label="E-Mail-Adresse"
          type="email"
          autoComplete="off"
          required
          hint={
            person.hasPassword
              ? "Eine neue Adresse gilt erst, wenn die Person sie über einen Link an diese Adresse bestätigt hat. Die bisherige Adresse erhält einen Hinweis."
              : "Die Person hat ihre Einladung noch nicht angenommen: Die Adresse wird sofort geändert und eine offene Einladung geht neu an die neue Adresse."
          }
        />
        <TextField
          field={fields.phone}
          label="Telefon (dienstlich, freiwillig)"
          type="tel"
          autoComplete="off"
          hint="Zum Beispiel 04161 555-0100. Erlaubt sind Ziffern, Leerzeichen und + - / ( )."
        />
        <Button>
          Angaben speichern
        </Button>
      </Form>
    </>
  );
}

export function AddRoleForm({ options, lastResult }: { options: GrantOptions; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useForm({
    id: "add-role",
    lastResult,
    constraint: getZodConstraint(roleGrantSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roleGrantSchema }),
  });
  return (
    <>
      <h3>Rolle hinzufügen</h3>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.role, fields.centreId, fields.workingGroup, fields.municipalityId])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-role" />
        <RoleGrantFields fields={fields} options={options} />
        <Button>
          Rolle hinzufügen
        </Button>
      </Form>
    </>
  );
}
