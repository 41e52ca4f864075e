/** A row of small histograms, one per unit of a layer, bars as fractions of the probe digits, on one shared axis. */
import { useResultsHidden } from '../../ui/reveal';
import { palette } from '../../ui/plots/colors';
import { ScaledSvg } from '../../ui/plots/textScale';

const LIST = { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: '0.3rem 0.6rem' } as const;
const W = 120;
const H = 48;
// no tick labels inside the small plots (they collide once presenter mode enlarges the type): the title names the axis range
const M = { l: 3, r: 3, t: 3, b: 4 };

function tick(v: number): string {
  return Math.abs(v) >= 10 ? v.toFixed(0) : String(Number(v.toPrecision(2)));
}

export function UnitHistograms({ hist, bins, range, title, what, color = palette[0] }: {
  /** Fractions per bin, unit-major [units * bins]. */
  hist: ArrayLike<number>;
  bins: number;
  range: [number, number];
  title: string;
  /** What the values are, for the accessible label. */
  what: string;
  color?: string;
}) {
  const hidden = useResultsHidden();
  const units = Math.floor(hist.length / bins);
  const [lo, hi] = range;
  const bw = (W - M.l - M.r) / bins;
  let top = 0;
  for (let i = 0; i < hist.length; i++) top = Math.max(top, hist[i]);
  top = top || 1;
  const y = (f: number) => H - M.b - (f / top) * (H - M.t - M.b);
  const zero = lo < 0 && hi > 0 ? M.l + ((0 - lo) / (hi - lo)) * (W - M.l - M.r) : null;
  return (
    <figure className="chart">
      <figcaption>
        {title}; axis {tick(lo)} to {tick(hi)}, 0 marked
      </figcaption>
      <ol style={LIST} aria-label={`Histograms of ${what}, one per unit`}>
        {Array.from({ length: units }, (_, u) => (
          <li key={u}>
            <ScaledSvg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`unit ${u + 1}: ${what}`}>
              {zero !== null && <line x1={zero} x2={zero} y1={M.t} y2={H - M.b} className="gridline" stroke="currentColor" strokeOpacity={0.25} />}
              {!hidden &&
                Array.from({ length: bins }, (_, b) => {
                  const f = hist[u * bins + b] ?? 0;
                  return f > 0 ? <rect key={b} x={M.l + b * bw + 0.5} width={Math.max(0.5, bw - 1)} y={y(f)} height={H - M.b - y(f)} fill={color} /> : null;
                })}
              <line x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} className="axis" />
            </ScaledSvg>
            <span className="layer-name">unit {u + 1}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
