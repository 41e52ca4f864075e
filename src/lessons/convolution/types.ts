/** The convolution lesson's typed values, frame and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type ConvParams = ValuesOf<typeof params>;

/** The CNN: conv 5x5x8 (valid), ReLU, max-pool 2, conv 5x5x16 (valid), ReLU, max-pool 2, dense 256 -> 10. */
export const CNN = {
  k: 5,
  c1: 8,
  c2: 16,
  /** Side of the first and second feature maps (28 - 4 = 24; 12 - 4 = 8). */
  side1: 24,
  side2: 8,
  classes: 10,
} as const;

/** A full test pass over the 2,000 held-out digits starts every EVAL_EVERY steps, EVAL_CHUNK digits a step. */
export const EVAL_EVERY = 100;
export const EVAL_CHUNK = 125;

export type ConvFrame = {
  /** First-layer kernels [c1, k, k]. */
  kernels: Float32Array;
  /** ReLU of the first conv layer on the current digit [c1, side1, side1]. */
  maps1: Float32Array;
  /** ReLU of the second conv layer [c2, side2, side2]. */
  maps2: Float32Array;
  /** Softmax class probabilities of the current digit [10]. */
  probs: Float32Array;
  /** Counts of the latest test pass, [true digit][predicted digit] (empty before the first). */
  confusion: Float32Array;
};
