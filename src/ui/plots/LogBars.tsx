import { scaleLog } from 'd3';
import { palette } from './colors';
import { Axes, MARGIN, pow10Format, logTicks, usePlotClip } from './Axes';

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
const m = { ...MARGIN, bottom: 26 };
const M = { l: m.left, r: m.right, t: m.top, b: m.bottom };

/** Bars of positive values on a log axis (values outside the domain are drawn at its edge). */
export function LogBars({ values, labels, domain, yLabel, title, highlight }: LogBarsProps) {
  const y = scaleLog().domain(domain).range([H - M.b, M.t]).clamp(true);
  const n = values.length;
  const bw = (W - M.l - M.r) / Math.max(1, n);
  const clip = usePlotClip();
  const ticks = logTicks(y);
  // a band scale's stand-in for the axes: no x ticks (each bar has its own label)
  const x = Object.assign((v: number) => v, { domain: () => [0, 1], ticks: () => [] as number[] });
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${yLabel}, log scale`}>
        <Axes x={x} y={y} width={W} height={H} m={m} xTicks={[]} yTicks={ticks} yFormat={pow10Format(ticks)} yLabel={yLabel} clipId={clip} />
        <g clipPath={`url(#${clip})`}>
        {Array.from({ length: n }, (_, i) => {
          const v = Math.max(values[i], domain[0]);
          if (!Number.isFinite(v)) return null;
          return <rect key={i} x={M.l + i * bw + 1} width={Math.max(1, bw - 2)} y={y(v)} height={H - M.b - y(v)} fill={palette[i === highlight ? 5 : 0]} />;
        })}
        </g>
        {labels.map((s, i) => (
          <text key={i} x={M.l + (i + 0.5) * bw} y={H - M.b + 17} textAnchor="middle" className="tick">
            {s}
          </text>
        ))}
      </svg>
    </figure>
  );
}
