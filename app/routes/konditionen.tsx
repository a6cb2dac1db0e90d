import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, summariseErrors, TextField } from "~/components/forms";
import { formatEuro, formatNumber, JOINING_FEE_CENTS_PER_INHABITANT, joiningFeeCents, YEARLY_LEVY_CENTS_PER_INHABITANT, yearlyLevyCents } from "~/modules/members/levy";
import { levyCalculatorSchema } from "~/modules/members/validation";
import { Button } from "~/components/button";
import { pageTitle } from "~/components/areas";
import { DescriptionList } from "~/components/description-list";
import { Card } from "~/components/card";

/**
 * A GET form: the calculator changes nothing, so the result is a bookmarkable URL and works
 * without JavaScript.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  // Public page: no guard.
  const url = new URL(request.url);
  if (!url.searchParams.has("einwohner")) return { lastResult: null, result: null };
  const submission = parseWithZod(url.searchParams, { schema: levyCalculatorSchema });
  if (submission.status !== "success") return data({ lastResult: submission.reply(), result: null }, { status: 400 });
  const inhabitants = submission.value.einwohner;
  return {
    lastResult: submission.reply(),
    result: { inhabitants, joiningFeeCents: joiningFeeCents(inhabitants), yearlyLevyCents: yearlyLevyCents(inhabitants) },
  };
}

export const meta: MetaFunction = () => [
  { title: pageTitle("Konditionen und Umlagerechner", "Über KAI") },
  { name: "description", content: "Was eine Mitgliedschaft in der KAI kostet: jährliche Umlage und einmaliges Beitrittsgeld, mit Rechner." },
];

export default function Conditions() {
  const { lastResult, result } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(levyCalculatorSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: levyCalculatorSchema }),
  });
  return (
    <>
      <h1>Konditionen einer Mitgliedschaft</h1>
      <p>
        Die KAI finanziert sich über eine Umlage ihrer Mitglieder. Alle Mitglieder zahlen denselben Satz je Einwohnerin und Einwohner –
        unabhängig davon, ob es sich um eine kleine Gemeinde oder eine große Stadt handelt.
      </p>
      <DescriptionList
        items={[
          { term: "Jährliche Umlage", value: <>{formatEuro(YEARLY_LEVY_CENTS_PER_INHABITANT)} je Einwohner und Jahr</> },
          { term: "Beitrittsgeld", value: <>einmalig {formatEuro(JOINING_FEE_CENTS_PER_INHABITANT)} je Einwohner bei Beitritt</> },
        ]}
      />
      <p>
        Mit der Umlage sind die Betreuung durch die Zentren, die Schulungen und Informationsveranstaltungen, die Mitarbeit in den
        Facharbeitskreisen und der Newsletter NeuigKAIten abgedeckt. Maßgeblich ist die Einwohnerzahl der Kommune.
      </p>

      <h2>Umlagerechner</h2>
      <p>Geben Sie die Einwohnerzahl Ihrer Kommune ein. Der Rechner zeigt das einmalige Beitrittsgeld und die jährliche Umlage.</p>
      <ErrorSummary errors={summariseErrors(form.errors, [fields.einwohner])} />
      <Form method="get" action="/konditionen" className="stack" {...getFormProps(form)}>
        <TextField field={fields.einwohner} label="Einwohnerzahl" type="text" inputMode="numeric" hint="Ganze Zahl, auch mit Tausenderpunkten, z. B. 12.500." required />
        <div className="button-row">
          <Button disabled={navigation.state === "loading"}>
            Berechnen
          </Button>
        </div>
      </Form>

      {/* Always rendered, so screen readers announce a new result after a client-side navigation. */}
      <div aria-live="polite" aria-atomic="true">
        {result ? (
          <section aria-labelledby="ergebnis">
            <Card title={<span id="ergebnis">Ergebnis für {formatNumber(result.inhabitants)} Einwohner</span>} level={2}>
              <DescriptionList
                items={[
                  { term: "Beitrittsgeld (einmalig)", value: formatEuro(result.joiningFeeCents) },
                  { term: "Umlage pro Jahr", value: formatEuro(result.yearlyLevyCents) },
                ]}
              />
            </Card>
          </section>
        ) : null}
      </div>

      <p>
        Zum Vergleich: Die Beiträge der heutigen Mitglieder stehen in der <a href="/mitglieder">Mitgliederliste</a>.
      </p>
    </>
  );
}
