import { scaleLinear } from 'd3';
import { palette } from './colors';
import { Axes, usePlotClip } from './Axes';

export interface ScatterPoint {
  x: number;
  y: number;
  cls: number;
  label?: string;
}

/** Points in a plane with a class colour and shape (circle / square), optional labels and a line. */
export function Scatter({
  points,
  xLabel,
  yLabel,
  line: sep,
  size = 260,
  title,
}: {
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** A separating line a x + b y + c = 0 to draw. */
  line?: { a: number; b: number; c: number };
  size?: number;
  title?: string;
}) {
  const M = 36;
  const m = { top: 24, right: 10, bottom: M, left: M };
  const clip = usePlotClip();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, 1);
    return [lo - 0.15 * span, hi + 0.15 * span];
  };
  const x = scaleLinear().domain(pad(Math.min(0, ...xs), Math.max(1, ...xs))).range([M, size - 10]);
  const y = scaleLinear().domain(pad(Math.min(0, ...ys), Math.max(1, ...ys))).range([size - M, m.top]);
  let seg: [number, number, number, number] | null = null;
  if (sep && (Math.abs(sep.a) > 1e-9 || Math.abs(sep.b) > 1e-9)) {
    const [x0, x1] = x.domain();
    if (Math.abs(sep.b) > 1e-9) seg = [x0, -(sep.a * x0 + sep.c) / sep.b, x1, -(sep.a * x1 + sep.c) / sep.b];
    else seg = [-sep.c / sep.a, y.domain()[0], -sep.c / sep.a, y.domain()[1]];
  }
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`${title ?? 'scatter'}: ${yLabel} against ${xLabel}`}>
        <Axes x={x} y={y} width={size} height={size} m={m} xTicks={x.ticks(4)} yTicks={y.ticks(4)} xLabel={xLabel} yLabel={yLabel} grid={false} clipId={clip} />
        <g clipPath={`url(#${clip})`}>
        {seg && <line x1={x(seg[0])} y1={y(seg[1])} x2={x(seg[2])} y2={y(seg[3])} className="separator" />}
        {points.map((p, i) =>
          p.cls ? (
            <rect key={i} x={x(p.x) - 6} y={y(p.y) - 6} width={12} height={12} fill={palette[1]} stroke="#222" />
          ) : (
            <circle key={i} cx={x(p.x)} cy={y(p.y)} r={6.5} fill={palette[0]} stroke="#222" />
          ),
        )}
        </g>
        {points.map((p, i) =>
          p.label ? (
            <text key={`l${i}`} x={x(p.x) + (x(p.x) > size * 0.6 ? -9 : 9)} y={y(p.y) - 8} textAnchor={x(p.x) > size * 0.6 ? 'end' : 'start'} className="tick">
              {p.label}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}
