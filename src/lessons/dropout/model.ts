/**
 * The over-sized MLP of the dropout lesson: 2 -> H -> H -> 1 with ReLU hidden
 * units, inverted dropout on the inputs and after each hidden layer, and a
 * logit output read through the binary cross-entropy.
 */
import { Dense, Dropout, activations, bceWithLogits, equal, greater, mean, type Rng, type Tensor } from '../../engine';

/** How one network is regularized by its architecture (penalties live in the optimizer). */
export interface NetSpec {
  hidden: number;
  /** Drop probability p of each hidden unit in training. */
  p: number;
  /** Drop probability of each input unit in training. */
  pIn: number;
}

/** f(x) = W3^T d(relu(W2^T d(relu(W1^T d(x) + b1)) + b2)) + b3 for x [B, 2] -> logits [B, 1]; d = inverted dropout. */
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
    this.l1 = new Dense(2, spec.hidden, initRng, 'he');
    this.l2 = new Dense(spec.hidden, spec.hidden, initRng, 'he');
    this.out = new Dense(spec.hidden, 1, initRng, 'glorot-uniform');
    this.dropIn = new Dropout(spec.pIn, dropRng);
    this.drop1 = new Dropout(spec.p, dropRng);
    this.drop2 = new Dropout(spec.p, dropRng);
  }

  /** Logits [B, 1]; `train` switches dropout on (thinned network) or off (full network, weight scaling). */
  forward(x: Tensor, train: boolean, drops: readonly Dropout[] = [this.dropIn, this.drop1, this.drop2]): Tensor {
    for (const d of drops) d.training = train;
    const relu = activations.relu.fn;
    const h1 = drops[1].forward(relu(this.l1.forward(drops[0].forward(x))));
    const h2 = drops[2].forward(relu(this.l2.forward(h1)));
    return this.out.forward(h2);
  }

  /** The weight matrices W1 [2, H], W2 [H, H], W3 [H, 1] (biases are not penalized). */
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

/** Mean binary cross-entropy of logits [B, 1] against labels y [B, 1] in {0, 1}. */
export function lossOf(logits: Tensor, y: Tensor): Tensor {
  return bceWithLogits(logits, y);
}

/** Fraction of points whose predicted class [sigma(z) > 1/2] equals y, from logits [B, 1] and y [B, 1]; a scalar tensor. */
export function accuracyOf(logits: Tensor, y: Tensor): Tensor {
  // sigma(z) > 1/2 exactly when z > 0
  return mean(equal(greater(logits, 0), y));
}
