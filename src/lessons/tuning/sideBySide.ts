/**
 * What the decay, normalize and capacity views share: several nets trained
 * side by side on the same seeded minibatches (so only the one setting they
 * differ in tells them apart), each measured on its training and validation
 * digits every few steps, with the lowest validation error kept.
 */
import { Batches, Rng, SGD, tidy, type Tensor } from '../../engine';
import { rows, type DigitSet } from './data';
import { Mlp, evaluate, lossAndGrads } from './net';
import { DIVERGED_AT } from './types';

/** One of the nets: its optimizer, its inputs (already transformed as its setting says) and its last measurements. */
export class Lane {
  readonly opt: SGD;
  loss = NaN;
  trainError = 1;
  valLoss = NaN;
  valError = 1;
  bestValError = 1;
  diverged = false;
  constructor(
    readonly net: Mlp,
    lr: number | ((t: number) => number),
    readonly train: DigitSet,
    readonly all: { x: Tensor; y: Tensor },
    readonly val: { x: Tensor; y: Tensor },
  ) {
    this.opt = new SGD({ lr });
  }

  /** One SGD step on rows `idx` of this lane's own training inputs. */
  step(idx: ArrayLike<number>): void {
    if (this.diverged) return;
    const b = rows(this.train, idx);
    tidy(() => this.opt.step(this.net.params(), lossAndGrads(this.net, b.x, b.y).grads));
    b.x.dispose();
    b.y.dispose();
  }

  /** Loss and error on all training digits and on the validation digits. */
  async measure(): Promise<void> {
    if (this.diverged) return;
    const t = await evaluate(this.net, this.all.x, this.all.y);
    const v = await evaluate(this.net, this.val.x, this.val.y);
    if (!Number.isFinite(t.loss) || t.loss > DIVERGED_AT) {
      this.diverged = true;
      return;
    }
    this.loss = t.loss;
    this.trainError = t.error;
    this.valLoss = v.loss;
    this.valError = v.error;
    this.bestValError = Math.min(this.bestValError, v.error);
  }

  dispose(): void {
    this.net.dispose();
    this.all.x.dispose();
    this.all.y.dispose();
    this.val.x.dispose();
    this.val.y.dispose();
  }
}

/** The minibatch order every lane of a run shares. */
export function sharedBatches(n: number, seed: number): Batches {
  return new Batches(n, new Rng(seed + 577));
}
