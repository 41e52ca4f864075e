/**
 * The optimizer base: schedule, L2 weight decay and L1, and per-parameter
 * state tensors ("slots": velocity, accumulators, moments) kept for lessons to
 * read. Every update is written with ops and applied in place with assign().
 */
import { assign, keep, tidy, zeros } from '../engine';
import { add, mul, sign } from '../ops';
import type { Tensor } from '../tensor';
import type { Schedule } from './schedules';

export interface OptimizerOptions {
  /** Learning rate, or a schedule of the step count t = 1, 2, ... */
  lr: number | Schedule;
  /** L2 coefficient lambda: g <- g + lambda W, i.e. W <- (1 - eta lambda) W - eta grad (lecture 002). */
  weightDecay?: number;
  /** L1 coefficient: g <- g + lambda_1 sign(W). */
  l1?: number;
  /** Also regularize biases (rank-1 params); off by default, as in lecture 002. */
  regularizeBiases?: boolean;
}

export abstract class Optimizer {
  /** Number of steps taken. */
  t = 0;
  /** Per-slot state tensors aligned with the params passed to step(). */
  readonly state: Record<string, Tensor[]> = {};
  /** Learning rate used by the last step. */
  lastLr = 0;
  abstract readonly name: string;
  protected abstract readonly slots: readonly string[];

  constructor(public opts: OptimizerOptions) {}

  lrAt(t: number): number {
    const lr = this.opts.lr;
    return typeof lr === 'number' ? lr : lr(t);
  }

  /** One update of every param from its gradient (same order each call). */
  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    this.t++;
    const lr = (this.lastLr = this.lrAt(this.t));
    for (const s of this.slots) {
      if (!this.state[s]) this.state[s] = params.map((p) => keep(zeros(p.shape)));
    }
    tidy(() => {
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const g = this.regularized(p, grads[i]);
        this.update(i, p, g, lr);
      }
    });
  }

  private regularized(p: Tensor, g: Tensor): Tensor {
    const { weightDecay = 0, l1 = 0, regularizeBiases = false } = this.opts;
    if (p.shape.length < 2 && !regularizeBiases) return g;
    let r = g;
    if (weightDecay) r = add(r, mul(p, weightDecay));
    if (l1) r = add(r, mul(sign(p), l1));
    return r;
  }

  /** Writes the new value of param i (and its slots) in place. */
  protected abstract update(i: number, p: Tensor, g: Tensor, lr: number): void;

  protected set(slot: string, i: number, v: Tensor): void {
    assign(this.state[slot][i], v);
  }

  /** Clears the state and the step count. */
  reset(): void {
    this.dispose();
    this.t = 0;
  }

  dispose(): void {
    for (const k of Object.keys(this.state)) {
      for (const t of this.state[k]) t.dispose();
      delete this.state[k];
    }
  }
}

