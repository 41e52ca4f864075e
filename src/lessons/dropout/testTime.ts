/**
 * Test-time predictions of a dropout network (Goodfellow 7.12): the weight
 * scaling rule (with inverted dropout, just the full network) against the
 * average of the predictions of K sampled thinned networks, both scored with
 * one loss on probabilities at the same step.
 */
import { Dropout, add, div, noGradEval, type Rng, type Tensor } from '../../engine';
import { accuracyOf, probabilities, probLoss, type RegNet } from './model';

/**
 * Predicted probabilities averaged over k thinned networks: (1/k) sum_j p(x; m_j), x [B, D] -> [B, K].
 * A net without dropout has one thinned network, itself: it is evaluated once, so the average is
 * exactly the weight-scaling prediction.
 */
export function sampledAverage(net: RegNet, x: Tensor, k: number, rng: Rng): Tensor {
  if (net.spec.p === 0 && net.spec.pIn === 0) return noGradEval(() => probabilities(net.forward(x, false)));
  // own Dropout layers and rng: sampling here must not disturb the training masks or their random stream
  const drops = [new Dropout(net.spec.pIn, rng), new Dropout(net.spec.p, rng), new Dropout(net.spec.p, rng)];
  const avg = noGradEval(() => {
    let total: Tensor | null = null;
    for (let j = 0; j < k; j++) {
      const p = probabilities(net.forward(x, true, drops));
      total = total ? add(total, p) : p;
    }
    return div(total!, k);
  });
  for (const d of drops) d.dispose();
  return avg;
}

/** The weight-scaling prediction: the full network's probabilities [B, K]. */
export function weightScaled(net: RegNet, x: Tensor): Tensor {
  return noGradEval(() => probabilities(net.forward(x, false)));
}

/** Accuracy and the test-time loss (probLoss) of probabilities prob [B, K] against y; kept scalars. */
export function scoreProbabilities(prob: Tensor, y: Tensor): { acc: Tensor; loss: Tensor } {
  return {
    acc: noGradEval(() => accuracyOf(prob, y, 0.5)),
    loss: noGradEval(() => probLoss(prob, y)),
  };
}
