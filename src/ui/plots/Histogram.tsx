import { bin, scaleLinear } from 'd3';
import { Axes, MARGIN, formatCount, usePlotClip } from './Axes';
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
  const m = { ...MARGIN, top: 12 };
  const M = { l: m.left, r: m.right, t: m.top, b: m.bottom };
  const clip = usePlotClip();
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
        <Axes x={x} y={y} width={W} height={H} m={m} xTicks={x.ticks(6)} yTicks={y.ticks(4).filter(Number.isInteger)} yFormat={formatCount} xLabel={xLabel} clipId={clip} />
        <g clipPath={`url(#${clip})`}>
          {groups.map((g, i) => (
            <rect key={i} x={x(g.x0!) + 1} width={Math.max(0, x(g.x1!) - x(g.x0!) - 2)} y={y(g.length)} height={H - M.b - y(g.length)} fill={palette[0]} />
          ))}
          {threshold && <line x1={x(threshold.x)} x2={x(threshold.x)} y1={M.t} y2={H - M.b} className="marker" />}
        </g>
        {threshold && (
          <text x={x(threshold.x) + 4} y={M.t + 12} className="tick">
            {threshold.label}
          </text>
        )}
      </svg>
    </figure>
  );
}
