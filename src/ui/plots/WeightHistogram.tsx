import { scaleLinear, scaleSqrt } from 'd3';
import { palette } from './colors';
import { Legend } from './Legend';
import { Axes, MARGIN, formatCount, usePlotClip } from './Axes';

export interface WeightSeries {
  name: string;
  values: ArrayLike<number>;
  color?: string;
  dashed?: boolean;
}

/** Counts of values in `bins` equal bins over [-range, range] (outside values go to the end bins). */
export function binCounts(values: ArrayLike<number>, bins: number, range: number): number[] {
  const c = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor(((values[i] + range) / (2 * range)) * bins);
    c[Math.min(bins - 1, Math.max(0, k))]++;
  }
  return c;
}

/** Histograms of several weight vectors overlaid as step outlines on one symmetric axis; counts on a square-root scale so a spike at 0 leaves the tails visible. */
export function WeightHistogram({ series, bins = 41, range, title, xLabel = 'weight value' }: {
  series: WeightSeries[];
  bins?: number;
  /** Half-width of the axis; by default the largest |w| of all series. */
  range?: number;
  title?: string;
  xLabel?: string;
}) {
  const W = 480;
  const H = 210;
  const m = MARGIN;
  const M = { l: m.left, r: m.right, t: m.top, b: m.bottom };
  const clip = usePlotClip();
  let a = range ?? 0;
  if (!range) for (const s of series) for (let i = 0; i < s.values.length; i++) a = Math.max(a, Math.abs(s.values[i]));
  a = a > 0 ? a : 1;
  const counts = series.map((s) => binCounts(s.values, bins, a));
  const x = scaleLinear().domain([-a, a]).range([M.l, W - M.r]);
  const y = scaleSqrt().domain([0, Math.max(1, ...counts.flat())]).range([H - M.b, M.t]).nice();
  const bw = (2 * a) / bins;
  const path = (c: number[]) => {
    let d = `M${x(-a)},${y(0)}`;
    c.forEach((v, k) => {
      d += `L${x(-a + k * bw)},${y(v)}L${x(-a + (k + 1) * bw)},${y(v)}`;
    });
    return `${d}L${x(a)},${y(0)}`;
  };
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`histograms of ${xLabel}: ${series.map((s) => s.name).join(', ')}`}>
        <Axes x={x} y={y} width={W} height={H} m={m} xTicks={x.ticks(6)} yTicks={y.ticks(4).filter(Number.isInteger)} yFormat={formatCount} xLabel={xLabel} yLabel="count (√ scale)" clipId={clip} />
        <g clipPath={`url(#${clip})`}>
          <line x1={x(0)} x2={x(0)} y1={M.t} y2={H - M.b} className="grid" />
          {counts.map((c, k) => (
            <path key={series[k].name} d={path(c)} fill={series[k].color ?? palette[k % palette.length]} fillOpacity={0.18}
              stroke={series[k].color ?? palette[k % palette.length]} strokeWidth={1.8} strokeDasharray={series[k].dashed ? '6 4' : undefined} />
          ))}
        </g>
      </svg>
      <Legend series={series} />
    </figure>
  );
}
