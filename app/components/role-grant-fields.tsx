import type { FieldMetadata } from "@conform-to/react";
import { ROLES, WORKING_GROUPS } from "#db/schema/auth";
import { SelectField } from "~/components/forms";
import { ROLE_LABELS, WORKING_GROUP_LABELS } from "~/modules/auth/roles";

export interface GrantOptions {
  centres: { id: string; name: string }[];
  municipalities: { id: number; name: string }[];
}

type AnyField = FieldMetadata<string | undefined>;

/**
 * A role and its scope. Without JavaScript every scope select is shown; the labels say which role
 * needs which, and the server rejects a missing scope with a German field error.
 */
export function RoleGrantFields({
  fields,
  options,
}: {
  fields: { role: unknown; centreId: unknown; workingGroup: unknown; municipalityId: unknown };
  options: GrantOptions;
}) {
  return (
    <>
      <SelectField field={fields.role as AnyField} label="Rolle" required options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <SelectField
        field={fields.centreId as AnyField}
        label="Zentrum (nur für Zentrumsleitung und Betreuung)"
        placeholder="kein Zentrum"
        options={options.centres.map((c) => ({ value: c.id, label: c.name }))}
      />
      <SelectField
        field={fields.workingGroup as AnyField}
        label="Facharbeitskreis (nur für Mitglied und Vorsitz eines Facharbeitskreises)"
        placeholder="kein Facharbeitskreis"
        options={WORKING_GROUPS.map((g) => ({ value: g, label: WORKING_GROUP_LABELS[g] }))}
      />
      <SelectField
        field={fields.municipalityId as AnyField}
        label="Kommune (nur für Kommunale IT)"
        placeholder="keine Kommune"
        options={options.municipalities.map((m) => ({ value: String(m.id), label: m.name }))}
      />
    </>
  );
}
