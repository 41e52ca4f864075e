import { bin } from 'd3';
import { scaleLinear } from 'd3';
import { palette } from './colors';

/** Counts of values in equal bins over [lo, hi] as SVG bars. */
export function Histogram({
  values,
  domain,
  bins = 20,
  xLabel,
  title,
  threshold,
}: {
  values: ArrayLike<number>;
  domain: [number, number];
  bins?: number;
  xLabel: string;
  title?: string;
  /** A value to mark with a vertical line (e.g. the "stuck" loss). */
  threshold?: { x: number; label: string };
}) {
  const W = 480;
  const H = 200;
  const M = { l: 40, r: 10, t: 10, b: 36 };
  const vals = Array.from(values, (v) => Math.min(domain[1], Math.max(domain[0], v)));
  const x = scaleLinear().domain(domain).range([M.l, W - M.r]);
  const groups = bin().domain(domain).thresholds(x.ticks(bins))(vals);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...groups.map((g) => g.length))])
    .range([H - M.b, M.t])
    .nice();
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`histogram of ${xLabel}`}>
        {y.ticks(4).map((t) => (
          <text key={t} x={M.l - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
            {t}
          </text>
        ))}
        {groups.map((g, i) => (
          <rect key={i} x={x(g.x0!) + 1} width={Math.max(0, x(g.x1!) - x(g.x0!) - 2)} y={y(g.length)} height={H - M.b - y(g.length)} fill={palette[0]} />
        ))}
        {x.ticks(6).map((t) => (
          <text key={t} x={x(t)} y={H - M.b + 14} textAnchor="middle" className="tick">
            {t}
          </text>
        ))}
        <line x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} className="axis" />
        {threshold && (
          <g>
            <line x1={x(threshold.x)} x2={x(threshold.x)} y1={M.t} y2={H - M.b} className="marker" />
            <text x={x(threshold.x) + 4} y={M.t + 10} className="tick">
              {threshold.label}
            </text>
          </g>
        )}
        <text x={(M.l + W - M.r) / 2} y={H - 4} textAnchor="middle" className="label">
          {xLabel}
        </text>
      </svg>
    </figure>
  );
}
