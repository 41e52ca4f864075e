/**
 * Batch size (scene 5): batch norm on small mini-batches against batches of
 * LARGE_BATCH, from the same initial weights, with a plain net on the small
 * batches as the control. One step of the scene feeds every net LARGE_BATCH
 * digits (LARGE_BATCH / small steps for the small-batch nets), so all see the
 * same number of digits and the difference is the batch statistics.
 */
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './digits';
import { mlpTrainer } from './race';
import type { Trainer } from './trainer';
import { EVAL_EVERY, LARGE_BATCH, type BatchNormParams } from './types';

export class BatchSizeRun implements Experiment<BatchNormParams> {
  readonly large: Trainer;
  readonly small: Trainer;
  readonly plain: Trainer;
  private readonly reps: number;
  private t = 0;
  private smallBatchStats = 0;
  private readonly ready: Promise<void>;

  constructor(
    readonly p: BatchNormParams,
    sets: DigitSets,
  ) {
    const b = Number(p.small);
    this.large = mlpTrainer(p, sets, true, LARGE_BATCH);
    this.small = mlpTrainer(p, sets, true, b);
    this.plain = mlpTrainer(p, sets, false, b);
    this.reps = Math.max(1, Math.round(LARGE_BATCH / b));
    this.ready = this.look();
  }

  async step(): Promise<void> {
    await this.ready;
    this.large.step();
    for (let r = 0; r < this.reps; r++) {
      this.small.step();
      this.plain.step();
    }
    this.t++;
    if (this.t % EVAL_EVERY === 0) await this.look();
  }

  private async look(): Promise<void> {
    const [, , , s] = await Promise.all([this.large.look(), this.small.look(), this.plain.look(), this.small.testAccuracy('batch')]);
    this.smallBatchStats = s;
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = {};
    for (const [name, t] of [['bn_large', this.large], ['bn_small', this.small], ['plain_small', this.plain]] as const) {
      const { loss } = await t.lastStep();
      if (Number.isFinite(loss)) m[`loss_${name}`] = loss;
      m[`accuracy_${name}`] = t.accuracy;
      m[`best_${name}`] = t.best;
    }
    m.accuracy_bn_small_batchstats = this.smallBatchStats;
    m.digits_seen = this.t * LARGE_BATCH;
    // the scene is about batch norm on the small batches
    m.accuracy = m.accuracy_bn_small;
    if (m.loss_bn_small !== undefined) m.loss = m.loss_bn_small;
    return m;
  }

  dispose(): void {
    this.large.dispose();
    this.small.dispose();
    this.plain.dispose();
  }
}
