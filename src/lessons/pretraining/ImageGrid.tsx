/** Small images on one canvas: rows of 28x28 tiles (digits in grey, weights in a blue-white-orange scale). */
import { useEffect, useRef } from 'react';
import { diverging } from '../../ui/plots/colors';
import { PIXELS, SIDE } from './data';

export interface ImageGridProps {
  /** Tiles of 784 values each, row-major. */
  values: Float32Array | null;
  cols: number;
  /** 'grey': values in [0, 1], white background; 'weights': each tile scaled by its own largest |w|. */
  mode: 'grey' | 'weights';
  label: string;
}

export function ImageGrid({ values, cols, mode, label }: ImageGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  // the worker refreshes its pictures every few seconds but every frame carries them (as new arrays):
  // repaint only when the numbers changed (painting every tile cost 50 ms tasks at full speed)
  const painted = useRef<{ values: Float32Array | null | undefined; key: string; canvas: HTMLCanvasElement | null } | null>(null);
  const tiles = values ? Math.floor(values.length / PIXELS) : 0;
  const rows = Math.max(1, Math.ceil(tiles / cols));
  const W = cols * (SIDE + 1) - 1;
  const H = rows * (SIDE + 1) - 1;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const key = `${cols},${mode},${W},${H}`;
    const last = painted.current;
    if (last && last.canvas === ref.current && last.key === key && sameValues(last.values, values)) return;
    painted.current = { values: values ? values.slice() : values, key, canvas: ref.current };
    const img = ctx.createImageData(W, H);
    img.data.fill(255);
    if (values) {
      for (let t = 0; t < tiles; t++) {
        const ox = (t % cols) * (SIDE + 1);
        const oy = Math.floor(t / cols) * (SIDE + 1);
        let scale = 1;
        if (mode === 'weights') {
          scale = 1e-8;
          for (let p = 0; p < PIXELS; p++) scale = Math.max(scale, Math.abs(values[t * PIXELS + p]));
        }
        for (let p = 0; p < PIXELS; p++) {
          const v = values[t * PIXELS + p];
          const o = 4 * ((oy + Math.floor(p / SIDE)) * W + ox + (p % SIDE));
          if (mode === 'grey') {
            const g = 255 * (1 - Math.max(0, Math.min(1, v)));
            img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
          } else {
            const [r, g, b] = diverging(0.5 + (0.5 * v) / scale);
            img.data[o] = r;
            img.data[o + 1] = g;
            img.data[o + 2] = b;
          }
        }
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, cols, mode, W, H, tiles]);
  return <canvas ref={ref} width={W} height={H} className="image-grid" role="img" aria-label={label} data-tiles={tiles} />;
}

function sameValues(a: Float32Array | null | undefined, b: Float32Array | null | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
