/**
 * The label of a kept run: the user's own, else the params in which it
 * differs from the live run ("lr 0.5"), else those in which it differs from
 * the scene's settings, else "run n".
 */
import { isRelevant, type Param, type Values } from '../params';

/** A param value in few characters: numbers to 3 significant digits. */
export function shortValue(v: number | string | boolean): string {
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}

/** "key value" for each (relevant, non-text) param where `a` differs from `b`, at most three. */
export function paramDiff(schema: readonly Param[], a: Values, b: Values): string {
  const parts: string[] = [];
  for (const p of schema) {
    if (p.kind === 'text' || !isRelevant(p, a)) continue;
    if (a[p.key] !== undefined && a[p.key] !== b[p.key]) parts.push(`${p.key} ${shortValue(a[p.key])}`);
  }
  return parts.length > 3 ? `${parts.slice(0, 3).join(', ')} …` : parts.join(', ');
}

/** The label shown for kept run i. */
export function keptLabel(schema: readonly Param[], run: { label: string; params: Values }, i: number, live: Values, scene: Values): string {
  if (run.label.trim()) return run.label.trim();
  return paramDiff(schema, run.params, live) || paramDiff(schema, run.params, scene) || `run ${i + 1}`;
}

/** Dash patterns told apart without colour, one per kept run. */
export const GHOST_DASHES = ['2 3', '7 3 2 3', '1 2', '10 4'];
