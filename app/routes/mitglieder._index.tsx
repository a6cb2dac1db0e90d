import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { CentreContact } from "~/components/centre-contact";
import { ErrorSummary, StatusMessage } from "~/components/forms";
import { ScrollableTable } from "~/components/table";
import { formatDate } from "~/format";
import { getCurrentUser } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/roles";
import { formatEuro, formatNumber, joiningFeeCents, yearlyLevyCents } from "~/modules/members/levy";
import { getMember, listMembersByCentre } from "~/modules/members/queries.server";
import { memberFilterSchema, STATES } from "~/modules/members/validation";

const FILTER_FIELDS = { zentrum: "zentrum-filter", bundesland: "bundesland-filter", q: "suche" } as const;
type FilterKey = keyof typeof FILTER_FIELDS;

/** Each filter on its own: a bad value drops only that filter, and the page says so (D16, D18). */
function parseFilter(params: URLSearchParams) {
  const value: { zentrum?: string; bundesland?: string; q?: string } = {};
  const errors: { id: string; message: string }[] = [];
  for (const key of Object.keys(FILTER_FIELDS) as FilterKey[]) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = memberFilterSchema.shape[key].safeParse(raw);
    if (parsed.success) value[key] = parsed.data || undefined;
    else errors.push({ id: FILTER_FIELDS[key], message: parsed.error.issues[0].message });
  }
  return { value, errors };
}

/** `?gespeichert=<id>` / `?angelegt=<id>` after a redirect: a message naming the member and its levy. */
async function doneMessage(params: URLSearchParams) {
  for (const [key, verb] of [["gespeichert", "gespeichert"], ["angelegt", "als Mitglied angelegt"]] as const) {
    const raw = params.get(key);
    if (!raw || !/^\d{1,9}$/.test(raw)) continue;
    const member = await getMember(Number(raw));
    if (!member) continue;
    const levy = `Umlage pro Jahr: ${formatEuro(yearlyLevyCents(member.inhabitants))}.`;
    const fee = key === "angelegt" ? ` Beitrittsgeld (einmalig): ${formatEuro(joiningFeeCents(member.inhabitants))}.` : "";
    return { memberId: member.id, text: `${member.name} ${verb}. ${levy}${fee}` };
  }
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page; signing in only adds the admin links.
  const viewer = await getCurrentUser(request);
  const url = new URL(request.url);
  const filter = parseFilter(url.searchParams);
  const [list, done] = await Promise.all([
    listMembersByCentre({ centreId: filter.value.zentrum, state: filter.value.bundesland, q: filter.value.q }),
    doneMessage(url.searchParams),
  ]);
  const body = {
    canEdit: viewer ? hasRole(viewer.roles, "admin") : false,
    done,
    filter: filter.value,
    filterErrors: filter.errors,
    filtered: list.filtered,
    shown: list.shown,
    showMemberSince: list.anyMemberSince,
    centres: list.centres.map((c) => ({
      id: c.id,
      name: c.name,
      city: c.city,
      street: c.street,
      postalCode: c.postalCode,
      phone: c.phone,
      email: c.email,
      managers: c.managers,
      memberCount: c.memberCount,
      inhabitants: c.inhabitants,
      yearlyLevyCents: c.yearlyLevyCents,
      joiningFeeCents: c.joiningFeeCents,
      shown: c.shown,
      members: c.members.map((m) => ({
        id: m.id,
        name: m.name,
        kind: m.kind,
        state: m.state,
        district: m.district,
        inhabitants: m.inhabitants,
        memberSince: m.memberSince,
        yearlyLevyCents: m.yearlyLevyCents,
        joiningFeeCents: m.joiningFeeCents,
      })),
    })),
    total: list.total,
  };
  return filter.errors.length ? data(body, { status: 400 }) : body;
}

export const meta: MetaFunction = () => [
  { title: "Mitglieder – KAI-Portal" },
  { name: "description", content: "Die Mitgliedskommunen der KAI nach Zentren, mit Einwohnerzahl und Umlage." },
];

