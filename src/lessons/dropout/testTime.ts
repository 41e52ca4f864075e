/**
 * Test-time predictions of a dropout network (Goodfellow 7.12): the weight
 * scaling rule (with inverted dropout, just the full network) against the
 * average of the predictions of K sampled thinned networks.
 */
import { Dropout, add, bce, div, equal, greater, mean, noGradEval, sigmoid, type Rng, type Tensor } from '../../engine';
import type { RegNet } from './model';

/** Predicted probabilities averaged over k thinned networks: (1/k) sum_j sigma(f(x; m_j)), x [B, 2] -> [B, 1]. */
export function sampledAverage(net: RegNet, x: Tensor, k: number, rng: Rng): Tensor {
  // own Dropout layers and rng: sampling here must not disturb the training masks or their random stream
  const drops = [new Dropout(net.spec.pIn, rng), new Dropout(net.spec.p, rng), new Dropout(net.spec.p, rng)];
  const avg = noGradEval(() => {
    let sum: Tensor | null = null;
    for (let j = 0; j < k; j++) {
      const p = sigmoid(net.forward(x, true, drops));
      sum = sum ? add(sum, p) : p;
    }
    return div(sum!, k);
  });
  for (const d of drops) d.dispose();
  return avg;
}

/** Accuracy and BCE of averaged probabilities prob [B, 1] against y [B, 1]; kept scalars. */
export function scoreProbabilities(prob: Tensor, y: Tensor): { acc: Tensor; loss: Tensor } {
  return {
    acc: noGradEval(() => mean(equal(greater(prob, 0.5), y))),
    loss: noGradEval(() => bce(prob, y)),
  };
}
