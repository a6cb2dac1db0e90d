import { AxisBottom, AxisLeft, type TickRendererProps } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartCategory {
  key: string;
  label: string;
  /** One value per series, in the order of `series`. */
  values: (number | null)[];
}

const WIDTH = 640;
const BAR = 18;
const GAP = 4;
const GROUP_GAP = 12;
const MARGIN = { top: 8, right: 120, bottom: 32 };
const MAX_LABEL = 26;

/**
 * The kit's chart: horizontal bars, grouped when there is more than one series, drawn with visx
 * on the server (plain SVG, no JavaScript needed). Accessible: `role="img"` named by its
 * `<title>` and described by the summary (`<desc>` and the visible caption); every bar carries its
 * value (and series) as text, so colour is never the only carrier; the series have a legend.
 * Colours are KERN tokens (classes in app.css, the CSP allows no inline styles). Give the page a
 * table with the same numbers as well (`DataTable`).
 */
export function BarChart({
  id,
  title,
  summary,
  series,
  categories,
  format = (n) => n.toLocaleString("de-DE"),
  max,
  labelWidth = 190,
}: {
  /** Unique on the page; prefixes the ids of the title and description. */
  id: string;
  /** The accessible name. */
  title: string;
  /** A German sentence or two: what the chart shows (the text alternative). */
  summary: string;
  series: ChartSeries[];
  categories: ChartCategory[];
  format?: (value: number) => string;
  /** The upper end of the value axis (100 for percentages); default: the largest value. */
  max?: number;
  labelWidth?: number;
}) {
  const groupHeight = series.length * BAR + (series.length - 1) * GAP;
  const innerHeight = Math.max(1, categories.length) * (groupHeight + GROUP_GAP);
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const innerWidth = WIDTH - labelWidth - MARGIN.right;
  const largest = Math.max(0, ...categories.flatMap((c) => c.values.map((v) => v ?? 0)));
  const y = scaleBand<string>({ domain: categories.map((c) => c.key), range: [0, innerHeight], paddingInner: 0, paddingOuter: 0 });
  const ySeries = scaleBand<string>({ domain: series.map((s) => s.key), range: [0, groupHeight], padding: 0 });
  const x = scaleLinear<number>({ domain: [0, max ?? Math.max(1, largest)], range: [0, innerWidth], nice: max === undefined });
  const labels = new Map(categories.map((c) => [c.key, c.label]));
  const many = series.length > 1;

  return (
    <figure className="bar-chart">
      <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="bar-chart__svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <Group left={labelWidth} top={MARGIN.top}>
          {categories.map((c) => (
            <Group key={c.key} top={(y(c.key) ?? 0) + GROUP_GAP / 2}>
              {series.map((s, i) => {
                const value = c.values[i];
                const top = ySeries(s.key) ?? 0;
                const barWidth = value == null ? 0 : Math.max(value > 0 ? 1 : 0, x(value));
                const text = value == null ? "keine Daten" : format(value);
                return (
                  <g key={s.key}>
                    <Bar x={0} y={top} width={barWidth} height={BAR} className={`bar-chart__bar bar-chart__bar--${i % 4}`} />
                    <text x={barWidth + 4} y={top + BAR / 2} dominantBaseline="central" className="bar-chart__value">
                      {many ? `${s.label}: ${text}` : text}
                    </text>
                  </g>
                );
              })}
            </Group>
          ))}
          <AxisLeft
            scale={y}
            hideTicks
            axisLineClassName="bar-chart__axis"
            tickFormat={(key) => shorten(labels.get(key) ?? key)}
            tickComponent={(props) => <TickLabel x={props.x} y={props.y} text={props.formattedValue} anchor="end" dx={-6} />}
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={5}
            axisLineClassName="bar-chart__axis"
            tickClassName="bar-chart__tick"
            tickFormat={(v) => format(Number(v))}
            tickComponent={(props) => <TickLabel x={props.x} y={props.y} text={props.formattedValue} anchor="middle" dy={14} />}
          />
        </Group>
      </svg>
      {many ? (
        <ul className="bar-chart__legend" aria-label="Legende">
          {series.map((s, i) => (
            <li key={s.key}>
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" className={`bar-chart__bar bar-chart__bar--${i % 4}`} />
              </svg>{" "}
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <figcaption className="bar-chart__summary">{summary}</figcaption>
    </figure>
  );
}

/** A tick label as plain `<text>`: visx's own Text wraps it in an `<svg style>`, which the CSP refuses. */
function TickLabel({ x, y, text, anchor, dx = 0, dy = 0 }: Pick<TickRendererProps, "x" | "y"> & { text?: string; anchor: "end" | "middle"; dx?: number; dy?: number }) {
  return (
    <text x={x + dx} y={y + dy} textAnchor={anchor} dominantBaseline={anchor === "end" ? "central" : undefined} className="bar-chart__label">
      {text}
    </text>
  );
}

function shorten(label: string) {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
