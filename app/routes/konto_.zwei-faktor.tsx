import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { ErrorSummary, StatusMessage, summariseErrors, TextField } from "~/components/forms";
import { ProofForm, QrCode, RecoveryCodes } from "~/components/second-factor";
import { contextOf } from "~/context";
import { PublicError, replyWithError } from "~/errors";
import { formatDateTime } from "~/format";
import { requireUser, type CurrentUser } from "~/modules/auth/guards.server";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { confirmEnrolmentSchema, proofSchema } from "~/modules/auth/second-factor";
import {
  confirmEnrolment,
  enrolmentView,
  removeOwnSecondFactor,
  renewRecoveryCodes,
  secondFactorRequired,
  secondFactorStatus,
  startEnrolment,
} from "~/modules/auth/second-factor.server";
import { doneKey } from "~/validation";

const DONE_MESSAGES = {
  ausgeschaltet: "Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Wir haben Ihnen eine Bestätigung per E-Mail gesendet.",
  zurueckgesetzt: "Die Zwei-Faktor-Anmeldung ist zurückgesetzt. Richten Sie sie jetzt neu ein; wir haben Ihnen eine Bestätigung per E-Mail gesendet.",
} as const;

/** Where the page leads after the enrolment: back to the page that asked for it, if one did. */
function continueTo(url: URL) {
  const target = url.searchParams.get("redirectTo");
  return target ? safeRedirectPath(target, "/verwaltung") : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const status = await secondFactorStatus(user.id);
  const done = url.searchParams.get("erledigt");
  return {
    status: status.enrolled ? { enrolled: true as const, since: status.since, recoveryCodesLeft: status.recoveryCodesLeft } : { enrolled: false as const },
    enrolment: status.enrolled ? null : await enrolmentView(user),
    required: secondFactorRequired(user),
    // Sent here by the guard of a Verwaltung page (requireSecondFactorFor).
    sentByGuard: url.searchParams.has("pflicht"),
    continueTo: continueTo(url),
    done: doneKey(DONE_MESSAGES, done),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const formData = await request.formData();
  const ip = contextOf(context).clientIp ?? null;
  switch (formData.get("intent")) {
    case "start":
      await startEnrolment({ userId: user.id });
      // Back to the same page (and its query: the reason and where to continue), now with the QR code.
      return redirect(`/konto/zwei-faktor${url.search}`);
    case "confirm":
      return confirm(user, formData, ip);
    case "remove":
      return withProof("remove", formData, async (proof) => {
        const change = await removeOwnSecondFactor({ user, ...proof, ip });
        return redirect(`/konto/zwei-faktor?erledigt=${change === "reset" ? "zurueckgesetzt" : "ausgeschaltet"}`);
      });
    case "renew":
      return withProof("renew", formData, async (proof) => ({ intent: "renew" as const, recoveryCodes: await renewRecoveryCodes({ user, ...proof, ip }) }));
    default:
      throw new Response("Unbekannte Aktion", { status: 400 });
  }
}

async function confirm(user: CurrentUser, formData: FormData, ip: string | null) {
  const submission = parseWithZod(formData, { schema: confirmEnrolmentSchema });
  if (submission.status !== "success") return data({ intent: "confirm" as const, result: submission.reply({ hideFields: ["code"] }) }, { status: 400 });
  try {
    // Shown once, straight from the action: only the hashes are stored.
    return { intent: "confirm" as const, recoveryCodes: await confirmEnrolment({ user, sessionId: user.session.id, code: submission.value.code, ip }) };
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error, ["code"]);
    return data({ intent: "confirm" as const, result: reply }, { status: error.status });
  }
}

/** A change that needs the password and a code; wrong answers go back to the form that sent them. */
async function withProof<T>(intent: "remove" | "renew", formData: FormData, change: (proof: z.infer<typeof proofSchema>) => Promise<T>) {
  const submission = parseWithZod(formData, { schema: proofSchema });
  const hideFields = ["password", "code"];
  if (submission.status !== "success") return data({ intent, result: submission.reply({ hideFields }) }, { status: 400 });
  try {
    return await change(submission.value);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    const reply = replyWithError(submission, error, hideFields);
    return data({ intent, result: reply }, { status: error.status });
  }
}

