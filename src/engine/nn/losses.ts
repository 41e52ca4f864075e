/** Losses, each a scalar mean over the batch, with the formula the page shows. */
import { tensor } from '../engine';
import { abs, add, clip, exp, log, logSoftmax, mean, mul, relu, square, sub, sum } from '../ops';
import type { Tensor } from '../tensor';

/** Mean squared error: (1/N) sum (yhat - y)^2 over every element. */
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

/** Binary cross-entropy from probabilities p (clipped to [1e-7, 1 - 1e-7] so log stays finite). */
export function bce(prob: Tensor, target: Tensor): Tensor {
  const p = clip(prob, 1e-7, 1 - 1e-7);
  return mul(mean(add(mul(target, log(p)), mul(sub(1, target), log(sub(1, p))))), -1);
}

/**
 * Softmax cross-entropy from logits [B, K] and one-hot (or soft) targets [B, K]:
 * -(1/B) sum_b sum_k y_bk log softmax(z_b)_k, through the stable log-softmax.
 */
export function softmaxCrossEntropy(logits: Tensor, target: Tensor): Tensor {
  return mul(sum(mul(target, logSoftmax(logits, -1))), -1 / logits.shape[0]);
}
export const softmaxCrossEntropyTex = String.raw`L = -\frac{1}{B}\sum_b \sum_k y_{bk} \log \frac{e^{z_{bk}}}{\sum_j e^{z_{bj}}}`;

/** One-hot rows [labels.length, classes] from integer labels (host-side data preparation). */
export function oneHot(labels: ArrayLike<number>, classes: number): Tensor {
  const v = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) v[i * classes + labels[i]] = 1;
  return tensor(v, [labels.length, classes]);
}
