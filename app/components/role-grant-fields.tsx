import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useState } from "react";
import { ROLES, WORKING_GROUPS } from "#db/schema/auth";
import { SelectField } from "~/components/forms";
import { ROLE_LABELS, scopeOfRole, WORKING_GROUP_LABELS, type GrantScope } from "~/modules/auth/roles";

export interface GrantOptions {
  centres: { id: string; name: string }[];
  municipalities: { id: number; name: string }[];
}

type AnyField = FieldMetadata<string | undefined>;

/**
 * A role and its scope. Without JavaScript every scope select is shown; the labels say which role
 * needs which, and the server names the missing one in a German field error. With JavaScript only
 * the select the chosen role needs is there; the others carry the `hidden` attribute, so they are
 * out of the accessibility tree too (no inline styles: the CSP forbids them). Values of hidden
 * selects are still submitted but the server ignores a scope the role does not take.
 */
export function RoleGrantFields({
  fields,
  options,
}: {
  fields: { role: unknown; centreId: unknown; workingGroup: unknown; municipalityId: unknown };
  options: GrantOptions;
}) {
  const roleField = fields.role as AnyField;
  const initialRole = typeof roleField.initialValue === "string" ? roleField.initialValue : undefined;
  const [role, setRole] = useState(initialRole);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  // A server answer (conform's lastResult) brings back the submitted role.
  useEffect(() => setRole(initialRole), [initialRole]);
  const needed = scopeOfRole(role);
  const shown = (scope: GrantScope) => !enhanced || needed === scope;
  const required = (scope: GrantScope) => enhanced && needed === scope;
  const label = (plain: string, hint: string) => (enhanced ? plain : `${plain} (${hint})`);

  return (
    // Change events bubble: listening here keeps the shared SelectField untouched.
    <div
      className="stack"
      onChange={(event) => {
        const target = event.target as HTMLSelectElement;
        if (target.name === roleField.name) setRole(target.value);
      }}
    >
      <SelectField field={roleField} label="Rolle" required options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      <div hidden={!shown("centre")}>
        <SelectField
          field={fields.centreId as AnyField}
          label={label("Zentrum", "nur für Geschäftsführung des Zentrums und Betreuung")}
          placeholder="kein Zentrum"
          required={required("centre")}
          options={options.centres.map((c) => ({ value: c.id, label: c.name }))}
        />
      </div>
      <div hidden={!shown("workingGroup")}>
        <SelectField
          field={fields.workingGroup as AnyField}
          label={label("Facharbeitskreis", "nur für Mitglied und Vorsitz eines Facharbeitskreises")}
          placeholder="kein Facharbeitskreis"
          required={required("workingGroup")}
          options={WORKING_GROUPS.map((g) => ({ value: g, label: WORKING_GROUP_LABELS[g] }))}
        />
      </div>
      <div hidden={!shown("municipality")}>
        <SelectField
          field={fields.municipalityId as AnyField}
          label={label("Kommune", "nur für Kommunale IT")}
          placeholder="keine Kommune"
          required={required("municipality")}
          options={options.municipalities.map((m) => ({ value: String(m.id), label: m.name }))}
        />
      </div>
    </div>
  );
}
