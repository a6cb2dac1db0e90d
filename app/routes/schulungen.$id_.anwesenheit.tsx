import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "~/components/alert";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { DescriptionList } from "~/components/description-list";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { DataTable, type Column } from "~/components/table";
import { contextOf } from "~/context";
import { notFound, PublicError } from "~/errors";
import { formatDate } from "~/format";
import { requireUser } from "~/modules/auth/guards.server";
import { attendanceSheet, saveAttendance } from "~/modules/training/attendance.server";
import printStyles from "~/styles/print.css";
import { parseRowId, rowIdField, rowIdOrNotFound } from "~/validation";

const saveSchema = z.object({
  dateId: rowIdField(),
  present: z.array(rowIdField()).max(10_000),
});

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles, media: "print" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const sheet = await attendanceSheet({ user, seminarId: rowIdOrNotFound(params.id) });
  const saved = parseRowId(new URL(request.url).searchParams.get("gespeichert"));
  const savedDate = sheet.facts.dates.find((d) => d.id === saved);
  return {
    seminar: { id: sheet.facts.id, title: sheet.facts.title, typeLabel: sheet.facts.typeLabel, location: sheet.facts.location, trainers: sheet.facts.trainers },
    cancelled: sheet.cancelled,
    dates: sheet.facts.dates.map((d) => ({ id: d.id, label: d.label, day: formatDate(d.startsAt), recordable: sheet.recordable[d.id] })),
    participants: sheet.participants,
    saved: savedDate ? `Die Anwesenheit am ${formatDate(savedDate.startsAt)} ist gespeichert.` : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = rowIdOrNotFound(params.id);
  const form = await request.formData();
  if (form.get("intent") !== "save") notFound();
  const parsed = saveSchema.safeParse({ dateId: form.get("dateId"), present: form.getAll("present") });
  if (!parsed.success) return data({ dateId: null, errors: ["Die Angaben sind ungültig. Bitte laden Sie die Seite neu."] }, { status: 400 });
  try {
    await saveAttendance({ user, seminarId: id, dateId: parsed.data.dateId, presentIds: parsed.data.present, ip: contextOf(context).clientIp ?? null });
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ dateId: parsed.data.dateId, errors: [error.message] }, { status: error.status });
  }
  return redirect(`/schulungen/${id}/anwesenheit?gespeichert=${parsed.data.dateId}`);
}

export const handle: PageHandle = {
  area: "schulungen",
  breadcrumb: (data: { seminar?: { id: number; title: string } } | undefined) =>
    data?.seminar ? [{ label: data.seminar.title, to: `/schulungen/${data.seminar.id}` }, { label: "Anwesenheit" }] : [{ label: "Anwesenheit" }],
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Anwesenheit: ${data.seminar.title}` : "Anwesenheit", "schulungen") }];

type Row = ReturnType<typeof useLoaderData<typeof loader>>["participants"][number];

export default function Attendance() {
  const { seminar, cancelled, dates, participants, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formId = (dateId: number) => `anwesenheit-${dateId}`;
  const columns: Column<Row>[] = [
    { key: "name", header: "Name", rowHeader: true, cell: (p) => p.name },
    { key: "municipality", header: "Kommune", cell: (p) => p.municipality || "–" },
    ...dates.map(
      (d): Column<Row> => ({
        key: `date-${d.id}`,
        header: d.day,
        label: `Anwesend am ${d.day}`,
        cell: (p) => (
          <div className="kern-form-check">
            <input
              type="checkbox"
              className="kern-form-check__checkbox"
              id={`present-${d.id}-${p.id}`}
              name="present"
              value={p.id}
              form={formId(d.id)}
              defaultChecked={p.present[d.id] === true}
              disabled={!d.recordable || cancelled}
            />
            <label className="kern-label" htmlFor={`present-${d.id}-${p.id}`}>
              <span className="visually-hidden">{`${p.name} am ${d.day} `}</span>anwesend
            </label>
          </div>
        ),
      }),
    ),
  ];
  return (
    <>
      <h1>{`Anwesenheit: ${seminar.title}`}</h1>
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      {actionData?.errors ? <ErrorSummary errors={actionData.errors.map((message) => ({ message }))} /> : null}
      {cancelled ? (
        <Alert tone="warning" title="Abgesagt">
          <p className="kern-body">Die Veranstaltung ist abgesagt; eine Anwesenheit lässt sich nicht mehr erfassen.</p>
        </Alert>
      ) : null}
      <DescriptionList
        items={[
          { term: "Art", value: seminar.typeLabel },
          { term: "Termine", value: dates.length ? dates.map((d) => d.label).join("; ") : "Noch keine Termine" },
          { term: "Ort", value: seminar.location || "–" },
          { term: "Leitung", value: seminar.trainers.join(", ") || "–" },
        ]}
      />
      <p className="print-hidden">
        <a href={`/schulungen/${seminar.id}/anwesenheit.pdf`} className="kern-link">
          Anwesenheitsliste mit Unterschriftenspalte als PDF
        </a>
      </p>
      {participants.length ? (
        <>
          <DataTable caption="Bestätigte Teilnehmende" columns={columns} rows={participants} rowKey={(p) => p.id} />
          <div className="stack print-hidden">
            {dates.map((d) => (
              <Form key={d.id} method="post" id={formId(d.id)} aria-label={`Anwesenheit am ${d.day}`}>
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="dateId" value={d.id} />
                {d.recordable && !cancelled ? (
                  <Button variant="secondary" disabled={navigation.state === "submitting"}>{`Anwesenheit am ${d.day} speichern`}</Button>
                ) : (
                  <p className="kern-body">{cancelled ? `Termin am ${d.day}: abgesagt.` : `Die Anwesenheit am ${d.day} lässt sich ab diesem Tag erfassen.`}</p>
                )}
              </Form>
            ))}
          </div>
        </>
      ) : (
        <p className="kern-body">Es gibt noch keine bestätigten Teilnehmenden.</p>
      )}
    </>
  );
}
