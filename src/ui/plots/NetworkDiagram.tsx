import { ScaledSvg } from './textScale';
import type { ReactElement } from 'react';
import { palette } from './colors';

export interface NetworkDiagramProps {
  /** Units per layer, input first, e.g. [2, 48, 48, 1]. */
  sizes: readonly number[];
  /** Per layer, a value per unit: 0 means the unit is dropped (greyed), anything else kept; null = all kept. */
  masks: readonly (ArrayLike<number> | null)[];
  /** Per connection l -> l+1, W row-major [sizes[l], sizes[l+1]]: edge opacity ~ |w|, colour ~ sign. */
  weights?: readonly (ArrayLike<number> | null)[];
  /** Names of the layers under their columns. */
  layerNames?: readonly string[];
  title?: string;
  height?: number;
}

const W = 480;
const DROPPED = '#8a8a8a';

/** The units of a feed-forward net as columns of circles; dropped units grey and hollow, their edges gone (a thinned network). */
export function NetworkDiagram({ sizes, masks, weights = [], layerNames = [], title, height = 300 }: NetworkDiagramProps) {
  const top = 14;
  const bottom = layerNames.length ? 26 : 10;
  const colX = (l: number) => 40 + ((W - 80) * l) / Math.max(1, sizes.length - 1);
  const unitY = (l: number, i: number) => {
    const n = sizes[l];
    const span = height - top - bottom;
    return n === 1 ? top + span / 2 : top + (span * i) / (n - 1);
  };
  const kept = (l: number, i: number) => !masks[l] || masks[l]![i] !== 0;
  const biggest = Math.max(...sizes);
  const r = Math.max(2.2, Math.min(9, (height - top - bottom) / biggest / 2.4));
  const droppedCount = sizes.map((n, l) => Array.from({ length: n }, (_, i) => i).filter((i) => !kept(l, i)).length);
  const edges: ReactElement[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = weights[l];
    let wMax = 0;
    if (w) for (let k = 0; k < w.length; k++) wMax = Math.max(wMax, Math.abs(w[k]));
    for (let i = 0; i < sizes[l]; i++) {
      if (!kept(l, i)) continue;
      for (let j = 0; j < sizes[l + 1]; j++) {
        if (!kept(l + 1, j)) continue;
        const v = w ? w[i * sizes[l + 1] + j] : 1;
        const a = w && wMax > 0 ? Math.abs(v) / wMax : 0.3;
        if (a < 0.04) continue; // near-zero weights add only clutter
        edges.push(
          <line key={`${l}-${i}-${j}`} x1={colX(l)} y1={unitY(l, i)} x2={colX(l + 1)} y2={unitY(l + 1, j)}
            stroke={v >= 0 ? palette[1] : palette[0]} strokeOpacity={0.08 + 0.6 * a} strokeWidth={0.4 + 1.6 * a} />,
        );
      }
    }
  }
  const label = sizes.map((n, l) => `${layerNames[l] ?? `layer ${l}`}: ${n - droppedCount[l]} of ${n} units kept`).join('; ');
  return (
    <figure className="chart">
      {title && <figcaption>{title}</figcaption>}
      <ScaledSvg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`Network diagram. ${label}`} data-dropped={droppedCount.reduce((a, b) => a + b, 0)}>
        <g>{edges}</g>
        {sizes.map((n, l) => (
          <g key={l} data-layer={l}>
            {Array.from({ length: n }, (_, i) => {
              const on = kept(l, i);
              return (
                <circle key={i} cx={colX(l)} cy={unitY(l, i)} r={r} data-unit={on ? 'kept' : 'dropped'}
                  fill={on ? palette[2] : '#e2e2e2'} stroke={on ? '#1d5e4a' : DROPPED} strokeWidth={on ? 0.8 : 1} strokeDasharray={on ? undefined : '2 1.2'} />
              );
            })}
            {layerNames[l] && (
              <text x={colX(l)} y={height - 8} textAnchor="middle" className="tick">
                {layerNames[l]}
              </text>
            )}
          </g>
        ))}
      </ScaledSvg>
    </figure>
  );
}