export const handle: PageHandle = { breadcrumb: () => [{ label: "Mein Konto", to: "/konto" }, { label: "Zwei-Faktor-Anmeldung" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Zwei-Faktor-Anmeldung") }];

type ActionData = { intent: string; result?: SubmissionResult<string[]>; recoveryCodes?: string[] } | undefined;

export default function SecondFactorPage() {
  const { status, enrolment, required, sentByGuard, continueTo, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const resultOf = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const newCodes = actionData?.recoveryCodes;
  return (
    <>
      <h1>Zwei-Faktor-Anmeldung</h1>
      {done ? <StatusMessage>{DONE_MESSAGES[done]}</StatusMessage> : null}
      {newCodes ? (
        <>
          <StatusMessage>
            {actionData?.intent === "confirm"
              ? "Die Zwei-Faktor-Anmeldung ist eingerichtet. Ab jetzt fragt das Portal bei der Anmeldung nach dem Code aus Ihrer App. Auf allen anderen Geräten wurden Sie abgemeldet."
              : "Ihre neuen Wiederherstellungscodes sind erzeugt. Die bisherigen Codes gelten nicht mehr."}
          </StatusMessage>
          <RecoveryCodes codes={newCodes} />
          {continueTo ? (
            <p>
              <Link to={continueTo}>Weiter zur Seite, die Sie öffnen wollten</Link>
            </p>
          ) : null}
        </>
      ) : null}
      {status.enrolled ? (
        <Enrolled since={status.since} codesLeft={status.recoveryCodesLeft} required={required} resultOf={resultOf} />
      ) : (
        <>
          {required ? (
            <Alert tone={sentByGuard ? "warning" : "info"} title="Für die Verwaltung vorgeschrieben">
              <p className="kern-body">
                Sie haben eine Rolle in der Verwaltung (Administration oder Geschäftsführung eines Zentrums). Damit niemand mit Ihrem Passwort allein an
                diese Daten kommt, öffnen sich die Seiten der Verwaltung erst, wenn Sie die Zwei-Faktor-Anmeldung eingerichtet haben.
                {sentByGuard ? " Danach geht es weiter zu der Seite, die Sie öffnen wollten." : ""}
              </p>
            </Alert>
          ) : null}
          <p>
            Mit der Zwei-Faktor-Anmeldung fragt das Portal nach Ihrem Passwort zusätzlich nach einem Code, den eine App auf Ihrem Smartphone alle 30
            Sekunden neu erzeugt. Wer Ihr Passwort kennt, kommt ohne Ihr Smartphone nicht in Ihr Konto.
          </p>
          {enrolment ? <Enrol enrolment={enrolment} lastResult={resultOf("confirm")} /> : <StartEnrolment />}
        </>
      )}
    </>
  );
}

function StartEnrolment() {
  return (
    <>
      <p>
        Sie brauchen eine Authentifizierungs-App, zum Beispiel FreeOTP, Aegis, Google Authenticator oder Microsoft Authenticator, oder einen
        Passwort-Manager, der Codes erzeugen kann. Die Einrichtung dauert etwa zwei Minuten.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <Button>Einrichtung beginnen</Button>
      </Form>
    </>
  );
}

function Enrol({ enrolment, lastResult }: { enrolment: { qr: { size: number; path: string }; secret: string }; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "bestaetigen",
    lastResult,
    constraint: getZodConstraint(confirmEnrolmentSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: confirmEnrolmentSchema }),
  });
  return (
    <>
      <section aria-labelledby="schritt-1" className="stack">
        <h2 id="schritt-1">1. Konto in der App anlegen</h2>
        <p>Scannen Sie den QR-Code mit Ihrer App.</p>
        <QrCode qr={enrolment.qr} />
        <p>Oder geben Sie den Schlüssel von Hand ein (zeitbasiert, 6 Ziffern, 30 Sekunden):</p>
        <p>
          <code className="token secret-key">{enrolment.secret}</code>
        </p>
      </section>
      <section aria-labelledby="schritt-2" className="stack">
        <h2 id="schritt-2">2. Mit dem ersten Code bestätigen</h2>
        <ErrorSummary errors={summariseErrors(form.errors, [fields.code])} />
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="confirm" />
          <TextField field={fields.code} label="Code aus der App" hint="6 Ziffern, zum Beispiel 123 456" inputMode="numeric" autoComplete="one-time-code" width="numeric" required />
          <Button disabled={navigation.state === "submitting"}>Einrichten</Button>
        </Form>
      </section>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <Button variant="tertiary">Neu beginnen (neuer QR-Code)</Button>
      </Form>
    </>
  );
}

function Enrolled({ since, codesLeft, required, resultOf }: { since: Date | string; codesLeft: number; required: boolean; resultOf: (intent: string) => SubmissionResult<string[]> | undefined }) {
  return (
    <>
      <p>
        Die Zwei-Faktor-Anmeldung ist eingerichtet seit {formatDateTime(since)}.{" "}
        {codesLeft > 0
          ? `Sie haben noch ${codesLeft} unbenutzte Wiederherstellungscodes.`
          : "Sie haben keine unbenutzten Wiederherstellungscodes: Erzeugen Sie neue, damit Sie sich auch ohne Ihre App anmelden können."}
      </p>
      <section aria-labelledby="neue-codes-titel">
        <h2 id="neue-codes-titel">Neue Wiederherstellungscodes</h2>
        <p>Erzeugen Sie neue Codes, wenn Sie die alten verbraucht oder verloren haben. Die bisherigen Codes gelten danach nicht mehr.</p>
        <ProofForm id="neue-codes" intent="renew" submitLabel="Neue Wiederherstellungscodes erzeugen" variant="secondary" lastResult={resultOf("renew")} />
      </section>
      <section aria-labelledby="entfernen-titel">
        <h2 id="entfernen-titel">{required ? "Zurücksetzen" : "Ausschalten"}</h2>
        <p>
          {required
            ? "Zum Beispiel für ein neues Smartphone: Die bisherige App und Ihre Wiederherstellungscodes gelten danach nicht mehr. Richten Sie die Zwei-Faktor-Anmeldung gleich danach neu ein; bis dahin öffnet sich die Verwaltung nicht."
            : "Danach genügt bei der Anmeldung wieder Ihr Passwort. Ihre Wiederherstellungscodes gelten nicht mehr."}{" "}
          Wir schicken Ihnen eine Bestätigung per E-Mail.
        </p>
        <ProofForm id="entfernen" intent="remove" submitLabel={required ? "Zwei-Faktor-Anmeldung zurücksetzen" : "Zwei-Faktor-Anmeldung ausschalten"} variant="danger" lastResult={resultOf("remove")} />
      </section>
    </>
  );
}
