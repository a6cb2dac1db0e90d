import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listProcedureCatalogue } from "~/modules/members/queries.server";
import { pageTitle } from "~/components/areas";
import { Alert } from "~/components/alert";
import { Card, CardGrid } from "~/components/card";
import { DataTable } from "~/components/table";
import { hyphenate } from "~/modules/text/hyphenate.server";

export async function loader() {
  // Public page: no guard.
  const { core, framework } = await listProcedureCatalogue();
  return {
    core: core.map((p) => {
      const supportNote = p.supportNote;
      return {
        id: p.id,
        code: p.code,
        name: hyphenate(p.name),
        supportNote: hyphenate(supportNote),
        // A module note that repeats the procedure's note would only be noise.
        modules: p.modules.map((m) => {
          const note = m.supportNote;
          return { id: m.id, name: hyphenate(m.name), supportNote: note === supportNote ? null : hyphenate(note) };
        }),
      };
    }),
    framework: framework.map((p) => ({ id: p.id, name: hyphenate(p.name), supportNote: hyphenate(p.supportNote) })),
  };
}

export const meta: MetaFunction = () => [
  { title: pageTitle("Verfahren", "Über KAI") },
  { name: "description", content: "Die Kernverfahren KAI-EWOS, KAI-FINAS und KAI-PERSOS mit ihren Modulen und die Produkte aus Rahmenverträgen." },
];

export default function Procedures() {
  const { core, framework } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Verfahren</h1>
      <p>
        Die KAI entwickelt drei Kernverfahren selbst. Dazu kommen zahlreiche Produkte, die Mitglieder über Rahmenverträge der KAI
        beziehen; einige davon haben eine Schnittstelle zu den Kernverfahren.
      </p>

      <h2>Kernverfahren</h2>
      <CardGrid>
        {core.map((p) => (
          <li key={p.id}>
            <Card title={`KAI-${p.code}: ${p.name}`}>
              {p.supportNote ? (
                <Alert tone="info" title="Hinweis zur Betreuung">
                  {p.supportNote}
                </Alert>
              ) : null}
              <h4>Module</h4>
              <ul>
                {p.modules.map((m) => (
                  <li key={m.id}>
                    {m.name}
                    {m.supportNote ? <> – {m.supportNote}</> : null}
                  </li>
                ))}
              </ul>
            </Card>
          </li>
        ))}
      </CardGrid>

      <h2>Produkte aus Rahmenverträgen</h2>
      <DataTable
        caption={`Produkte aus Rahmenverträgen (${framework.length})`}
        rows={framework}
        rowKey={(p) => p.id}
        columns={[
          { key: "name", header: "Produkt", rowHeader: true, cell: (p) => p.name },
          {
            key: "note",
            header: "Hinweis zur Betreuung",
            cell: (p) =>
              p.supportNote ?? (
                <>
                  <span aria-hidden="true">–</span>
                  <span className="visually-hidden">kein Hinweis</span>
                </>
              ),
          },
        ]}
      />
    </>
  );
}
