/**
 * The small networks every view of the lesson trains: a stack of Dense layers
 * with one activation, a loss on logits, and a plain SGD step that also
 * reports the size of each layer's update against the size of its weights.
 */
import { Dense, Rng, activations, bceWithLogits, keep, record, gradients, fill, softmaxCrossEntropy, tidy, type InitName, type Tensor } from '../../engine';

export type ActName = 'tanh' | 'relu' | 'sigmoid';

export interface MlpSpec {
  /** Units per layer, inputs first, outputs last: [784, 32, 10]. */
  sizes: readonly number[];
  act: ActName;
  init: InitName;
  /** Multiplies every initial weight. */
  scale?: number;
  seed: number;
}

/** A multilayer perceptron; forward keeps the hidden activations (the saturation readouts need them). */
export class Mlp {
  readonly layers: Dense[] = [];
  private readonly g: (x: Tensor) => Tensor;
  constructor(readonly spec: MlpSpec) {
    const rng = new Rng(spec.seed);
    for (let l = 1; l < spec.sizes.length; l++) this.layers.push(new Dense(spec.sizes[l - 1], spec.sizes[l], rng, spec.init, spec.scale ?? 1));
    this.g = activations[spec.act].fn;
  }

  forward(x: Tensor): { hidden: Tensor[]; logits: Tensor } {
    const hidden: Tensor[] = [];
    let h = x;
    for (let l = 0; l < this.layers.length - 1; l++) {
      h = this.g(this.layers[l].forward(h));
      hidden.push(h);
    }
    return { hidden, logits: this.layers[this.layers.length - 1].forward(h) };
  }

  params(): Tensor[] {
    return this.layers.flatMap((l) => l.params());
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}

/** The loss on logits: softmax cross-entropy for one-hot targets of several classes, binary cross-entropy for one output. */
export function lossOf(logits: Tensor, target: Tensor): Tensor {
  return logits.shape[1] === 1 ? bceWithLogits(logits, target) : softmaxCrossEntropy(logits, target);
}

/** The gradient of the loss on (x, y) for every parameter (zeros where it does not reach), and the loss. */
export function lossAndGrads(net: Mlp, x: Tensor, y: Tensor): { loss: Tensor; grads: Tensor[]; hidden: Tensor[] } {
  const params = net.params();
  const { result, tape } = record(() => {
    const { hidden, logits } = net.forward(x);
    return { hidden, loss: lossOf(logits, y) };
  });
  const gs = gradients(tape, result.loss, params);
  return { loss: result.loss, hidden: result.hidden, grads: gs.map((g, i) => g ?? fill(params[i].shape, 0)) };
}

/** Error rate and mean loss of `net` on (x, y): labels from the one-hot rows (or 0/1 for one output). */
export async function evaluate(net: Mlp, x: Tensor, y: Tensor): Promise<{ loss: number; error: number }> {
  const t = tidy(() => {
    const { logits } = net.forward(x);
    return { logits, loss: lossOf(logits, y) };
  });
  const [z, yy, l] = await Promise.all([t.logits.read(), y.read(), t.loss.read()]);
  t.logits.dispose();
  t.loss.dispose();
  return { loss: l[0], error: errorRate(z, yy, t.logits.shape[1]) };
}

/** Fraction of rows whose largest logit is not the target's class (one output: the sign against the 0/1 target). */
export function errorRate(z: Float32Array, y: Float32Array, k: number): number {
  const n = z.length / k;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      if (z[i] > 0 !== y[i] > 0.5) wrong++;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (z[i * k + c] > z[i * k + best]) best = c;
    if (y[i * k + best] < 0.5) wrong++;
  }
  return n ? wrong / n : 0;
}

/** Sum of squares of a host array. */
export function sumSq(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/** Keeps a tensor made inside a tidy() (dispose it yourself). */
export const kept = <T extends Tensor>(t: T): T => keep(t);
