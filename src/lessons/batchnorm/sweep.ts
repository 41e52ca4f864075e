/**
 * Larger learning rates (scene 3; Ioffe & Szegedy 2015, §3.3): for every rate
 * of SWEEP_LRS one net with batch norm and one without, all from the same
 * initial weights and fed the same mini-batches, trained SWEEP_STEPS steps of
 * plain SGD. Reports each net's test accuracy and last loss, and per kind of
 * net the largest rate at which it still trains.
 */
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './digits';
import { mlpTrainer } from './race';
import type { Trainer } from './trainer';
import { EVAL_EVERY, SWEEP_LRS, SWEEP_STEPS, TRAINS_ABOVE, type BatchNormParams } from './types';

/** Losses are read back (and a non-finite one stops that net) this often. */
const READ_EVERY = 10;

export class SweepRun implements Experiment<BatchNormParams> {
  readonly bn: Trainer[];
  readonly plain: Trainer[];
  private readonly loss = { bn: SWEEP_LRS.map(() => NaN), plain: SWEEP_LRS.map(() => NaN) };
  private t = 0;
  private readonly ready: Promise<void>;

  constructor(
    readonly p: BatchNormParams,
    sets: DigitSets,
  ) {
    this.bn = SWEEP_LRS.map((lr) => mlpTrainer(p, sets, true, p.batch, lr));
    this.plain = SWEEP_LRS.map((lr) => mlpTrainer(p, sets, false, p.batch, lr));
    this.ready = this.look();
  }

  get done(): boolean {
    return this.t >= SWEEP_STEPS;
  }

  private get all(): [('bn' | 'plain'), Trainer, number][] {
    return [...this.bn.map((t, k) => ['bn', t, k] as ['bn', Trainer, number]), ...this.plain.map((t, k) => ['plain', t, k] as ['plain', Trainer, number])];
  }

  async step(): Promise<void> {
    await this.ready;
    if (this.done) return;
    for (const [, t] of this.all) t.step();
    this.t++;
    if (this.t % READ_EVERY === 0 || this.done) await this.readLosses();
    if (this.t % EVAL_EVERY === 0 || this.done) await this.look();
  }

  private async readLosses(): Promise<void> {
    await Promise.all(
      this.all.map(async ([kind, t, k]) => {
        const { loss } = await t.lastStep();
        this.loss[kind][k] = loss;
      }),
    );
  }

  private async look(): Promise<void> {
    await Promise.all(this.all.map(([, t]) => t.look()));
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = {};
    for (const kind of ['bn', 'plain'] as const) {
      const ts = this[kind];
      let best = 0;
      let max = 0;
      ts.forEach((t, k) => {
        m[`acc_${kind}_${k}`] = t.accuracy;
        m[`diverged_${kind}_${k}`] = t.diverged ? 1 : 0;
        // a diverged net's loss is not finite: the readout leaves it out
        const l = this.loss[kind][k];
        if (Number.isFinite(l)) m[`loss_${kind}_${k}`] = l;
        if (t.accuracy > ts[best].accuracy) best = k;
        if (t.accuracy > TRAINS_ABOVE) max = SWEEP_LRS[k];
      });
      m[`accuracy_${kind}`] = ts[best].accuracy;
      m[`best_lr_${kind}`] = SWEEP_LRS[best];
      m[`max_lr_${kind}`] = max;
      const l = this.loss[kind][best];
      if (Number.isFinite(l)) m[`loss_${kind}`] = l;
    }
    m.accuracy = m.accuracy_bn;
    if (m.loss_bn !== undefined) m.loss = m.loss_bn;
    m.diverged = this.all.filter(([, t]) => t.diverged).length;
    return m;
  }

  setParams(): boolean {
    return false;
  }

  dispose(): void {
    for (const [, t] of this.all) t.dispose();
  }
}
