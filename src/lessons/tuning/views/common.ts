/** What the lesson's figures share: the store selectors, the sampling pace, and the colour of a validation error. */
import { interpolateViridis } from 'd3';
import type { State } from '../../../ui/store';

export const CURVE_MS = 250;
export const selFrame = (s: State) => s.frame;
export const selHistory = (s: State) => s.history;
export const selMetrics = (s: State) => s.metrics;

/** Validation errors from ERR_RANGE[0] (best, yellow) to ERR_RANGE[1] (worst, dark purple) on viridis. */
export const ERR_RANGE: [number, number] = [0.1, 1];
export function errorColor(e: number): string {
  const t = (Math.log(Math.max(e, ERR_RANGE[0])) - Math.log(ERR_RANGE[0])) / (Math.log(ERR_RANGE[1]) - Math.log(ERR_RANGE[0]));
  return interpolateViridis(1 - Math.min(1, Math.max(0, t)));
}
export const errorGradient = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => interpolateViridis(1 - t)).join(', ')})`;

/** 10^v as text for a log₁₀ axis tick ("10⁻³"). */
const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '.': '·' };
export function pow10(v: number): string {
  if (v === 0) return '1';
  if (v === 1) return '10';
  return `10${String(Math.round(v * 10) / 10).replace(/./g, (c) => SUP[c] ?? c)}`;
}
