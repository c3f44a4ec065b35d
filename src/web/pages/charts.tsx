/**
 * Small SVG charts for the dashboard, drawn from the same geometry as the
 * PDF report (`domain/dashboard/dashboard.ts`). Each chart carries a text
 * alternative: the figures as a list for screen readers.
 */
import { formatAngka } from '../../domain/common/format.ts';
import { barGeometry, columnGeometry, formatPersen } from '../../domain/dashboard/dashboard.ts';

export const SERIES_COLOURS = ['#1f5fa8', '#d9822b', '#3a8f4b', '#8e44ad', '#c0392b', '#7f8c8d'];
const colour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000';

function Legend({ series }: { series: readonly string[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s}>
          <span className="chart-swatch" style={{ background: colour(i) }} /> {s}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars, one row per label, values stacked (shares when `percent`). */
export function BarChart({
  title,
  rows,
  series,
  max,
  percent,
  testId,
}: {
  title: string;
  rows: readonly { code: string; label: string; values: readonly number[] }[];
  series: readonly string[];
  max?: number;
  percent: boolean;
  testId?: string;
}) {
  const g = barGeometry(rows, max);
  // A narrow drawing: scaled to the card's width, its text stays readable.
  const rowH = 16;
  const labelW = 78;
  const valueW = series.length === 1 ? 34 : 0;
  const plotW = 180;
  const width = labelW + plotW + valueW;
  const show = (v: number) => (percent ? formatPersen(v, 0) : formatAngka(v));
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <Legend series={series} />
      <svg
        viewBox={`0 0 ${String(width)} ${String(rows.length * rowH)}`}
        width="100%"
        role="img"
        aria-label={title}
      >
        {g.rows.map((r, i) => {
          const y = i * rowH;
          return (
            <g key={rows[i]?.code ?? String(i)}>
              <text x={0} y={y + 12} fontSize="10">
                {r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label}
              </text>
              <rect x={labelW} y={y + 3} width={plotW} height={rowH - 6} fill="#eee" />
              {r.segments.map((s) => (
                <rect
                  key={s.series}
                  x={labelW + s.x * plotW}
                  y={y + 3}
                  width={s.w * plotW}
                  height={rowH - 6}
                  fill={colour(s.series)}
                />
              ))}
              {valueW > 0 && (
                <text x={labelW + plotW + 3} y={y + 12} fontSize="10">
                  {show(rows[i]?.values[0] ?? 0)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="visually-hidden">
        {rows.map((r) => (
          <li key={r.code}>
            {r.label}: {r.values.map((v, i) => `${series[i] ?? ''} ${show(v)}`).join(', ')}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Columns per day, one per series side by side. */
export function ColumnChart({
  title,
  rows,
  series,
  testId,
}: {
  title: string;
  rows: readonly { label: string; values: readonly number[] }[];
  series: readonly string[];
  testId?: string;
}) {
  const g = columnGeometry(rows);
  const width = 300;
  const plotH = 80;
  const slot = rows.length === 0 ? 0 : width / rows.length;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title} (tertinggi {formatAngka(g.max)} per hari)
      </figcaption>
      <Legend series={series} />
      <svg
        viewBox={`0 0 ${String(width)} ${String(plotH + 16)}`}
        width="100%"
        role="img"
        aria-label={title}
      >
        <line x1={0} x2={width} y1={plotH} y2={plotH} stroke="#777" strokeWidth="0.5" />
        {g.columns.map((c, i) => (
          <rect
            key={i}
            x={c.x * width}
            y={plotH - c.h * plotH}
            width={c.w * width}
            height={c.h * plotH}
            fill={colour(c.series)}
          />
        ))}
        {rows.map((r, i) => (
          <text
            key={r.label + String(i)}
            x={i * slot + slot / 2}
            y={plotH + 12}
            fontSize="9"
            textAnchor="middle"
          >
            {r.label}
          </text>
        ))}
      </svg>
      <ul className="visually-hidden">
        {rows.map((r, i) => (
          <li key={r.label + String(i)}>
            {r.label}: {r.values.map((v, j) => `${series[j] ?? ''} ${formatAngka(v)}`).join(', ')}
          </li>
        ))}
      </ul>
    </figure>
  );
}
