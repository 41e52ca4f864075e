/** Losses, each a scalar mean over the batch, with the formula the page shows. */
import { abs, exp, log, mean, mul, relu, square, sub, add } from '../ops';
import type { Tensor } from '../tensor';

/** Mean squared error: (1/N) sum (yhat - y)^2. */
export function mse(pred: Tensor, target: Tensor): Tensor {
  return mean(square(sub(pred, target)));
}
export const mseTex = String.raw`L = \frac{1}{N}\sum_i (\hat y_i - y_i)^2`;

/**
 * Binary cross-entropy from logits z, in the stable form
 * max(z,0) - z y + log(1 + e^{-|z|}).
 */
export function bceWithLogits(logits: Tensor, target: Tensor): Tensor {
  return mean(add(sub(relu(logits), mul(logits, target)), log(add(1, exp(mul(abs(logits), -1))))));
}
export const bceTex = String.raw`L = -\frac{1}{N}\sum_i \big[y_i \log \sigma(z_i) + (1-y_i)\log(1-\sigma(z_i))\big]`;
