/**
 * The deep classifier every method shares, and the two kinds of greedy
 * layer-wise training steps (Gormley, CMU 10-601, Deep Learning: "Idea #2" and "Idea #3"): a
 * supervised step on layer k with a soft-max head, and an auto-encoder step on
 * layer k, both on the frozen output of layers 1..k-1.
 */
import {
  Adam, Dense, bceWithLogits, equal, keep, max, mul, noGradEval, oneHot, sigmoid, softmaxCrossEntropy, sum, tensor, tidy, valueAndGrad,
  type Optimizer, type Rng, type Tensor,
} from '../../engine';

export const CLASSES = 10;

/** x -> h^1 -> ... -> h^L -> softmax(h^L V + c): h^k = sigmoid(h^{k-1} W_k + b_k), h^0 = x. */
export class DeepNet {
  readonly layers: Dense[];
  readonly out: Dense;
  constructor(
    readonly sizes: readonly number[],
    rng: Rng,
  ) {
    this.layers = sizes.slice(1).map((h, k) => new Dense(sizes[k], h, rng));
    this.out = new Dense(sizes[sizes.length - 1], CLASSES, rng);
  }
  /** h^upto (x itself for upto = 0). */
  hidden(x: Tensor, upto = this.layers.length): Tensor {
    let h = x;
    for (let k = 0; k < upto; k++) h = sigmoid(this.layers[k].forward(h));
    return h;
  }
  logits(x: Tensor): Tensor {
    return this.out.forward(this.hidden(x));
  }
  params(): Tensor[] {
    return [...this.layers.flatMap((l) => l.params()), ...this.out.params()];
  }
  dispose(): void {
    for (const l of this.layers) l.dispose();
    this.out.dispose();
  }
}

/** The frozen input of layer k (0-based): h^k of layers below it, off the tape (dispose it). */
export function frozenInput(net: DeepNet, x: Tensor, k: number): Tensor {
  return noGradEval(() => net.hidden(x, k));
}

/** One Adam step of `loss` on `params`; returns the loss tensor, kept (dispose it). */
export function trainStep(opt: Optimizer, params: Tensor[], loss: () => Tensor): Tensor {
  return tidy(() => {
    const r = valueAndGrad(loss, params);
    opt.step(params, r.grads);
    return keep(r.loss);
  });
}

export const newOptimizer = (lr: number): Optimizer => new Adam({ lr });

/**
 * Denoising auto-encoder loss on layer k: reconstruct the clean input h from the
 * corrupted one, r(h~) = sigmoid(sigmoid(h~ W_k + b_k) W' + b'), with the
 * cross-entropy sum_j -[h_j log r_j + (1 - h_j) log(1 - r_j)] averaged over units.
 */
export function aeLoss(layer: Dense, decoder: Dense, clean: Tensor, corrupted: Tensor): Tensor {
  return bceWithLogits(decoder.forward(sigmoid(layer.forward(corrupted))), clean);
}

/** Reconstruction of h through layer k and its decoder (no corruption): sigmoid outputs. */
export function reconstruct(layer: Dense, decoder: Dense, h: Tensor): Tensor {
  return sigmoid(decoder.forward(sigmoid(layer.forward(h))));
}

/** Cross-entropy of a soft-max head on top of `h` through `layer` (the greedy supervised step). */
export function supervisedLayerLoss(layer: Dense, head: Dense, h: Tensor, y: Tensor): Tensor {
  return softmaxCrossEntropy(head.forward(sigmoid(layer.forward(h))), y);
}

/** Number of rows whose largest logit is the labelled class (ties count as right; they do not occur in practice). */
export function correctCount(logits: Tensor, labels: ArrayLike<number>): Tensor {
  return tidy(() => {
    const y = oneHot(labels, CLASSES);
    return sum(mul(equal(logits, max(logits, [1], true)), y));
  });
}

/** A constant tensor from host values. */
export const host = (v: Float32Array, shape: number[]): Tensor => tensor(v, shape);
