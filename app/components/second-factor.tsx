import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { proofSchema } from "~/modules/auth/second-factor";
import { Button, type ButtonVariant } from "./button";
import { ErrorSummary, summariseErrors, TextField } from "./forms";

/** The enrolment QR code: SVG elements only (no style attribute), so the page's CSP holds. */
export function QrCode({ qr }: { qr: { size: number; path: string } }) {
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label="QR-Code zum Einrichten der Authentifizierungs-App"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={qr.size * 5}
      height={qr.size * 5}
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={qr.path} fill="#000000" />
    </svg>
  );
}

/** Recovery codes, shown once straight from the action. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section aria-labelledby="wiederherstellung-titel" className="stack">
      <h2 id="wiederherstellung-titel">Ihre Wiederherstellungscodes</h2>
      <p>
        Mit jedem dieser Codes können Sie sich einmal anmelden, wenn Sie Ihre App nicht zur Hand haben. Bewahren Sie sie
        sicher auf, zum Beispiel ausgedruckt oder in einem Passwort-Manager.{" "}
        <strong>Die Codes werden nur dieses eine Mal angezeigt.</strong>
      </p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="token">{code}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Password and a current code, for the changes that need both (turning off, resetting, new codes). */
export function ProofForm({
  id,
  intent,
  submitLabel,
  variant,
  lastResult,
}: {
  id: string;
  intent: string;
  submitLabel: string;
  variant?: ButtonVariant;
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id,
    lastResult,
    constraint: getZodConstraint(proofSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proofSchema }),
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.password, fields.code])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <TextField field={fields.password} label="Ihr Passwort" type="password" autoComplete="current-password" required />
        <TextField
          field={fields.code}
          label="Code aus der App oder Wiederherstellungscode"
          hint="6 Ziffern aus Ihrer Authentifizierungs-App, oder einer Ihrer Wiederherstellungscodes"
          autoComplete="one-time-code"
          required
        />
        <Button variant={variant} disabled={busy}>
          {submitLabel}
        </Button>
      </Form>
    </>
  );
}

/** The section on "Mein Konto": the state in one sentence and the way to the settings. */
export function SecondFactorSummary({ enrolled, required }: { enrolled: boolean; required: boolean }) {
  return (
    <section aria-labelledby="zwei-faktor-titel">
      <h2 id="zwei-faktor-titel">Zwei-Faktor-Anmeldung</h2>
      <p>
        {enrolled
          ? "Eingerichtet: Bei der Anmeldung fragt das Portal nach Ihrem Passwort einen Code aus Ihrer Authentifizierungs-App ab."
          : required
            ? "Noch nicht eingerichtet. Für Ihre Rolle in der Verwaltung ist sie vorgeschrieben: Die Seiten der Verwaltung öffnen sich erst danach."
            : "Nicht eingerichtet. Mit einem Code aus einer App auf Ihrem Smartphone schützen Sie Ihr Konto zusätzlich zum Passwort."}
      </p>
      <p>
        <Link to="/konto/zwei-faktor">{enrolled ? "Zwei-Faktor-Anmeldung verwalten" : "Zwei-Faktor-Anmeldung einrichten"}</Link>
      </p>
    </section>
  );
}
