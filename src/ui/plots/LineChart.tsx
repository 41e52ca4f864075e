import { scaleLinear, scaleLog } from 'd3';
import { line } from 'd3';
import { palette } from './colors';
import { Legend } from './Legend';

export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color?: string;
  dashed?: boolean;
}

export interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  height?: number;
  /** Vertical markers (e.g. the best validation step). */
  markers?: { x: number; label: string }[];
  title?: string;
  /** A fixed y range (e.g. [0, 1] for accuracies) instead of one fitted to the data. */
  yDomain?: [number, number];
}

const W = 480;
const M = { top: 12, right: 12, bottom: 36, left: 52 };

/** A line chart in SVG: series of (x, y), optional log y axis, legend when several. */
export function LineChart({ series, xLabel, yLabel, logY = false, height = 220, markers = [], title, yDomain }: LineChartProps) {
  const H = height;
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).filter((v) => Number.isFinite(v) && (!logY || v > 0));
  const xMax = Math.max(1, ...xs);
  const x = scaleLinear().domain([Math.min(0, ...xs), xMax]).range([M.left, W - M.right]);
  let yLo = ys.length ? Math.min(...ys) : 0;
  let yHi = ys.length ? Math.max(...ys) : 1;
  if (logY) {
    yLo = Math.max(yLo, 1e-12);
    if (yHi <= yLo) yHi = yLo * 10;
  } else {
    yLo = Math.min(0, yLo);
    if (yHi <= yLo) yHi = yLo + 1;
  }
  if (yDomain) [yLo, yHi] = yDomain;
  const y = (logY ? scaleLog() : scaleLinear()).domain([yLo, yHi]).range([H - M.bottom, M.top]).nice();
  const xTicks = x.ticks(5);
  const yTicks = logY ? (y.ticks(4) as number[]).filter((_, i, a) => a.length <= 6 || i % Math.ceil(a.length / 6) === 0) : y.ticks(4);
  const fmtY = logY ? (v: number) => v.toExponential(0) : y.tickFormat(4);
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${yLabel} against ${xLabel}`}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
              {fmtY(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={H - M.bottom + 16} textAnchor="middle" className="tick">
            {t}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
        <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="label">
          {xLabel}
        </text>
        <text transform={`translate(12 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="label">
          {yLabel}
        </text>
        {markers.map((m) => (
          <g key={m.label} data-marker={m.label}>
            <line x1={x(m.x)} x2={x(m.x)} y1={M.top} y2={H - M.bottom} className="marker" />
            <text x={x(m.x) + 4} y={M.top + 10} className="tick">
              {m.label}
            </text>
          </g>
        ))}
        {series.map((s, k) => {
          const d = line<number>()
            .defined((v) => Number.isFinite(v) && (!logY || v > 0))
            .x((_, i) => x(s.x[i]))
            .y((v) => y(v))(s.y as number[]);
          return <path key={s.name} d={d ?? ''} fill="none" stroke={s.color ?? palette[k % palette.length]} strokeWidth={2} strokeDasharray={s.dashed ? '5 4' : undefined} />;
        })}
      </svg>
      {series.length > 1 && <Legend series={series} />}
    </figure>
  );
}