export default function Members() {
  const { canEdit, done, filter, filterErrors, filtered, shown, showMemberSince, centres, total } = useLoaderData<typeof loader>();
  // Back from the edit form: the browser scrolls to #mitglied-<id>; focus follows for keyboard users.
  const savedId = done?.memberId;
  useEffect(() => {
    if (savedId) document.getElementById(`mitglied-${savedId}`)?.focus();
  }, [savedId]);
  const visible = filtered ? centres.filter((c) => c.members.length > 0) : centres;
  return (
    <>
      <h1>Mitglieder</h1>
      {done ? <StatusMessage>{done.text}</StatusMessage> : null}
      <p>
        Die KAI hat {total.members} Mitglieder mit zusammen rund {formatNumber(total.inhabitants)} Einwohnerinnen und Einwohnern. Jedes
        Mitglied zahlt eine jährliche Umlage von 1,50&nbsp;€ je Einwohner; bei Beitritt einmalig 0,50&nbsp;€ je Einwohner. Mehr dazu
        unter <a href="/konditionen">Konditionen</a>.
      </p>
      {canEdit ? (
        <p>
          <Link to="/mitglieder/neu" className="button">
            Mitglied hinzufügen
          </Link>
        </p>
      ) : null}

      <h2>Übersicht nach Zentren</h2>
      <ScrollableTable label="Übersicht nach Zentren" caption="Einwohner, Umlage und Beitrittsgeld je Zentrum">
        <thead>
          <tr>
            <th scope="col">Zentrum</th>
            <th scope="col" className="num">
              Mitglieder
            </th>
            <th scope="col" className="num">
              Einwohner
            </th>
            <th scope="col" className="num">
              Umlage pro Jahr
            </th>
            <th scope="col" className="num">
              Beitrittsgeld (einmalig)
            </th>
          </tr>
        </thead>
        <tbody>
          {centres.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <a href={`#zentrum-${c.id}`}>
                  Zentrum {c.name} ({c.city})
                </a>
              </th>
              <td className="num">{c.memberCount}</td>
              <td className="num">{formatNumber(c.inhabitants)}</td>
              <td className="num">{formatEuro(c.yearlyLevyCents)}</td>
              <td className="num">{formatEuro(c.joiningFeeCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Gesamt</th>
            <td className="num">{total.members}</td>
            <td className="num">{formatNumber(total.inhabitants)}</td>
            <td className="num">{formatEuro(total.yearlyLevyCents)}</td>
            <td className="num">{formatEuro(total.joiningFeeCents)}</td>
          </tr>
        </tfoot>
      </ScrollableTable>

      <h2 id="mitglieder-suchen">Mitglieder suchen</h2>
      <ErrorSummary errors={filterErrors} />
      <Form method="get" role="search" aria-labelledby="mitglieder-suchen" className="filters">
        <div className="field">
          <label htmlFor={FILTER_FIELDS.zentrum}>Zentrum</label>
          <select id={FILTER_FIELDS.zentrum} name="zentrum" defaultValue={filter.zentrum ?? ""}>
            <option value="">Alle Zentren</option>
            {centres.map((c) => (
              <option key={c.id} value={c.id}>
                Zentrum {c.name} ({c.city})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={FILTER_FIELDS.bundesland}>Bundesland</label>
          <select id={FILTER_FIELDS.bundesland} name="bundesland" defaultValue={filter.bundesland ?? ""}>
            <option value="">Alle Bundesländer</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={FILTER_FIELDS.q}>Name</label>
          <input id={FILTER_FIELDS.q} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <div className="field button-row">
          <button type="submit" className="button">
            Filtern
          </button>
          {filtered || filterErrors.length ? <Link to="/mitglieder">Filter zurücksetzen</Link> : null}
        </div>
      </Form>
      <p role="status" aria-live="polite">
        {shown} von {total.members} Mitgliedern
      </p>
      {visible.length === 0 ? (
        <div className="notice">
          <p>Kein Mitglied passt zu den gewählten Filtern.</p>
          <p>
            <Link to="/mitglieder">Filter zurücksetzen</Link> und alle Mitglieder anzeigen.
          </p>
        </div>
      ) : null}

      {visible.map((c) => {
        const label = `Zentrum ${c.name} (${c.city})`;
        return (
          <section key={c.id} aria-labelledby={`zentrum-${c.id}`}>
            <h2 id={`zentrum-${c.id}`}>{label}</h2>
            <CentreContact centre={c} />
            <ScrollableTable label={`Mitglieder ${label}`} caption={filtered ? `${label}: ${c.members.length} von ${c.memberCount} Mitgliedern` : label}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Art</th>
                  <th scope="col">Bundesland</th>
                  <th scope="col">Kreis</th>
                  <th scope="col" className="num">
                    Einwohner
                  </th>
                  {showMemberSince ? <th scope="col">Mitglied seit</th> : null}
                  <th scope="col" className="num">
                    Umlage pro Jahr
                  </th>
                  <th scope="col" className="num">
                    Beitrittsgeld (einmalig)
                  </th>
                  {canEdit ? <th scope="col">Aktion</th> : null}
                </tr>
              </thead>
              <tbody>
                {c.members.map((m) => (
                  <tr key={m.id} id={`mitglied-${m.id}`} tabIndex={-1} className={done?.memberId === m.id ? "member-row--saved" : undefined}>
                    <th scope="row">{m.name}</th>
                    <td>{m.kind}</td>
                    <td>{m.state}</td>
                    <td>{m.district}</td>
                    <td className="num">{formatNumber(m.inhabitants)}</td>
                    {showMemberSince ? <td>{m.memberSince ? formatDate(m.memberSince) : "nicht erfasst"}</td> : null}
                    <td className="num">{formatEuro(m.yearlyLevyCents)}</td>
                    <td className="num">{formatEuro(m.joiningFeeCents)}</td>
                    {canEdit ? (
                      <td>
                        <Link to={`/mitglieder/${m.id}/bearbeiten`}>
                          Bearbeiten<span className="visually-hidden">: {m.name}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {filtered ? `Summe der ${c.shown.members} angezeigten Mitglieder` : `Summe ${label}: ${c.memberCount} Mitglieder`}
                  </th>
                  <td className="num">{formatNumber(c.shown.inhabitants)}</td>
                  {showMemberSince ? <td /> : null}
                  <td className="num">{formatEuro(c.shown.yearlyLevyCents)}</td>
                  <td className="num">{formatEuro(c.shown.joiningFeeCents)}</td>
                  {canEdit ? <td /> : null}
                </tr>
              </tfoot>
            </ScrollableTable>
          </section>
        );
      })}
    </>
  );
}
