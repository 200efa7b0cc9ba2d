/**
 * Small hand-written SVG charts: vertical bars (a series), horizontal bars (a breakdown) and a
 * weekday × hour heatmap. Shapes and classes only, never a style attribute (the CSP forbids
 * them); colour intensity is a class per level. Every chart has a visible "Show as a table"
 * toggle, and the table is the same data for screen readers.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useDiaryText } from '../diary/diary-text.js';
import { heatClass, heatLevel } from '../diary/incident-form.js';
import { format } from '../shell/messages.js';

/** A chart with a heading and a toggle to the same data as a table. */
export function ChartFigure(props: {
  readonly id: string;
  readonly title: string;
  readonly hint?: string;
  readonly chart: ComponentChildren;
  readonly table: ComponentChildren;
}) {
  const dm = useDiaryText();
  const [asTable, setAsTable] = useState(false);
  return (
    <section class="chart-figure" aria-labelledby={`${props.id}-heading`} data-chart={props.id}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.hint !== undefined && <p class="hint">{props.hint}</p>}
      <button
        type="button"
        class="link-button chart-figure__toggle"
        onClick={() => setAsTable(!asTable)}
      >
        {asTable ? dm.diary.patterns.showChart : dm.diary.patterns.showTable}
      </button>
      {asTable ? props.table : props.chart}
    </section>
  );
}

/**
 * Vertical bars, one per value, in order (weeks), each with its count above it and its label
 * (a short date) below — every bar's when there are few, else evenly spaced ones, never one label
 * for two bars. Drawn without stretching, so the text keeps its shape.
 */
export function ColumnChart(props: {
  readonly label: string;
  readonly values: readonly number[];
  /** One short label per value (e.g. "3 Nov"). */
  readonly labels?: readonly string[];
}) {
  const dm = useDiaryText();
  const { values } = props;
  const n = Math.max(values.length, 1);
  const max = Math.max(1, ...values);
  const width = 300;
  const top = 14;
  const bars = 70;
  const bottom = 18;
  const height = top + bars + bottom;
  const step = width / n;
  const barWidth = Math.max(1, Math.min(40, step * 0.8));
  // Counts fit above bars at least 14 units wide; labels (about 36 units) are spaced to fit.
  const showValues = step >= 14;
  const every = Math.max(1, Math.ceil(40 / step));
  return (
    <svg
      class="chart chart--columns"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={format(dm.diary.patterns.chartLabel, { title: props.label })}
    >
      <line class="chart__axis" x1="0" y1={top + bars} x2={width} y2={top + bars} />
      {values.map((v, i) => {
        const h = (v / max) * (bars - 2);
        const middle = i * step + step / 2;
        const label = props.labels?.[i];
        return (
          <g key={i}>
            <rect
              class={v > 0 ? 'chart__bar' : 'chart__bar chart__bar--empty'}
              x={middle - barWidth / 2}
              y={top + bars - h}
              width={barWidth}
              height={h}
            />
            {showValues && (
              <text class="chart__value" x={middle} y={top + bars - h - 3} text-anchor="middle">
                {v}
              </text>
            )}
            {label !== undefined && i % every === 0 && (
              <text class="chart__label" x={middle} y={height - 4} text-anchor="middle">
                {label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with their labels and counts (a breakdown). */
export function BarList(props: {
  readonly label: string;
  readonly items: readonly { readonly label: string; readonly count: number }[];
}) {
  const dm = useDiaryText();
  const max = Math.max(1, ...props.items.map((i) => i.count));
  const row = 26;
  const height = props.items.length * row;
  return (
    <svg
      class="chart chart--bars"
      viewBox={`0 0 300 ${height}`}
      role="img"
      aria-label={format(dm.diary.patterns.chartLabel, { title: props.label })}
    >
      {props.items.map((item, i) => {
        const w = (item.count / max) * 260;
        return (
          <g key={item.label}>
            <text class="chart__label" x="0" y={i * row + 10}>
              {item.label}
            </text>
            <rect class="chart__bar" x="0" y={i * row + 13} width={w} height={9} />
            <text class="chart__value" x={w + 4} y={i * row + 21}>
              {item.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The weekday × hour grid; each cell's class is its level (0–4). */
export function HeatmapChart(props: {
  readonly label: string;
  readonly counts: readonly (readonly number[])[];
  readonly max: number;
}) {
  const dm = useDiaryText();
  const cell = 11;
  const left = 30;
  const top = 14;
  return (
    <svg
      class="chart chart--heatmap"
      viewBox={`0 0 ${left + 24 * cell} ${top + 7 * cell}`}
      role="img"
      aria-label={format(dm.diary.patterns.chartLabel, { title: props.label })}
    >
      {[0, 6, 12, 18].map((h) => (
        <text key={h} class="chart__label chart__label--heat" x={left + h * cell} y={top - 3}>
          {String(h).padStart(2, '0')}
        </text>
      ))}
      {props.counts.map((row, day) => (
        <g key={day}>
          <text class="chart__label chart__label--heat" x="0" y={top + day * cell + 8}>
            {dm.diary.weekdays[day] ?? ''}
          </text>
          {row.map((count, hour) => (
            <rect
              key={hour}
              class={heatClass(heatLevel(count, props.max))}
              x={left + hour * cell}
              y={top + day * cell}
              width={cell - 1}
              height={cell - 1}
            />
          ))}
        </g>
      ))}
    </svg>
  );
}

/** A simple data table with a caption. */
export function DataTable(props: {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}) {
  // A wide table scrolls sideways inside its own box on a phone, so no word is split to fit.
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table class="table">
        <caption class="table__caption">{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th scope="row" key={j}>
                    {cell}
                  </th>
                ) : (
                  <td key={j} class={typeof cell === 'number' ? 'table__number' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
