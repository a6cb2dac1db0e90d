import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getArea, pageTitle, sectionsFor, type PageHandle } from "~/components/areas";
import { Card, CardGrid } from "~/components/card";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "centre_manager");
  const roles = [...new Set(user.roles.map((r) => r.role))];
  return { sections: sectionsFor(getArea("verwaltung"), roles).map((s) => ({ to: s.to, label: s.label })) };
}

export const handle: PageHandle = { area: "verwaltung" };

export const meta: MetaFunction = () => [{ title: pageTitle("Übersicht", "verwaltung") }];

/** What each section is for, in the words of the people who use it. */
const DESCRIPTIONS: Record<string, string> = {
  "/admin/personen": "Personen einladen, Rollen vergeben, Einladungen erneut senden und Konten deaktivieren.",
  "/mitglieder": "Die Mitgliedskommunen mit Einwohnerzahl und Umlage; Mitglieder bearbeiten und neue aufnehmen.",
  "/admin/zentren": "Anschrift, Telefon und E-Mail der vier Zentren pflegen.",
  "/admin/postfach": "Vom Portal versandte E-Mails lesen, solange kein Mailserver angebunden ist.",
  "/admin/audit": "Nachvollziehen, wer wann was geändert hat, und das Protokoll als CSV exportieren.",
};

export default function AdministrationIndex() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Verwaltung</h1>
      <p>Hier pflegen Sie die Stammdaten des Portals. Jede Änderung wird im Protokoll festgehalten.</p>
      <CardGrid>
        {sections.map((s) => (
          <li key={s.to}>
            <Card title={s.label} to={s.to} level={2}>
              <p className="kern-body">{DESCRIPTIONS[s.to]}</p>
            </Card>
          </li>
        ))}
      </CardGrid>
    </>
  );
}
