/**
 * The thinned network as the kit's NetworkDiagram draws it (same layout,
 * colours and data attributes), but with its edges painted on a canvas under
 * the SVG units: a 48-unit layer pair has up to 2,304 edges, and as SVG lines
 * their style recalculation and layout took 40-90 ms of main-thread work per
 * redraw. On a canvas, bucketed into a few paths by strength, they cost a few ms and no DOM.
 */
import { ScaledSvg } from '../../ui/plots/textScale';
import { useEffect, useRef } from 'react';
import { palette } from '../../ui/plots/colors';

export interface ThinnedNetworkProps {
  /** Units per layer, input first, e.g. [2, 48, 48, 1]. */
  sizes: readonly number[];
  /** Per layer, a value per unit: 0 means the unit is dropped (greyed), anything else kept; null = all kept. */
  masks: readonly (ArrayLike<number> | null)[];
  /** Per connection l -> l+1, W row-major [sizes[l], sizes[l+1]]: edge opacity ~ |w|, colour ~ sign. */
  weights: readonly (ArrayLike<number> | null)[];
  layerNames: readonly string[];
  title: string;
  height: number;
}

const W = 480;
const DROPPED = '#8a8a8a';

export function ThinnedNetwork({ sizes, masks, weights, layerNames, title, height }: ThinnedNetworkProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const top = 14;
  const bottom = 26;
  const colX = (l: number) => 40 + ((W - 80) * l) / Math.max(1, sizes.length - 1);
  const unitY = (l: number, i: number) => {
    const n = sizes[l];
    const span = height - top - bottom;
    return n === 1 ? top + span / 2 : top + (span * i) / (n - 1);
  };
  const kept = (l: number, i: number) => !masks[l] || masks[l]![i] !== 0;
  const r = Math.max(2.2, Math.min(9, (height - top - bottom) / Math.max(...sizes) / 2.4));
  const droppedCount = sizes.map((n, l) => Array.from({ length: n }, (_, i) => i).filter((i) => !kept(l, i)).length);

  useEffect(() => {
    const cv = canvas.current;
    if (!cv) return;
    const scale = Math.min(2, globalThis.devicePixelRatio || 1);
    cv.width = W * scale;
    cv.height = height * scale;
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, W, height);
    // edges bucketed by strength and sign, one path per bucket: a few strokes instead of one per edge
    const LEVELS = 8;
    const buckets: Path2D[][] = [0, 1].map(() => Array.from({ length: LEVELS }, () => new Path2D()));
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
          const path = buckets[v >= 0 ? 1 : 0][Math.min(LEVELS - 1, Math.floor(a * LEVELS))];
          path.moveTo(colX(l), unitY(l, i));
          path.lineTo(colX(l + 1), unitY(l + 1, j));
        }
      }
    }
    buckets.forEach((paths, sign) =>
      paths.forEach((path, k) => {
        const a = (k + 0.5) / LEVELS;
        ctx.globalAlpha = 0.08 + 0.6 * a;
        ctx.strokeStyle = sign ? palette[1] : palette[0];
        ctx.lineWidth = 0.4 + 1.6 * a;
        ctx.stroke(path);
      }),
    );
    ctx.globalAlpha = 1;
  });

  const label = sizes.map((n, l) => `${layerNames[l] ?? `layer ${l}`}: ${n - droppedCount[l]} of ${n} units kept`).join('; ');
  return (
    <figure className="chart thinned-network">
      <figcaption>{title}</figcaption>
      <div style={{ position: 'relative', width: '100%', aspectRatio: `${W} / ${height}` }}>
        <canvas ref={canvas} aria-hidden="true" style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }} />
        <ScaledSvg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`Network diagram. ${label}`} data-dropped={droppedCount.reduce((a, b) => a + b, 0)}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}>
          {sizes.map((n, l) => (
            <g key={l} data-layer={l}>
              {Array.from({ length: n }, (_, i) => {
                const on = kept(l, i);
                return (
                  <circle key={i} cx={colX(l)} cy={unitY(l, i)} r={r} data-unit={on ? 'kept' : 'dropped'}
                    fill={on ? palette[2] : '#e2e2e2'} stroke={on ? '#1d5e4a' : DROPPED} strokeWidth={on ? 0.8 : 1} strokeDasharray={on ? undefined : '2 1.2'} />
                );
              })}
              <text x={colX(l)} y={height - 8} textAnchor="middle" className="tick">
                {layerNames[l]}
              </text>
            </g>
          ))}
        </ScaledSvg>
      </div>
    </figure>
  );
}
