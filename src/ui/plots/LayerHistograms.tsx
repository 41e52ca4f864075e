import { useResultsHidden } from '../reveal';
import { ScaledSvg } from './textScale';
import { palette } from './colors';

export interface LayerHistogramsProps {
  /** Fractions per bin, layer-major: [layers * bins]. */
  hist: ArrayLike<number>;
  layers: number;
  bins: number;
  /** The value range the bins cover. */
  range: [number, number];
  /** Intervals of the value axis to shade as saturated (e.g. [[0, 0.1], [0.9, 1]]). */
  zones: [number, number][];
  /** Saturated fraction of each layer, shown as text. */
  saturated?: ArrayLike<number>;
  /** What the values are, for the accessible label. */
  what: string;
  title?: string;
  /** Word after the saturated percentage (default "saturated"). */
  satLabel?: string;
}

const LIST = { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: '0.4rem 0.8rem' } as const;
const W = 160;
const H = 70;
const M = { l: 4, r: 4, t: 4, b: 16 };

/** One small histogram per layer (layer 1 first), bars as fractions of units (values past the range count in the end bins), saturated zones shaded in vermillion. */
export function LayerHistograms({ hist, layers, bins, range, zones, saturated, what, title, satLabel = 'saturated' }: LayerHistogramsProps) {
  // predict, then reveal: the bars and the saturated share are the result; the axes and the zones stay
  const hidden = useResultsHidden();
  const [lo, hi] = range;
  const x = (v: number) => M.l + ((v - lo) / (hi - lo || 1)) * (W - M.l - M.r);
  const bw = (W - M.l - M.r) / bins;
  // one shared height scale so layers can be compared by eye
  let top = 0;
  for (let i = 0; i < layers * bins; i++) top = Math.max(top, hist[i] ?? 0);
  top = top || 1;
  const y = (f: number) => H - M.b - (f / top) * (H - M.t - M.b);
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <ol className="layer-hists" style={LIST} aria-label={`Histograms of ${what}, one per layer`}>
        {Array.from({ length: layers }, (_, l) => {
          const sat = hidden ? undefined : saturated?.[l];
          return (
            <li key={l}>
              <ScaledSvg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`layer ${l + 1}${sat === undefined ? '' : `, ${Math.round(sat * 100)}% ${satLabel}`}`}>
                {zones.map(([a, b], k) => (
                  <rect key={k} x={x(a)} width={Math.max(1.5, x(b) - x(a))} y={M.t} height={H - M.t - M.b} fill={palette[5]} fillOpacity={0.18} />
                ))}
                {!hidden && Array.from({ length: bins }, (_, b) => {
                  const f = hist[l * bins + b] ?? 0;
                  return f > 0 ? <rect key={b} x={M.l + b * bw + 0.5} width={Math.max(0.5, bw - 1)} y={y(f)} height={H - M.b - y(f)} fill={palette[0]} /> : null;
                })}
                <line x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} className="axis" />
                <text x={M.l} y={H - 4} className="tick">
                  {fmt(lo)}
                </text>
                <text x={W - M.r} y={H - 4} textAnchor="end" className="tick">
                  {fmt(hi)}
                </text>
              </ScaledSvg>
              <span className="layer-name">
                layer {l + 1}
                {sat !== undefined && <> · {Math.round(sat * 100)}% {satLabel}</>}
                {hidden && saturated !== undefined && <> · ?% {satLabel}</>}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

function fmt(v: number): string {
  return Math.abs(v) >= 10 ? v.toFixed(0) : String(Number(v.toPrecision(2)));
}
