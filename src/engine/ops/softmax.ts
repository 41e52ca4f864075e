/** Softmax and log-softmax along an axis, written from primitives (no gradient code). */
import type { Tensor } from '../tensor';
import { div } from './div';
import { exp } from './exp';
import { log } from './log';
import { max } from './max';
import { stopGradient } from './stopGradient';
import { sub } from './sub';
import { sum } from './sum';

/**
 * softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m), m = max_j x_j (a constant
 * for autodiff: the result does not depend on it, and it keeps exp from overflowing).
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  const z = sub(x, stopGradient(max(x, [axis], true)));
  const e = exp(z);
  return div(e, sum(e, [axis], true));
}

/** log softmax(x)_i = (x_i - m) - log sum_j exp(x_j - m), stable for any logits. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const z = sub(x, stopGradient(max(x, [axis], true)));
  return sub(z, log(sum(exp(z), [axis], true)));
}
