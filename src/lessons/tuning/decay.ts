/**
 * Decaying the learning rate: three copies of one net, from the same initial
 * weights on the same minibatches, that differ only in η's schedule. Constant
 * η₀; ε₀τ / max(t, τ), constant for τ steps and then falling as 1/t (Bengio,
 * "Practical recommendations for gradient-based training of deep
 * architectures"); and η₀ kept while the validation error improves and
 * halved at every check (after each pass over as many training digits as the
 * validation set holds) where the validation error has not improved since the
 * last check (Martins, Zerva & Figueiredo,
 * "More tricks of the trade").
 */
import { inverseTime } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, rows, toTensors } from './data';
import { Mlp } from './net';
import { Lane, sharedBatches } from './sideBySide';
import {
  DECAY_BATCH,
  DECAY_CHECK,
  DECAY_SAMPLE,
  DECAY_EVAL,
  DECAY_LR0,
  DECAY_SCHEDULES,
  DECAY_SIZES,
  DECAY_STEPS,
  DECAY_TAU,
  DECAY_TRAIN,
  DECAY_VAL,
  type DecayFrame,
  type TuningParams,
} from './types';

export class DecayRun implements Experiment<TuningParams> {
  readonly phase = 'training';
  private lanes: Lane[] = [];
  private readonly batches;
  private t = 0;
  /** The halving lane's η, its count of halvings, and its validation error at the last check. */
  private halved = DECAY_LR0;
  private halvings = 0;
  private lastVal = Infinity;
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    this.batches = sharedBatches(DECAY_TRAIN, p.seed);
    this.ready = this.build();
  }

  get done(): boolean {
    return this.t >= DECAY_STEPS;
  }

  private async build(): Promise<void> {
    const { train, val } = await digitSplit(DECAY_TRAIN, DECAY_VAL, this.p.seed);
    const lrs = { constant: DECAY_LR0, inverse: inverseTime(DECAY_LR0, DECAY_TAU), halve: DECAY_LR0 };
    for (const s of DECAY_SCHEDULES) {
      const net = new Mlp({ sizes: DECAY_SIZES, act: 'tanh', init: 'glorot-uniform', seed: this.p.seed });
      // the training loss is measured on the first DECAY_SAMPLE training digits (all of them would cost more than the training)
      const sample = rows(train, Array.from({ length: DECAY_SAMPLE }, (_, i) => i));
      this.lanes.push(new Lane(net, lrs[s], train, sample, toTensors(val)));
    }
    await this.measure();
  }

  private async measure(): Promise<void> {
    for (const l of this.lanes) await l.measure();
  }

  /** η of each schedule for step t + 1. */
  private lrs(): number[] {
    return this.lanes.map((l) => l.opt.lrAt(this.t + 1));
  }

  async step(): Promise<void> {
    await this.ready;
    const idx = this.batches.next(DECAY_BATCH);
    for (const l of this.lanes) l.step(idx);
    this.t++;
    if (this.t % DECAY_EVAL === 0 || this.t % DECAY_CHECK === 0 || this.t === DECAY_STEPS) await this.measure();
    if (this.t % DECAY_CHECK === 0) {
      const h = this.lanes[2];
      if (h.valError >= this.lastVal) {
        this.halved /= 2;
        this.halvings++;
        h.opt.lr = this.halved;
      }
      this.lastVal = h.valError;
    }
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = {};
    const lr = this.lrs();
    DECAY_SCHEDULES.forEach((s, k) => {
      const l = this.lanes[k];
      m[`loss_${s}`] = l.loss;
      m[`val_error_${s}`] = l.valError;
      m[`best_val_${s}`] = l.bestValError;
      m[`lr_${s}`] = lr[k];
    });
    m.loss = m.loss_constant;
    m.halvings = this.halvings;
    return m;
  }

  async frame(): Promise<DecayFrame> {
    await this.ready;
    return { lr: Float32Array.from(this.lrs()), loss: Float32Array.from(this.lanes, (l) => l.loss) };
  }

  setParams(): boolean {
    return false;
  }

  dispose(): void {
    void this.ready.then(() => {
      for (const l of this.lanes) l.dispose();
    });
  }
}
