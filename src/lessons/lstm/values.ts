/**
 * Host-side helpers on plain arrays, shared by the experiment (to build
 * frames) and the page (to read them): no engine, no React.
 */
import { Rng } from '../../engine/rng';
import { MAX_PROBE, SYMBOLS, SYMBOL_NAMES } from './types';

/** Symbol ids of the probe: the typed letters A-D, or (empty) one sequence of the task at `length`, drawn from the seed. */
export function probeIds(text: string, length: number, seed: number): Int32Array {
  const letters = text.toUpperCase().replace(/[^A-D]/g, '').slice(0, MAX_PROBE);
  if (letters.length > 0) return Int32Array.from(letters, (ch) => SYMBOL_NAMES.indexOf(ch as (typeof SYMBOL_NAMES)[number]));
  const rng = new Rng(seed + 4242);
  return Int32Array.from({ length }, () => rng.int(SYMBOLS));
}

/** Letters of symbol ids. */
export function lettersOf(ids: ArrayLike<number>): string {
  return Array.from(ids, (k) => SYMBOL_NAMES[k] ?? '?').join('');
}

/** Per-step vectors (T arrays of H) to one [H, T] row-major array: unit j's history is row j. */
export function toUnitsByTime(steps: readonly Float32Array[], H: number): Float32Array {
  const T = steps.length;
  const out = new Float32Array(H * T);
  for (let t = 0; t < T; t++) for (let j = 0; j < H; j++) out[j * T + t] = steps[t][j];
  return out;
}

/** Value of unit j at step t (0-based) of an [H, T] array. */
export function at(a: Float32Array | null | undefined, T: number, j: number, t: number): number | undefined {
  return a && j * T + t < a.length ? a[j * T + t] : undefined;
}

/**
 * The product of forget gates that multiplies c_t on its way to c_T,
 * prod_{s=t+1}^{T} f_s, per unit from batch-averaged f [T, H], then averaged
 * over units: entry t-1 for t = 1..T (the last is 1).
 */
export function forgetProduct(fMean: Float32Array, T: number, H: number): Float32Array {
  const out = new Float32Array(T);
  for (let j = 0; j < H; j++) {
    let prod = 1;
    for (let t = T - 1; t >= 0; t--) {
      out[t] += prod / H;
      prod *= fMean[t * H + j];
    }
  }
  return out;
}

/** Softmax of one row of logits. */
export function softmax(z: Float32Array): Float32Array {
  const m = Math.max(...z);
  const e = Float32Array.from(z, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Index of the largest entry of each row of a [rows, cols] array. */
export function argmaxRows(v: Float32Array, cols: number): Int32Array {
  const out = new Int32Array(v.length / cols);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (v[r * cols + c] > v[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}
