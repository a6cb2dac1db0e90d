import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { pageTitle, type PageHandle } from "~/components/areas";
import { Button } from "~/components/button";
import { ErrorSummary, NumberField, SelectField, StatusMessage, summariseErrors, TextareaField, TextField } from "~/components/forms";
import { DataTable } from "~/components/table";
import { contextOf } from "~/context";
import { notFound, PublicError, replyWithError } from "~/errors";
import { requireRole } from "~/modules/auth/guards.server";
import { createRoom, listCentres, listRooms, setRoomActive, updateRoom } from "~/modules/training/rooms.server";
import { roomSchema } from "~/modules/training/validation";
import { doneMessage, parseRowId, rowIdField } from "~/validation";

/** The training rooms of the four centres (issue 8, item 2). Admins only; for everyone else 404. */
const DONE = { angelegt: "Der Raum ist angelegt.", gespeichert: "Der Raum ist gespeichert.", deaktiviert: "Der Raum ist deaktiviert und kann nicht mehr gebucht werden.", aktiviert: "Der Raum ist wieder buchbar." } as const;
const roomRef = z.object({ roomId: rowIdField() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const url = new URL(request.url);
  const [rooms, centreRows] = await Promise.all([listRooms(), listCentres()]);
  const editId = parseRowId(url.searchParams.get("bearbeiten"));
  const editing = rooms.find((r) => r.id === editId) ?? null;
  const done = url.searchParams.get("erledigt");
  return {
    centres: centreRows.map((c) => ({ ...c, rooms: rooms.filter((r) => r.centreId === c.id) })),
    centreOptions: centreRows.map((c) => ({ value: c.id, label: c.name })),
    editing: editing ? { id: editing.id, centreId: editing.centreId, name: editing.name, capacity: String(editing.capacity), directions: editing.directions ?? "" } : null,
    done: doneMessage(DONE, done),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "admin");
  const ip = contextOf(context).clientIp ?? null;
  const form = await request.formData();
  const intent = form.get("intent");
  const back = (done: keyof typeof DONE) => redirect(`/schulungen/raeume?erledigt=${done}`);
  if (intent === "deactivate" || intent === "activate") {
    const ref = roomRef.safeParse(Object.fromEntries(form));
    if (!ref.success) notFound();
    await setRoomActive({ user, roomId: ref.data.roomId, active: intent === "activate", ip });
    return back(intent === "activate" ? "aktiviert" : "deaktiviert");
  }
  if (intent !== "create" && intent !== "update") throw new Response("Unbekannte Aktion", { status: 400 });
  const submission = parseWithZod(form, { schema: roomSchema });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  try {
    if (intent === "create") {
      await createRoom({ user, input: submission.value, ip });
      return back("angelegt");
    }
    const ref = roomRef.safeParse(Object.fromEntries(form));
    if (!ref.success) notFound();
    await updateRoom({ user, roomId: ref.data.roomId, input: submission.value, ip });
    return back("gespeichert");
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    return data({ intent, result: replyWithError(submission, error) }, { status: error.status });
  }
}

export const handle: PageHandle = { area: "schulungen", breadcrumb: () => [{ label: "Räume" }] };

export const meta: MetaFunction = () => [{ title: pageTitle("Schulungsräume", "schulungen") }];

function RoomForm({ intent, defaultValue, centreOptions, lastResult, heading }: { intent: "create" | "update"; defaultValue?: Record<string, string> | null; centreOptions: { value: string; label: string }[]; lastResult?: SubmissionResult<string[]>; heading: string }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `room-${intent}`,
    lastResult,
    defaultValue: defaultValue ?? undefined,
    constraint: getZodConstraint(roomSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: roomSchema }),
  });
  return (
    <section className="stack" aria-labelledby={`room-${intent}-heading`}>
      <h2 id={`room-${intent}-heading`}>{heading}</h2>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.centreId, fields.name, fields.capacity, fields.directions])} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        {defaultValue?.id ? <input type="hidden" name="roomId" value={defaultValue.id} /> : null}
        <SelectField field={fields.centreId} label="Zentrum" options={centreOptions} required />
        <TextField field={fields.name} label="Name des Raums" required />
        <NumberField field={fields.capacity} label="Plätze" hint="Wie viele Personen der Raum für eine Schulung fasst." required />
        <TextareaField field={fields.directions} label="Wegbeschreibung" hint="Etage, Eingang, Parken; geht mit der Erinnerung an die Teilnehmenden." optional rows={3} />
        <div className="button-row">
          <Button disabled={navigation.state === "submitting"}>{intent === "create" ? "Raum anlegen" : "Raum speichern"}</Button>
          {intent === "update" ? <Link to="/schulungen/raeume">Abbrechen</Link> : null}
        </div>
      </Form>
    </section>
  );
}

type RoomRow = Awaited<ReturnType<typeof loader>>["centres"][number]["rooms"][number];

export default function Rooms() {
  const { centres: list, centreOptions, editing, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Schulungsräume</h1>
      <p>Die Räume der vier Zentren. Eine Veranstaltung kann nicht mehr Plätze haben, als ihr Raum fasst, und ein Raum ist zu jeder Zeit nur einmal buchbar.</p>
      {done ? <StatusMessage>{done}</StatusMessage> : null}
      {editing ? (
        <RoomForm key={editing.id} intent="update" heading={`Raum „${editing.name}“ bearbeiten`} defaultValue={{ ...editing, id: String(editing.id) }} centreOptions={centreOptions} lastResult={actionData?.intent === "update" ? actionData.result : undefined} />
      ) : null}
      {list.map((c) => (
        <section key={c.id} aria-labelledby={`centre-${c.id}`} className="stack">
          <h2 id={`centre-${c.id}`}>{c.name}</h2>
          {c.rooms.length ? (
            <DataTable<RoomRow>
              caption={`Räume im ${c.name}`}
              captionHidden
              rows={c.rooms}
              rowKey={(r) => r.id}
              columns={[
                { key: "name", header: "Raum", rowHeader: true, cell: (r) => r.name },
                { key: "capacity", header: "Plätze", numeric: true, cell: (r) => r.capacity },
                { key: "directions", header: "Wegbeschreibung", cell: (r) => r.directions ?? "–" },
                { key: "active", header: "Stand", cell: (r) => (r.active ? "buchbar" : "deaktiviert") },
                {
                  key: "actions",
                  header: "Aktionen",
                  cell: (r) => (
                    <div className="button-row">
                      <Link to={`/schulungen/raeume?bearbeiten=${r.id}`}>
                        Bearbeiten<span className="visually-hidden">: {r.name}</span>
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value={r.active ? "deactivate" : "activate"} />
                        <input type="hidden" name="roomId" value={r.id} />
                        <Button variant="tertiary">
                          {r.active ? "Deaktivieren" : "Wieder buchbar machen"}
                          <span className="visually-hidden">: {r.name}</span>
                        </Button>
                      </Form>
                    </div>
                  ),
                },
              ]}
            />
          ) : (
            <p>In diesem Zentrum sind noch keine Räume erfasst.</p>
          )}
        </section>
      ))}
      <RoomForm intent="create" heading="Neuen Raum anlegen" centreOptions={centreOptions} lastResult={actionData?.intent === "create" ? actionData.result : undefined} />
    </>
  );
}
