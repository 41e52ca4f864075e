/** Per-layer statistics for the vanishing-gradient and dropout lessons, computed with ops (no readback). */
import { abs, add, greater, mean, sqrt, square, sub, sum } from '../ops';
import type { Tensor } from '../tensor';

/** ||g||_2 = sqrt(sum g^2), a scalar tensor. */
export function l2Norm(g: Tensor): Tensor {
  return sqrt(sum(square(g)));
}

/** One L2 norm per gradient tensor (per layer when given a layer's grads). */
export function gradNorms(grads: readonly Tensor[]): Tensor[] {
  return grads.map(l2Norm);
}

/** sqrt(sum over all tensors of sum g^2): the norm that clipping by global norm uses. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  let s: Tensor | null = null;
  for (const g of grads) {
    const q = sum(square(g));
    s = s ? add(s, q) : q;
  }
  return sqrt(s!);
}

export interface ActivationStats {
  mean: Tensor;
  std: Tensor;
  /** Fraction of units with |a| > threshold (saturated tanh/sigmoid units). */
  saturated: Tensor;
}

/**
 * Mean, standard deviation and saturation fraction of an activation tensor.
 * For sigmoid pass center 0.5 so saturation means |a - 0.5| > threshold.
 */
export function activationStats(a: Tensor, threshold = 0.9, center = 0): ActivationStats {
  const m = mean(a);
  const std = sqrt(mean(square(sub(a, m))));
  const dev = center === 0 ? abs(a) : abs(sub(a, center));
  return { mean: m, std, saturated: mean(greater(dev, threshold)) };
}

/** Counts of `values` in `bins` equal bins over [lo, hi] (host-side, for histograms of read values). */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Float32Array {
  const h = new Float32Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    let b = Math.floor((values[i] - lo) / w);
    if (b < 0) b = 0;
    if (b >= bins) b = bins - 1;
    h[b]++;
  }
  return h;
}

/** Fraction of exactly-zero entries (L1 sparsity, dead relus), a scalar tensor. */
export function zeroFraction(a: Tensor, eps = 0): Tensor {
  return sub(1, mean(greater(abs(a), eps)));
}

export interface LayerStat {
  /** Index of the layer in the model. */
  layer: number;
  /** ||grad|| over the layer's parameters (absent for layers without any). */
  gradNorm?: Tensor;
  /** Statistics of the layer's output from the last forward pass. */
  activation: ActivationStats;
}

/**
 * Per-layer gradient norms and activation statistics after a step, for a model
 * whose forward pass kept its layer outputs (Sequential.activations) and whose
 * grads are ordered like model.params() (as valueAndGrad returns them).
 */
export function layerStats(
  model: { layers: { params(): Tensor[] }[]; activations: Tensor[] },
  grads: readonly Tensor[],
  threshold = 0.9,
): LayerStat[] {
  let at = 0;
  return model.layers.map((l, i) => {
    const n = l.params().length;
    const gs = grads.slice(at, at + n);
    at += n;
    return { layer: i, gradNorm: n ? globalNorm(gs) : undefined, activation: activationStats(model.activations[i], threshold) };
  });
}
