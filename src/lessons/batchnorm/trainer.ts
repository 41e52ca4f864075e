/**
 * One network trained by mini-batch steps on the training digits, with what
 * the scenes read off it: the last batch's loss, ‖∂L/∂W_l‖ of every layer, and
 * the test accuracy at each look (step 0 and every EVAL_EVERY steps), with the
 * records kept over the run (best accuracy, first step at 80% and 90%).
 */
import { Batches, Rng, fill, gatherRows, gradNorms, gradients, keep, noGradEval, oneHot, record, softmaxCrossEntropy, tensor, tidy, type Optimizer, type Tensor } from '../../engine';
import { CLASSES, PIXELS, accuracyOf, type DigitSets } from './digits';
import type { NormMode } from './model';

/** What a trainer needs of a network. */
export interface Net {
  forward(x: Tensor): { logits: Tensor };
  evaluate(x: Tensor, mode: NormMode): { logits: Tensor };
  params(): Tensor[];
  weights(): Tensor[];
  dispose(): void;
}

/** The input shape of a batch of B digits: [B, 784] for an MLP, [B, 1, 28, 28] for a CNN. */
export type InputShape = (B: number) => number[];
export const flat: InputShape = (B) => [B, PIXELS];

export class Trainer {
  private readonly batches: Batches;
  private lossT: Tensor | null = null;
  private gradT: Tensor[] = [];
  steps = 0;
  /** Set once a loss read back was not finite: the net is not trained further. */
  diverged = false;
  /** Test accuracy at the latest look, and records over every look so far. */
  accuracy = 0;
  best = 0;
  step80 = -1;
  step90 = -1;

  constructor(
    readonly net: Net,
    private readonly sets: DigitSets,
    private readonly opt: Optimizer,
    public batch: number,
    seed: number,
    private readonly shape: InputShape = flat,
  ) {
    // the same seed gives two raced nets the same sequence of batches
    this.batches = new Batches(sets.nTrain, new Rng(seed + 7919));
  }

  /** The next mini-batch: x in the net's input shape, one-hot y. */
  private nextBatch(B: number): { x: Tensor; y: Tensor } {
    const idx = this.batches.next(B);
    const y = new Int32Array(B);
    for (let i = 0; i < B; i++) y[i] = this.sets.trainY[idx[i]];
    return { x: tensor(gatherRows(this.sets.train, PIXELS, idx), this.shape(B)), y: oneHot(y, CLASSES) };
  }

  step(): void {
    this.steps++;
    if (this.diverged) return;
    const params = this.net.params();
    const weights = this.net.weights();
    const r = tidy(() => {
      const b = this.nextBatch(this.batch);
      const { result, tape } = record(() => softmaxCrossEntropy(this.net.forward(b.x).logits, b.y));
      // a parameter the loss does not reach (none here) gets a zero gradient
      const grads = gradients(tape, result, params).map((g, i) => g ?? fill(params[i].shape, 0));
      const norms = gradNorms(weights.map((w) => grads[params.indexOf(w)]));
      this.opt.step(params, grads);
      return { loss: result, norms };
    });
    this.lossT?.dispose();
    for (const t of this.gradT) t.dispose();
    this.lossT = keep(r.loss);
    this.gradT = r.norms.map((t) => keep(t));
  }

  /** The last step's loss (NaN before the first) and ‖∂L/∂W_l‖ per layer (zeros before the first). */
  async lastStep(): Promise<{ loss: number; grads: number[] }> {
    const loss = this.lossT ? (await this.lossT.read())[0] : NaN;
    const grads = this.gradT.length ? await Promise.all(this.gradT.map(async (t) => (await t.read())[0])) : this.net.weights().map(() => 0);
    if (this.lossT && !Number.isFinite(loss)) this.diverged = true;
    return { loss, grads };
  }

  /** Test accuracy with the batch-norm layers in `mode` (no running average moves). */
  async testAccuracy(mode: NormMode = 'running'): Promise<number> {
    const s = this.sets;
    const logits = noGradEval(() => this.net.evaluate(tensor(s.test, this.shape(s.nTest)), mode).logits);
    const v = await logits.read();
    logits.dispose();
    return accuracyOf(v, s.testY);
  }

  /** A look: the test accuracy now, kept in the records. */
  async look(): Promise<number> {
    const a = (this.accuracy = await this.testAccuracy());
    this.best = Math.max(this.best, a);
    if (this.step80 < 0 && a >= 0.8) this.step80 = this.steps;
    if (this.step90 < 0 && a >= 0.9) this.step90 = this.steps;
    return a;
  }

  dispose(): void {
    this.lossT?.dispose();
    for (const t of this.gradT) t.dispose();
    this.net.dispose();
  }
}

/**
 * The readouts both races share, for a batch-norm net and its plain twin:
 * loss_, diverged_, accuracy_, best_ and grad_<name>_<layer> per net; the
 * lesson's own `accuracy` and `loss` are the batch-norm net's.
 */
export async function raceMetrics(bn: Trainer, plain: Trainer, extra?: (m: Record<string, number>, name: 'bn' | 'plain', t: Trainer, grads: number[]) => void): Promise<Record<string, number>> {
  const m: Record<string, number> = {};
  for (const [name, t] of [['bn', bn], ['plain', plain]] as const) {
    const { loss, grads } = await t.lastStep();
    if (Number.isFinite(loss)) m[`loss_${name}`] = loss;
    m[`diverged_${name}`] = t.diverged ? 1 : 0;
    m[`accuracy_${name}`] = t.accuracy;
    m[`best_${name}`] = t.best;
    grads.forEach((g, l) => (m[`grad_${name}_${l + 1}`] = g));
    extra?.(m, name, t, grads);
  }
  m.accuracy = m.accuracy_bn;
  if (m.loss_bn !== undefined) m.loss = m.loss_bn;
  return m;
}
