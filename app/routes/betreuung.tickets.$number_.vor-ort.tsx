import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DateField, ErrorSummary, plainField, SelectField, StatusMessage, summariseErrors, TextField } from "~/components/forms";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { formatDate, formatRange } from "~/format";
import { requireRole } from "~/modules/auth/guards.server";
import { durationLabel, VISIT_DURATIONS, visitSchema } from "~/modules/tickets/visits";
import { cancelVisit, moveVisit, scheduleVisit, ticketVisitsPage } from "~/modules/tickets/visits.server";
import { doneMessage, rowIdField } from "~/validation";

const STAFF = ["adviser", "centre_manager", "admin"] as const;
const DONE = { vereinbart: "Der Termin ist vereinbart. Die Einladungen sind unterwegs.", verschoben: "Der Termin ist verschoben. Alle Eingeladenen erhalten die Änderung.", abgesagt: "Der Termin ist abgesagt. Alle Eingeladenen erhalten die Absage." } as const;
const visitRef = z.object({ visitId: rowIdField(), expectedSequence: z.coerce.number().int().min(0).optional() });

function ticketNumber(params: { number?: string }) {
  const number = params.number ?? "";
  if (!/^KAI-\d{4}-\d{5,}$/.test(number)) notFound();
  return number;
}

const durationOptions = VISIT_DURATIONS.map((m) => ({ value: String(m), label: durationLabel(m) }));
const berlinInput = (d: Date | string) => {
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(d));
  const [date, time] = parts.split(" ");
  return { date, time };
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ...STAFF);
  const page = await ticketVisitsPage(user, ticketNumber(params));
  const done = new URL(request.url).searchParams.get("erledigt");
  return {
    ...page,
    visits: page.visits.map((v) => ({ ...v, when: formatRange(v.startsAt, v.endsAt), ...berlinInput(v.startsAt), durationMinutes: Math.round((new Date(v.endsAt).getTime() - new Date(v.startsAt).getTime()) / 60_000) })),
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ...STAFF);
  const number = ticketNumber(params);
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: keyof typeof DONE) => redirect(`/betreuung/tickets/${number}/vor-ort?erledigt=${done}`);
  if (intent === "move" || intent === "cancel") {
    const ref = visitRef.safeParse(Object.fromEntries(form));
    if (!ref.success) notFound();
    const visitId = ref.data.visitId;
    try {
      if (intent === "cancel") {
        await cancelVisit({ user, number, visitId, ip });
        return back("abgesagt");
      }
      const parsed = visitSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return data({ intent, visitId, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
      await moveVisit({ user, number, visitId, expectedSequence: ref.data.expectedSequence ?? 0, input: parsed.data, ip });
      return back("verschoben");
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      return data({ intent, visitId, errors: [error.message] }, { status: error.status });
    }
  }
  const submission = parseWithZod(form, { schema: visitSchema });
  if (submission.status !== "success") return data({ intent: "schedule" as const, result: submission.reply() }, { status: 400 });
  try {
    await scheduleVisit({ user, number, input: submission.value, ip });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ intent: "schedule" as const, result: replyWithError(submission, error) }, { status: error.status });
  }
  return back("vereinbart");
}

export const handle: PageHandle = {
  area: "betreuung",
  breadcrumb: (data: { ticket?: { number: string } } | undefined) =>
    data?.ticket ? [{ label: data.ticket.number, to: `/betreuung/tickets/${data.ticket.number}` }, { label: "Vor-Ort-Termin" }] : [{ label: "Vor-Ort-Termin" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Vor-Ort-Termin zu ${data.ticket.number}` : "Vor-Ort-Termin", "betreuung") }];

export default function TicketVisits() {
  const { ticket, visits, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const scheduleResult = actionData && "result" in actionData ? actionData.result : undefined;
  const [form, fields] = useForm({
    lastResult: scheduleResult,
    defaultValue: { address: ticket.defaultAddress, durationMinutes: "60", time: "09:00" },
    constraint: getZodConstraint(visitSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: visitSchema }),
  });
  const visitErrors = actionData && "visitId" in actionData ? actionData : null;
  return (
    <>
      <h1>{`Vor-Ort-Termin zu ${ticket.number}`}</h1>
      <p>
        Ticket <Link to={`/betreuung/tickets/${ticket.number}`}>{ticket.number} „{ticket.title}“</Link> der Kommune {ticket.municipality}. Die
        meldende Person ({ticket.reporterName}) und Sie erhalten eine Kalendereinladung; Änderungen und Absagen gehen an beide.
      </p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}

      <h2>Termine</h2>
      {visits.length ? (
        <ul className="stack">
          {visits.map((v) => (
            <li key={v.id} className="stack">
              <h3 className="kern-heading-small">
                {v.when} {v.status === "cancelled" ? "(abgesagt)" : ""}
              </h3>
              <p className="kern-body">Adresse: {v.address}</p>
              {visitErrors?.visitId === v.id ? <ErrorSummary errors={visitErrors.errors.map((message) => ({ message }))} /> : null}
              {v.status === "confirmed" ? (
                <>
                  <Form method="post" className="stack" aria-label={`Termin am ${formatDate(v.startsAt)} verschieben`}>
                    <input type="hidden" name="intent" value="move" />
                    <input type="hidden" name="visitId" value={v.id} />
                    <input type="hidden" name="expectedSequence" value={v.sequence} />
                    <DateField field={plainField({ name: "date", id: `move-${v.id}-date`, value: v.date })} label="Neues Datum" required />
                    <TextField field={plainField({ name: "time", id: `move-${v.id}-time`, value: v.time })} label="Neue Uhrzeit" hint="Zum Beispiel 09:30." inputMode="numeric" required width="numeric" />
                    <SelectField field={plainField({ name: "durationMinutes", id: `move-${v.id}-duration`, value: String(v.durationMinutes) })} label="Dauer" options={durationOptions} placeholder={null} />
                    <TextField field={plainField({ name: "address", id: `move-${v.id}-address`, value: v.address })} label="Adresse" required />
                    <div className="button-row">
                      <Button variant="secondary">Termin verschieben</Button>
                    </div>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="visitId" value={v.id} />
                    <Button variant="danger" aria-label={`Termin am ${v.when} absagen`}>
                      Termin absagen
                    </Button>
                  </Form>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>Zu diesem Ticket ist noch kein Vor-Ort-Termin vereinbart.</p>
      )}

      <h2>Neuen Termin vereinbaren</h2>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.date, fields.time, fields.durationMinutes, fields.address])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="schedule" />
        <DateField field={fields.date} label="Datum" required />
        <TextField field={fields.time} label="Uhrzeit" hint="Uhrzeit in Deutschland, z. B. 09:30." inputMode="numeric" required width="numeric" />
        <SelectField field={fields.durationMinutes} label="Dauer" options={durationOptions} placeholder={null} required />
        <TextField field={fields.address} label="Adresse" hint="Vorgabe ist die Kommune; bitte Straße und Raum ergänzen." required />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>Termin vereinbaren</Button>
        </div>
      </Form>
    </>
  );
}
