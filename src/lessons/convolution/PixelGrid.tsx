import { useEffect, useRef, type PointerEvent } from 'react';

export type Rgb = [number, number, number];
/** Ink on paper as MNIST stores it: 0 black, 1 white. */
export const grey = (t: number): Rgb => {
  const v = 255 * Math.max(0, Math.min(1, t));
  return [v, v, v];
};
/** Blue (negative) through white to orange (positive): survives red-green colour blindness. */
export const signed = (t: number): Rgb => {
  const x = Math.max(-1, Math.min(1, t));
  const w: Rgb = [247, 247, 247];
  const end: Rgb = x < 0 ? [0, 114, 178] : [230, 159, 0];
  const u = Math.abs(x);
  return [w[0] + (end[0] - w[0]) * u, w[1] + (end[1] - w[1]) * u, w[2] + (end[2] - w[2]) * u];
};

/** A cell the grid outlines: row, column (may lie outside 0..side-1 in the padding), colour. */
export interface Mark {
  r: number;
  c: number;
  color: string;
}

export interface PixelGridProps {
  /** side x side values, row-major; NaN cells are left blank. */
  values: ArrayLike<number> | null;
  side: number;
  /** Maps a value to a colour (after dividing by `scale`). */
  color?: (t: number) => Rgb;
  scale?: number;
  /** Blank border cells drawn around the image (zero padding). */
  border?: number;
  marks?: Mark[];
  label: string;
  /** Pixel under the pointer (row, column of the image), for hover and tap. */
  onPoint?: (r: number, c: number) => void;
  className?: string;
}

const CELL = 12;

/**
 * An image as a grid of cells on one canvas (crisp at any size), with an
 * optional zero-padding border and outlined cells.
 */
export function PixelGrid({ values, side, color = grey, scale = 1, border = 0, marks = [], label, onPoint, className }: PixelGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const full = side + 2 * border;
  useEffect(() => {
    const cv = ref.current;
    if (!cv) return;
    const ctx = cv.getContext('2d')!;
    ctx.clearRect(0, 0, cv.width, cv.height);
    if (border > 0) {
      // the padding: zeros that are not part of the image
      ctx.fillStyle = '#dfe7ef';
      ctx.fillRect(0, 0, cv.width, cv.height);
    }
    if (values) {
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const v = values[r * side + c];
          if (Number.isNaN(v)) continue;
          const [R, G, B] = color(v / (scale || 1));
          ctx.fillStyle = `rgb(${R | 0},${G | 0},${B | 0})`;
          ctx.fillRect((c + border) * CELL, (r + border) * CELL, CELL, CELL);
        }
      }
    }
    ctx.lineWidth = 2;
    for (const m of marks) {
      ctx.strokeStyle = m.color;
      ctx.strokeRect((m.c + border) * CELL + 1, (m.r + border) * CELL + 1, CELL - 2, CELL - 2);
    }
  }, [values, side, color, scale, border, marks]);
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!onPoint) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const c = Math.floor(((e.clientX - rect.left) / rect.width) * full) - border;
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * full) - border;
    if (r >= 0 && r < side && c >= 0 && c < side) onPoint(r, c);
  };
  return (
    <canvas
      ref={ref}
      className={className ? `pixels ${className}` : 'pixels'}
      width={full * CELL}
      height={full * CELL}
      role="img"
      aria-label={label}
      onPointerMove={onPoint ? point : undefined}
      onPointerDown={onPoint ? point : undefined}
    />
  );
}

/** Largest |v| (at least tiny), for a symmetric colour scale. */
export function absMax(v: ArrayLike<number>): number {
  let m = 1e-6;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > m) m = Math.abs(v[i]);
  return m;
}
