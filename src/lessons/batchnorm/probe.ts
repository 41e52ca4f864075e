/**
 * What the fixed probe digits show of one layer: per unit, the raw
 * pre-activation u and the normalized y = γ x̂ + β (the batch-norm net, with
 * the probe's own batch statistics, changing no running average), or u alone
 * (the plain net): histograms of the first units and percentiles of one.
 */
import { histogram, tensor, tidy } from '../../engine';
import { PIXELS } from './digits';
import type { Mlp } from './model';
import { AFTER_RANGE, BINS, UNITS_SHOWN, PROBE_DIGITS } from './types';

/** One layer's values over the probe digits: [PROBE_DIGITS, width], row-major. */
export interface LayerValues {
  /** The raw pre-activation u = h W (+ b). */
  pre: Float32Array;
  /** What the activation receives: y = γ x̂ + β with batch norm, u itself without. */
  post: Float32Array;
  width: number;
}

export async function layerValues(net: Mlp, probe: Float32Array, layer: number): Promise<LayerValues> {
  const n = probe.length / PIXELS;
  // outside record() nothing is taped: tidy keeps the two results and frees the rest
  const t = tidy(() => {
    const e = net.evaluate(tensor(probe, [n, PIXELS]), 'batch');
    return { pre: e.pre[layer], post: e.post[layer] };
  });
  const [pre, post] = await Promise.all([t.pre.read(), t.post.read()]);
  t.pre.dispose();
  t.post.dispose();
  return { pre, post, width: net.o.width };
}

/** Column `unit` of a [rows, width] array. */
export function column(v: Float32Array, width: number, unit: number): Float32Array {
  const rows = v.length / width;
  const out = new Float32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = v[i * width + unit];
  return out;
}

/** The p-quantile of values (p in [0, 1]), by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(values).sort();
  if (!s.length) return 0;
  const i = p * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

export function meanStd(v: ArrayLike<number>): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length || 1;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - m) ** 2;
  return { mean: m, std: Math.sqrt(q / (v.length || 1)) };
}

/** Histograms of the first UNITS_SHOWN units of a layer: before (on one axis fitted to them all) and after normalization (on ±AFTER_RANGE). */
export function unitHistograms(l: LayerValues): { before: Float32Array; after: Float32Array; beforeRange: [number, number] } {
  const k = Math.min(UNITS_SHOWN, l.width);
  const cols = Array.from({ length: k }, (_, u) => column(l.pre, l.width, u));
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) (lo = Math.min(lo, quantile(c, 0.005))), (hi = Math.max(hi, quantile(c, 0.995)));
  if (!(hi > lo)) (lo -= 1), (hi += 1);
  const before = new Float32Array(k * BINS);
  const after = new Float32Array(k * BINS);
  cols.forEach((c, u) => {
    const h = histogram(c, BINS, lo, hi);
    const a = histogram(column(l.post, l.width, u), BINS, -AFTER_RANGE, AFTER_RANGE);
    for (let b = 0; b < BINS; b++) {
      before[u * BINS + b] = h[b] / PROBE_DIGITS;
      after[u * BINS + b] = a[b] / PROBE_DIGITS;
    }
  });
  return { before, after, beforeRange: [lo, hi] };
}
