/**
 * The one axes component the SVG plots share: grid, axis lines, ticks and
 * labels, and a clip path for the plot area so no mark draws outside it.
 * Tick rules every plot follows: log axes tick at powers of ten only, step
 * axes at whole numbers, the y label sits above the axis (never over the ticks).
 */
import { useId, useRef } from 'react';
import { useTextScale } from './textScale';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The margin most plots use in a 480-wide viewBox (room for 5-character ticks at phone size). */
export const MARGIN: Margin = { top: 27, right: 12, bottom: 40, left: 54 };

type Scale = ((v: number) => number) & { domain(): number[]; ticks(n?: number): number[] };

const SUPER: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A power of ten as text: 1, 10, 100, 0.1, 0.01 while short, else 10ⁿ. */
export function formatPow10(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= 0 && e <= 3) return String(10 ** e);
  if (e < 0 && e >= -2) return (10 ** e).toFixed(-e);
  return `10${String(e).replace(/./g, (c) => SUPER[c] ?? c)}`;
}

/** One format for a whole set of power-of-ten ticks: decimals while all are short (0.01 to 1000), else 10ⁿ for every tick. */
export function pow10Format(ticks: number[]): (v: number) => string {
  const short = ticks.every((t) => t >= 0.00999 && t <= 1001);
  return short ? formatPow10 : (v) => `10${String(Math.round(Math.log10(v))).replace(/./g, (c) => SUPER[c] ?? c)}`;
}

/** The powers of ten inside a log scale's domain, thinned to at most `max`. */
export function logTicks(scale: Scale, max = 6): number[] {
  const [a, b] = scale.domain();
  const lo = Math.ceil(Math.log10(Math.min(a, b)) - 1e-9);
  const hi = Math.floor(Math.log10(Math.max(a, b)) + 1e-9);
  const all: number[] = [];
  for (let e = lo; e <= hi; e++) all.push(10 ** e);
  const every = Math.ceil(all.length / max);
  return all.filter((_, i) => i % every === 0);
}

/** Whole-number ticks (steps, counts): never 0.5 of a step. */
export function integerTicks(scale: Scale, count = 5): number[] {
  const t = scale.ticks(count).filter((v) => Number.isInteger(v));
  return t.length ? t : [Math.round(scale.domain()[0])];
}

/** Integers as 950, 1,200 or 25k: short enough for a phone. */
export function formatCount(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(v);
}

export interface AxesProps {
  x: Scale;
  y: Scale;
  width: number;
  height: number;
  m?: Margin;
  xTicks?: number[];
  yTicks?: number[];
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  xLabel?: string;
  yLabel?: string;
  /** Horizontal grid lines at the y ticks. */
  grid?: boolean;
  /** Id for the plot area's clip path (from usePlotClip). */
  clipId?: string;
}

/** A stable id for a plot's clip path (use as clipPath={`url(#${id})`} on the marks' group). */
export function usePlotClip(): string {
  return `clip${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/**
 * Text anchor of an x tick at `px` on an axis from `lo` to `hi`: one at the
 * right end ends there (centred, a long label like "100" is cut by the plot's
 * edge); with `startAtLeft`, one at the left end starts there, clear of the
 * lowest y tick at the corner.
 */
export function edgeAnchor(px: number, lo: number, hi: number, startAtLeft: boolean): 'start' | 'middle' | 'end' {
  if (px >= hi - 1) return 'end';
  if (startAtLeft && px <= lo + 1) return 'start';
  return 'middle';
}

export function Axes({ x, y, width: W, height: H, m = MARGIN, xTicks, yTicks, xFormat = String, yFormat = String, xLabel, yLabel, grid = true, clipId }: AxesProps) {
  const xt = xTicks ?? x.ticks(5);
  const yt = yTicks ?? y.ticks(4);
  const bottom = H - m.bottom;
  const ref = useRef<SVGGElement>(null);
  useTextScale(ref);
  return (
    <g className="axes" ref={ref}>
      {clipId && (
        <defs>
          <clipPath id={clipId}>
            <rect x={m.left} y={m.top} width={Math.max(0, W - m.left - m.right)} height={Math.max(0, bottom - m.top)} />
          </clipPath>
        </defs>
      )}
      {yt.map((t) => (
        <g key={`y${t}`}>
          {grid && <line x1={m.left} x2={W - m.right} y1={y(t)} y2={y(t)} className="grid" />}
          <text x={m.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick">
            {yFormat(t)}
          </text>
        </g>
      ))}
      {xt.map((t) => (
        <text key={`x${t}`} x={x(t)} y={bottom + 17} textAnchor={edgeAnchor(x(t), m.left, W - m.right, false)} className="tick">
          {xFormat(t)}
        </text>
      ))}
      <line x1={m.left} x2={W - m.right} y1={bottom} y2={bottom} className="axis" />
      <line x1={m.left} x2={m.left} y1={m.top} y2={bottom} className="axis" />
      {xLabel && (
        <text x={(m.left + W - m.right) / 2} y={H - 4} textAnchor="middle" className="label">
          {xLabel}
        </text>
      )}
      {yLabel && (
        <text x={4} y={m.top - 9} textAnchor="start" className="label">
          {yLabel}
        </text>
      )}
    </g>
  );
}
