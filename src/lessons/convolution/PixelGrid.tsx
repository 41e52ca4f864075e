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
/** The padding's colour (light blue-grey): zeros that are not part of the image. */
const PAD_RGBA = [223, 231, 239, 255];

const scratches = new Map<number, OffscreenCanvas>();
/** A reusable side x side offscreen canvas. */
function scratch(side: number): OffscreenCanvas {
  let c = scratches.get(side);
  if (!c) scratches.set(side, (c = new OffscreenCanvas(side, side)));
  return c;
}

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
    // one pixel per cell, then one scaled copy: a few hundred cells cost one putImageData, not one fillRect each
    const img = new ImageData(full, full);
    const px = img.data;
    if (border > 0) for (let i = 0; i < full * full; i++) px.set(PAD_RGBA, 4 * i);
    if (values) {
      const inv = 1 / (scale || 1);
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const v = values[r * side + c];
          if (Number.isNaN(v)) continue;
          const [R, G, B] = color(v * inv);
          const o = 4 * ((r + border) * full + c + border);
          px[o] = R;
          px[o + 1] = G;
          px[o + 2] = B;
          px[o + 3] = 255;
        }
      }
    }
    const small = scratch(full);
    small.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, cv.width, cv.height);
    ctx.drawImage(small, 0, 0, cv.width, cv.height);
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
  // a checksum of what is drawn, for tests and for anyone inspecting the page
  let sum = 0;
  if (values) for (let i = 0; i < side * side; i++) if (!Number.isNaN(values[i])) sum += Math.abs(values[i]);
  return (
    <canvas
      ref={ref}
      data-sum={sum.toFixed(4)}
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
