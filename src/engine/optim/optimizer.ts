/**
 * The optimizer base: schedule, L2 weight decay and L1, and per-parameter
 * state tensors ("slots": velocity, accumulators, moments) kept for lessons to
 * read. State belongs to a parameter tensor, not to a position in the list, so
 * a step with a parameter the optimizer has not seen is an error, not a silent
 * mix-up of one parameter's moments with another's.
 * Every update is written with ops and applied in place with assign().
 */
import { keep, tidy, zeros } from '../engine';
import { add, mul, sign } from '../ops';
import type { Tensor } from '../tensor';
import type { Schedule } from './schedules';

export interface OptimizerOptions {
  /** Learning rate, or a schedule of the step count t = 1, 2, ... */
  lr: number | Schedule;
  /** L2 coefficient lambda: g <- g + lambda W, i.e. W <- (1 - eta lambda) W - eta grad (Martins, Zerva & Figueiredo, Neural Networks II). */
  weightDecay?: number;
  /** L1 coefficient: g <- g + lambda_1 sign(W). */
  l1?: number;
  /** Also regularize biases (rank-1 params); off by default, as in Martins, Zerva & Figueiredo, Neural Networks II. */
  regularizeBiases?: boolean;
}

/** The option keys every optimizer takes. */
export const BASE_OPTIONS = ['lr', 'weightDecay', 'l1', 'regularizeBiases'] as const;

/** Throws when `opts` holds a key outside BASE_OPTIONS and `own` (a typo such as beta_1 would otherwise be ignored). */
export function checkOptions(name: string, opts: object, own: readonly string[]): void {
  const valid = [...BASE_OPTIONS, ...own];
  const bad = Object.keys(opts).filter((k) => !valid.includes(k));
  if (bad.length) throw new Error(`${name}: unknown option${bad.length > 1 ? 's' : ''} ${bad.map((k) => `"${k}"`).join(', ')}; valid options are ${valid.join(', ')}`);
}

export abstract class Optimizer {
  /** Number of steps taken. */
  t = 0;
  /**
   * Per-slot state tensors, in the order the parameters were first stepped
   * (state.m[0] is the first parameter's m). `stateOf(p)` finds a parameter's own.
   */
  readonly state: Record<string, Tensor[]> = {};
  /** Each parameter's slots, keyed by the parameter tensor itself. */
  private readonly byParam = new Map<Tensor, Record<string, Tensor>>();
  /** Learning rate used by the last step. */
  lastLr = 0;
  abstract readonly name: string;
  protected abstract readonly slots: readonly string[];

  constructor(public opts: OptimizerOptions) {}

  lrAt(t: number): number {
    const lr = this.opts.lr;
    return typeof lr === 'number' ? lr : lr(t);
  }

  /** The state tensors of parameter `p` (undefined before its first step). */
  stateOf(p: Tensor): Readonly<Record<string, Tensor>> | undefined {
    return this.byParam.get(p);
  }

  /**
   * One update of every param from its gradient. The first step fixes the
   * parameters this optimizer holds state for; later steps may list them in
   * any order (or a subset), but not new ones: reset() or a new optimizer for that.
   */
  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    this.check(params, grads);
    if (this.byParam.size === 0) {
      for (const s of this.slots) this.state[s] = [];
      for (const p of params) {
        const own: Record<string, Tensor> = {};
        for (const s of this.slots) this.state[s].push((own[s] = keep(zeros(p.shape))));
        this.byParam.set(p, own);
      }
    }
    this.t++;
    const lr = (this.lastLr = this.lrAt(this.t));
    tidy(() => {
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        const g = this.regularized(p, grads[i]);
        this.update(this.byParam.get(p)!, p, g, lr);
      }
    });
  }

  private check(params: readonly Tensor[], grads: readonly Tensor[]): void {
    const name = `${this.name}.step`;
    if (params.length !== grads.length) throw new Error(`${name}: ${params.length} parameters but ${grads.length} gradients`);
    const seen = new Set<Tensor>();
    params.forEach((p, i) => {
      if (seen.has(p)) throw new Error(`${name}: parameter ${i} (shape [${p.shape}]) is listed twice`);
      seen.add(p);
      const g = grads[i];
      if (g.size !== p.size) throw new Error(`${name}: the gradient of parameter ${i} has shape [${g.shape}], the parameter [${p.shape}]`);
      if (this.byParam.size > 0 && !this.byParam.has(p)) {
        throw new Error(
          `${name}: parameter ${i} (shape [${p.shape}]) is not one this optimizer was first stepped with ` +
            `(it holds state for ${this.byParam.size}: ${[...this.byParam.keys()].map((q) => `[${q.shape}]`).join(', ')}); ` +
            'call reset() or make a new optimizer for a new parameter list',
        );
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

  /** Writes the new value of param p (and its slots `st`) in place. */
  protected abstract update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void;

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
    this.byParam.clear();
  }
}

