/**
 * Batch size (scene 5): batch norm on small mini-batches against batches of
 * LARGE_BATCH, from the same initial weights, with a plain net on the small
 * batches as the control. One step of the scene feeds every net LARGE_BATCH
 * digits (LARGE_BATCH / small steps for the small-batch nets), so all see the
 * same number of digits and the difference is the batch statistics.
 */
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './digits';
import type { Mlp } from './model';
import { column, layerValues, meanStd } from './probe';
import { mlpTrainer } from './race';
import type { Trainer } from './trainer';
import { EVAL_EVERY, LARGE_BATCH, MU_WINDOW, type BatchNormParams, type BatchSizeFrame } from './types';

/** μ_B of unit 1 of the first batch-norm layer, from the last training batch (null before one); reads the mean only (this runs every step). */
async function firstUnitMean(t: Trainer): Promise<number | null> {
  const norm = (t.net as Mlp).norms[0];
  return norm.trained ? (await norm.batchMean.read())[0] : null;
}

/**
 * How far the mean of a batch of `b` misses the mean of all `v` (rms over
 * the consecutive batches of b), in units of v's standard deviation: about
 * 1/√b for independent digits.
 */
export function batchMeanError(v: ArrayLike<number>, b: number): number {
  const n = Math.floor(v.length / b) * b;
  const { mean, std } = meanStd(v);
  let err = 0;
  for (let i = 0; i < n; i += b) {
    let m = 0;
    for (let j = 0; j < b; j++) m += v[i + j];
    err += (m / b - mean) ** 2;
  }
  return std > 0 ? Math.sqrt(err / (n / b)) / std : 0;
}

/** Keeps the last MU_WINDOW values. */
function pushWindow(w: number[], v: number | null): void {
  if (v === null) return;
  w.push(v);
  if (w.length > MU_WINDOW) w.shift();
}

export class BatchSizeRun implements Experiment<BatchNormParams> {
  readonly large: Trainer;
  readonly small: Trainer;
  readonly plain: Trainer;
  private readonly reps: number;
  private t = 0;
  private smallBatchStats = 0;
  /**
   * μ_B of one unit as each net's last batch of the step saw it, the last
   * MU_WINDOW steps: how noisy the statistic the small batch normalizes with
   * is (its spread shrinks like 1/√B).
   */
  private readonly muLarge: number[] = [];
  private readonly muSmall: number[] = [];
  private readonly ready: Promise<void>;
  private errCache: { step: number; small: number; large: number } | null = null;

  constructor(
    readonly p: BatchNormParams,
    private readonly sets: DigitSets,
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
    const [ml, ms] = await Promise.all([firstUnitMean(this.large), firstUnitMean(this.small)]);
    pushWindow(this.muLarge, ml);
    pushWindow(this.muSmall, ms);
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
    const e = await this.batchMeanErrors();
    m.mu_err_small = e.small;
    m.mu_err_large = e.large;
    // the scene is about batch norm on the small batches
    m.accuracy = m.accuracy_bn_small;
    if (m.loss_bn_small !== undefined) m.loss = m.loss_bn_small;
    return m;
  }

  /**
   * With the small-batch net's current weights: unit 1 of layer 1 on the 256
   * probe digits, and how far a batch of the small size, or of LARGE_BATCH,
   * puts its μ_B from the mean over all 256 (in σ). Once per step.
   */
  private async batchMeanErrors(): Promise<{ small: number; large: number }> {
    if (this.errCache?.step !== this.t) {
      const l = await layerValues(this.small.net as Mlp, this.sets.probe, 0);
      const u = column(l.pre, l.width, 0);
      this.errCache = { step: this.t, small: batchMeanError(u, Number(this.p.small)), large: batchMeanError(u, LARGE_BATCH) };
    }
    return this.errCache;
  }

  async frame(): Promise<BatchSizeFrame> {
    await this.ready;
    const running = await (this.small.net as Mlp).norms[0].runningMean.read();
    return { muLarge: Float32Array.from(this.muLarge), muSmall: Float32Array.from(this.muSmall), muAt: [this.t, running[0]] };
  }

  dispose(): void {
    this.large.dispose();
    this.small.dispose();
    this.plain.dispose();
  }
}
