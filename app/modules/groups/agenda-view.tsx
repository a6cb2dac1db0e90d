import { Form, Link } from "@remix-run/react";
import { BreakableText } from "~/components/breakable-text";
import { Button, ButtonRow } from "~/components/button";
import { FileField, NumberField, plainField, TextField } from "~/components/forms";

/**
 * The agenda on the meeting page (issue 9, item 4): every item with its start time, presenter,
 * duration and documents; what the automatic items list; for chairs, the editor of one item at a
 * time with one small form per change (hidden `intent`), so everything works without JavaScript.
 */
export interface AgendaViewItem {
  id: number;
  kind: string;
  /** "TOP 3, 10:20 Uhr: …", the title with soft hyphens (long German words at 320 px). */
  heading: string;
  /** Presenter and duration in one sentence. */
  details: string;
  documents: { id: string; name: string; size: number }[];
}

/** What the editor's form of the open item shows: the stored item, or after a refused change what was typed. */
export interface AgendaEditorData {
  id: number;
  title: string;
  presenter: string;
  durationMinutes: number | string | null;
}

export interface AgendaViewData {
  items: AgendaViewItem[];
  /** Each open action item as one line (title, owner, due date, "vertagt"). */
  openTasks: { id: number; line: string }[];
  previous: { title: string; date: string; path: string } | null;
}

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024)).toLocaleString("de-DE")} KB`;

function Hidden({ fields }: { fields: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function ItemExtras({ item, agenda }: { item: AgendaViewItem; agenda: AgendaViewData }) {
  if (item.kind === "offene_aufgaben") {
    return agenda.openTasks.length ? (
      <ul>
        {agenda.openTasks.map((t) => (
          <li key={t.id}>{t.line}</li>
        ))}
      </ul>
    ) : (
      <p className="kern-body">Keine offenen Aufgaben.</p>
    );
  }
  if (item.kind === "protokoll_genehmigung") {
    return agenda.previous ? (
      <p className="kern-body">
        <Link to={agenda.previous.path}>{`Protokoll der Sitzung „${agenda.previous.title}“ vom ${agenda.previous.date}`}</Link>
      </p>
    ) : null;
  }
  return null;
}

function ItemErrors({ itemId, errors }: { itemId: number; errors: string[] }) {
  return errors.length ? (
    <p className="kern-error" id={`item-${itemId}-error`} role="alert">
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span className="kern-body">{errors.join(" ")}</span>
    </p>
  ) : null;
}

const MOVE_LABELS = { up: "Nach oben", down: "Nach unten" } as const;

function MoveButton({ itemId, direction, label, busy }: { itemId: number; direction: keyof typeof MOVE_LABELS; label: string; busy: boolean }) {
  return (
    <Form method="post">
      <Hidden fields={{ intent: "agenda_move", itemId, direction }} />
      <Button variant="secondary" disabled={busy} aria-label={`${label} ${MOVE_LABELS[direction].toLowerCase()}`}>
        {MOVE_LABELS[direction]}
      </Button>
    </Form>
  );
}

/** The chair's tools for one item: its fields, its place in the order, its documents. */
function ItemEditor({ item, fields, index, count, errors, busy, documentBase, closeTo }: { item: AgendaViewItem; fields: AgendaEditorData; index: number; count: number; errors: string[]; busy: boolean; documentBase: string; closeTo: string }) {
  const label = `TOP ${index + 1}`;
  return (
    <div className="stack agenda-editor">
      <h4 className="kern-heading-small">{`${label} bearbeiten`}</h4>
      <ItemErrors itemId={item.id} errors={errors} />
      <Form method="post" className="stack">
        <Hidden fields={{ intent: "agenda_update", itemId: item.id }} />
        <TextField field={plainField({ name: "title", id: `item-${item.id}-title`, value: fields.title })} label="Titel" required />
        <TextField field={plainField({ name: "presenter", id: `item-${item.id}-presenter`, value: fields.presenter })} label="Vortrag" optional />
        <NumberField field={plainField({ name: "durationMinutes", id: `item-${item.id}-minutes`, value: fields.durationMinutes === null ? "" : String(fields.durationMinutes) })} label="Dauer in Minuten" optional />
        <ButtonRow>
          <Button variant="secondary" disabled={busy}>
            Punkt speichern
          </Button>
        </ButtonRow>
      </Form>
      <ButtonRow>
        {index > 0 ? <MoveButton itemId={item.id} direction="up" label={label} busy={busy} /> : null}
        {index < count - 1 ? <MoveButton itemId={item.id} direction="down" label={label} busy={busy} /> : null}
        <Form method="post">
          <Hidden fields={{ intent: "agenda_remove", itemId: item.id }} />
          <Button variant="danger" disabled={busy} aria-label={`${label}: Punkt entfernen`}>
            Punkt entfernen
          </Button>
        </Form>
      </ButtonRow>
      {item.documents.length ? (
        <ul aria-label={`Unterlagen zu ${label} entfernen`}>
          {item.documents.map((d) => (
            <li key={d.id}>
              <a href={`${documentBase}/${d.id}`}>
                <BreakableText text={d.name} />
              </a>{" "}
              <Form method="post" className="inline-form">
                <Hidden fields={{ intent: "document_remove", documentId: d.id, itemId: item.id }} />
                <Button variant="tertiary" disabled={busy} aria-label={`Unterlage ${d.name} entfernen`}>
                  Entfernen
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <Hidden fields={{ intent: "document_upload", itemId: item.id }} />
        <FileField name="dokument" id={`item-${item.id}-dokument`} label="Unterlagen anhängen" hint="PDF- und Office-Dokumente ohne Makros, je Datei bis 10 MB, bis zu 5 auf einmal." accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp" />
        <ButtonRow>
          <Button variant="secondary" disabled={busy}>
            Hochladen
          </Button>
        </ButtonRow>
      </Form>
      <p className="kern-body">
        <Link to={closeTo}>Bearbeiten beenden</Link>
      </p>
    </div>
  );
}

/**
 * The chair edits one item at a time (`?bearbeiten=<id>`, a link per item): the page stays light
 * with 50 items (five forms per item made it about six times as heavy as the bare page), and an
 * item whose change failed keeps its editor open with the message.
 */
export function AgendaView({
  agenda,
  documentBase,
  editable,
  editor,
  pagePath,
  errorsFor,
  busy,
}: {
  agenda: AgendaViewData;
  documentBase: string;
  editable: boolean;
  /** The item whose editor is open, with its fields. */
  editor: AgendaEditorData | null;
  /** The meeting page's path, for the links that open and close an editor. */
  pagePath: string;
  errorsFor: (itemId: number) => string[];
  busy: boolean;
}) {
  if (!agenda.items.length) return <p className="kern-body">Die Tagesordnung hat noch keine Punkte.</p>;
  return (
    <ol className="stack agenda">
      {agenda.items.map((item, index) => {
        // The editor opens for the item of `?bearbeiten=`; a failed change comes from that editor and shows there.
        const errors = errorsFor(item.id);
        const fields = editable && editor?.id === item.id ? editor : null;
        return (
          <li key={item.id} id={`top-${item.id}`} className="stack">
            <h3 className="kern-heading-small">{item.heading}</h3>
            {editable && !fields ? <ItemErrors itemId={item.id} errors={errors} /> : null}
            <p className="kern-body">
              {editable && !fields ? `${item.details} ` : item.details}
              {editable && !fields ? (
                <>
                  {/* A plain link (the editor opens with a page load): in the bench, 50 router links, each with its own hooks, cost about 2.7 ms per request. */}
                  <a href={`${pagePath}?bearbeiten=${item.id}#top-${item.id}`}>{`TOP ${index + 1} bearbeiten`}</a>
                </>
              ) : null}
            </p>
            <ItemExtras item={item} agenda={agenda} />
            {item.documents.length ? (
              <ul aria-label={`Unterlagen zu TOP ${index + 1}`}>
                {item.documents.map((d) => (
                  <li key={d.id}>
                    <a href={`${documentBase}/${d.id}`}>
                      <BreakableText text={d.name} />
                    </a>{" "}
                    ({kilobytes(d.size)})
                  </li>
                ))}
              </ul>
            ) : null}
            {fields ? (
              <ItemEditor item={item} fields={fields} index={index} count={agenda.items.length} errors={errors} busy={busy} documentBase={documentBase} closeTo={`${pagePath}#top-${item.id}`} />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
