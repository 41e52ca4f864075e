/**
 * What the no-training scenes show, measured in the worker on the page's digit
 * and settings, as metrics the scenes' claims are judged on: the engine's
 * conv2d against the page's sums of products and size formula, the edge and box
 * kernels, the one-pixel shift through the detector stage and both poolings,
 * and the parameter counts. Deterministic: the same digit and settings give the
 * same numbers on every seed.
 */
import { conv2d, keep, tensor, tidy } from '../../engine';
import { SIDE } from './codec';
import { correlate, geometry, paramCounts, shiftMeasures, maxStep, transpose, type Padding } from './conv';
import { kernelOf, presetKernel } from './kernels';
import type { ConvParams } from './types';

/** The settings the measures depend on (the digit itself comes separately). */
export type MeasureParams = Pick<ConvParams, 'ksize' | 'kernel' | 'weights' | 'stride' | 'padding' | 'dilation' | 'filters' | 'poolSize' | 'poolStride'>;
export const MEASURE_KEYS: readonly (keyof MeasureParams)[] = ['ksize', 'kernel', 'weights', 'stride', 'padding', 'dilation', 'filters', 'poolSize', 'poolStride'];

/** Largest |a - b| over two equal-length arrays. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The engine's conv2d of one SIDE x SIDE image with one k x k kernel (values and output side), on whichever backend runs. */
async function engineConv(img: Float32Array, kernel: Float32Array, k: number, stride: number, pad: number, dilation: number): Promise<{ values: Float32Array; side: number }> {
  const y = tidy(() => keep(conv2d(tensor(img, [1, 1, SIDE, SIDE]), tensor(kernel, [1, 1, k, k]), { stride, pad, dilation })));
  try {
    return { values: await y.read(), side: y.shape[2] };
  } finally {
    y.dispose();
  }
}

/** Every measure of the digit `img` under settings `p` (finite numbers, as metrics must be). */
export async function pageMeasures(img: Float32Array, p: MeasureParams): Promise<Record<string, number>> {
  const k = p.ksize === '5' ? 5 : 3;
  const { kernel } = kernelOf(p.kernel, k, p.weights);
  const g = geometry(SIDE, k, p.stride, p.padding as Padding, p.dilation);
  const m: Record<string, number> = { conv_formula_side: g.out };
  if (g.out >= 1) {
    const e = await engineConv(img, kernel, k, p.stride, g.pad, p.dilation);
    m.conv_side = e.side;
    // the page's sums of products (the sliding window) against the engine the CNN trains with
    m.conv_max_err = e.side === g.out ? maxAbsDiff(e.values, correlate(img, kernel, g)) : 1;
  } else {
    m.conv_side = 0;
    m.conv_max_err = 0;
  }
  // the two edge kernels are one detector in two directions: H * I mirrored across the diagonal is V * (I mirrored)
  const flat = geometry(SIDE, k, 1, 'valid', 1);
  const h = correlate(img, presetKernel('horizontal', k), flat);
  const vT = correlate(transpose(img, SIDE), presetKernel('vertical', k), flat);
  m.edge_transpose_err = maxAbsDiff(transpose(h, flat.out), vT);
  // the box kernel blurs: the sharpest step between neighbouring pixels, after against before
  const step = maxStep(img, SIDE);
  m.box_step_ratio = step > 0 ? maxStep(correlate(img, presetKernel('box', k), flat), flat.out) / step : 1;
  const s = shiftMeasures(img, SIDE, kernel, k, p.poolSize, p.poolStride);
  m.shift_det_change = s.detector.rel;
  m.shift_max_change = s.max.rel;
  m.shift_avg_change = s.avg.rel;
  m.shift_det_moved = s.detector.moved;
  m.shift_max_moved = s.max.moved;
  m.shift_avg_moved = s.avg.moved;
  const same = geometry(SIDE, k, p.stride, p.padding as Padding, p.dilation);
  const counts = same.out >= 1 ? paramCounts(SIDE, 1, k, p.filters, same.out) : { conv: 0, dense: 0, outputs: 0 };
  m.conv_params = counts.conv;
  m.dense_params = counts.dense;
  return m;
}
