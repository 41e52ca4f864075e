import { useEffect, useRef, type ReactNode } from 'react';
import { diverging } from './colors';

export interface HeatmapProps {
  /** Row-major values, row 0 at the top. */
  values: Float32Array | null;
  rows: number;
  cols: number;
  /** Value mapped to each end of the colour scale. */
  domain: [number, number];
  color?: (t: number) => [number, number, number];
  label: string;
  /** SVG overlay drawn in a 0..1 x 0..1 box (points, lines). */
  children?: ReactNode;
  size?: number;
  /** The overlay takes pointer input (e.g. a PointEditor): touches on it edit instead of scrolling the page. */
  editable?: boolean;
}

/** A dense image on canvas (decision surfaces, filters), with an optional SVG overlay. */
export function Heatmap({ values, rows, cols, domain, color = diverging, label, children, size = 280, editable = false }: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const cv = ref.current;
    if (!cv || !values || values.length < rows * cols) return;
    const ctx = cv.getContext('2d')!;
    const img = ctx.createImageData(cols, rows);
    const [lo, hi] = domain;
    for (let i = 0; i < rows * cols; i++) {
      const [r, g, b] = color((values[i] - lo) / (hi - lo || 1));
      img.data[4 * i] = r;
      img.data[4 * i + 1] = g;
      img.data[4 * i + 2] = b;
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [values, rows, cols, domain, color]);
  return (
    <div className="heatmap" style={{ maxWidth: size }} role="img" aria-label={label}>
      <canvas ref={ref} width={cols} height={rows} />
      {children && (
        <svg viewBox="0 0 1 1" preserveAspectRatio="none" className={editable ? 'overlay editable' : 'overlay'}>
          {children}
        </svg>
      )}
    </div>
  );
}
