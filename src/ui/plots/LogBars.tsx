import { scaleLog } from 'd3';
import { palette } from './colors';

export interface LogBarsProps {
  values: ArrayLike<number>;
  /** A label under each bar. */
  labels: string[];
  /** Fixed log-scale domain, so bars move against still axes. */
  domain: [number, number];
  yLabel: string;
  title?: string;
  /** Index of a bar to draw in vermillion instead of blue. */
  highlight?: number;
}

const W = 480;
const H = 200;
const M = { l: 52, r: 8, t: 10, b: 40 };

/** Bars of positive values on a log axis (values outside the domain are drawn at its edge). */
export function LogBars({ values, labels, domain, yLabel, title, highlight }: LogBarsProps) {
  const y = scaleLog().domain(domain).range([H - M.b, M.t]).clamp(true);
  const n = values.length;
  const bw = (W - M.l - M.r) / Math.max(1, n);
  // whole decades only, thinned to about six so wide domains stay readable
  const decades = (y.ticks(5) as number[]).filter((t) => Number.isInteger(Math.log10(t)));
  const ticks = decades.filter((_, i) => i % Math.ceil(decades.length / 6) === 0);
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${yLabel}, log scale`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} className="grid" />
            <text x={M.l - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
              {t.toExponential(0)}
            </text>
          </g>
        ))}
        {Array.from({ length: n }, (_, i) => {
          const v = Math.max(values[i], domain[0]);
          return <rect key={i} x={M.l + i * bw + 1} width={Math.max(1, bw - 2)} y={y(v)} height={H - M.b - y(v)} fill={palette[i === highlight ? 5 : 0]} />;
        })}
        {labels.map((s, i) => (
          <text key={i} x={M.l + (i + 0.5) * bw} y={H - M.b + 13} textAnchor="middle" className="tick">
            {s}
          </text>
        ))}
        <line x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} className="axis" />
        <text transform={`translate(12 ${(M.t + H - M.b) / 2}) rotate(-90)`} textAnchor="middle" className="label">
          {yLabel}
        </text>
      </svg>
    </figure>
  );
}
