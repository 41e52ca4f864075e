/** Gradient clipping (Mikolov's trick; Bengio 2012, Practical recommendations), written with ops. */
import { clip, div, maximum, mul } from '../ops';
import type { Tensor } from '../tensor';
import { globalNorm } from '../nn/stats';

/**
 * If ||g|| (over all tensors) exceeds maxNorm, rescale every g by maxNorm / ||g||.
 * Returns the clipped gradients and the norm before clipping.
 */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): { grads: Tensor[]; norm: Tensor } {
  const norm = globalNorm(grads);
  const scale = div(maxNorm, maximum(norm, maxNorm));
  return { grads: grads.map((g) => mul(g, scale)), norm };
}

/** Clamps every gradient component to [-c, c]. */
export function clipByValue(grads: readonly Tensor[], c: number): Tensor[] {
  return grads.map((g) => clip(g, -c, c));
}
