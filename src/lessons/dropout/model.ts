/**
 * The over-sized MLP of the dropout lesson: D -> H -> H -> K with ReLU hidden
 * units and inverted dropout on the inputs and after each hidden layer. Two
 * classes use one logit and the binary cross-entropy; more use K logits and
 * the softmax cross-entropy.
 */
import {
  Dense, Dropout, activations, bce, bceWithLogits, clip, equal, greater, log, max, mean, mul, sigmoid, softmax, softmaxCrossEntropy, sum,
  type Rng, type Tensor,
} from '../../engine';

/** How one network is regularized by its architecture (penalties live in its run). */
export interface NetSpec {
  /** Input size (2 for the plane, 784 for digits). */
  inputs: number;
  hidden: number;
  /** 1 logit for two classes, else one per class. */
  outputs: number;
  /** Drop probability p of each hidden unit in training. */
  p: number;
  /** Drop probability of each input unit in training. */
  pIn: number;
}

/** f(x) = W3^T d(relu(W2^T d(relu(W1^T d(x) + b1)) + b2)) + b3 for x [B, D] -> logits [B, K]; d = inverted dropout. */
export class RegNet {
  readonly l1: Dense;
  readonly l2: Dense;
  readonly out: Dense;
  readonly dropIn: Dropout;
  readonly drop1: Dropout;
  readonly drop2: Dropout;

  constructor(
    readonly spec: NetSpec,
    initRng: Rng,
    dropRng: Rng,
  ) {
    // the same init seed gives the baseline and the regularized net identical starting weights
    this.l1 = new Dense(spec.inputs, spec.hidden, initRng, 'he');
    this.l2 = new Dense(spec.hidden, spec.hidden, initRng, 'he');
    this.out = new Dense(spec.hidden, spec.outputs, initRng, 'glorot-uniform');
    this.dropIn = new Dropout(spec.pIn, dropRng);
    this.drop1 = new Dropout(spec.p, dropRng);
    this.drop2 = new Dropout(spec.p, dropRng);
  }

  /** Logits [B, K]; `train` switches dropout on (thinned network) or off (full network, weight scaling). */
  forward(x: Tensor, train: boolean, drops: readonly Dropout[] = [this.dropIn, this.drop1, this.drop2]): Tensor {
    for (const d of drops) d.training = train;
    const relu = activations.relu.fn;
    const h1 = drops[1].forward(relu(this.l1.forward(drops[0].forward(x))));
    const h2 = drops[2].forward(relu(this.l2.forward(h1)));
    return this.out.forward(h2);
  }

  /** The weight matrices W1 [D, H], W2 [H, H], W3 [H, K] (biases are not penalized). */
  weights(): Tensor[] {
    return [this.l1.W, this.l2.W, this.out.W];
  }

  params(): Tensor[] {
    return [...this.l1.params(), ...this.l2.params(), ...this.out.params()];
  }

  dispose(): void {
    for (const l of [this.l1, this.l2, this.out, this.dropIn, this.drop1, this.drop2]) l.dispose();
  }
}

/** The training loss of logits [B, K] against targets y: binary cross-entropy for one logit, softmax cross-entropy for K. */
export function lossOf(logits: Tensor, y: Tensor): Tensor {
  return logits.shape[1] === 1 ? bceWithLogits(logits, y) : softmaxCrossEntropy(logits, y);
}

/** Predicted probabilities from logits: sigma(z) [B, 1] or softmax(z) [B, K]. */
export function probabilities(logits: Tensor): Tensor {
  return logits.shape[1] === 1 ? sigmoid(logits) : softmax(logits, -1);
}

/** Smallest probability the test-time loss takes the log of (both rules use this one loss). */
export const PROB_FLOOR = 1e-7;

/**
 * Cross-entropy of predicted probabilities prob [B, K] against y: for one output
 * -mean(y log p + (1 - y) log(1 - p)), else -mean_b sum_k y log p, with p clipped to
 * [PROB_FLOOR, 1 - PROB_FLOOR]. The one loss of the test-time table: an average of
 * thinned networks' probabilities has no logit.
 */
export function probLoss(prob: Tensor, y: Tensor): Tensor {
  // the engine's bce clips to the same floor
  if (prob.shape[1] === 1) return bce(prob, y);
  return mul(sum(mul(y, log(clip(prob, PROB_FLOOR, 1)))), -1 / prob.shape[0]);
}

/** Fraction of rows whose most likely class is the label: [p > 1/2] = y for one output, p_y = max_k p_k otherwise. Works on logits or probabilities. */
export function accuracyOf(scores: Tensor, y: Tensor, threshold: number): Tensor {
  if (scores.shape[1] === 1) return mean(equal(greater(scores, threshold), y));
  return mul(sum(mul(equal(scores, max(scores, [1], true)), y)), 1 / scores.shape[0]);
}
