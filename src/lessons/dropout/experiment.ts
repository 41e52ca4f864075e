/**
 * Dropout experiment (runs in the worker): two copies of one over-sized MLP
 * from the same seed, trained together on the same mini-batches of a small
 * data set (a noisy 2-D set or a few hundred digits): a baseline with no
 * regularization and a run with the chosen dropout, L2, L1 and early stopping.
 */
import { Rng, noGradEval, sigmoid, tidy, type Tensor } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { Batcher, batchOf, disposeSplit, gridTensor, makeSplit, type Split } from './data';
import { ownTrainingSet } from './ownData';
import { EarlyStopping } from './earlyStopping';
import { RegRun, type RegSpec, type RunOptions } from './run';
import { sampledAverage, scoreProbabilities, weightScaled } from './testTime';
import { BATCH, MC_EVERY, MC_SAMPLES, NEAR_ZERO, SURFACE_MS, type DropoutFrame, type DropoutParams } from './types';

async function readScalar(t: Tensor): Promise<number> {
  const v = (await t.read())[0];
  t.dispose();
  return v;
}

/** Fraction of |w| < NEAR_ZERO, fraction of w exactly 0, and the squared norm sum w^2 of a flat weight vector. */
export function weightStats(w: Float32Array): { zero: number; exact: number; norm2: number } {
  let zero = 0;
  let exact = 0;
  let norm2 = 0;
  for (const v of w) {
    if (Math.abs(v) < NEAR_ZERO) zero++;
    if (v === 0) exact++;
    norm2 += v * v;
  }
  return { zero: zero / w.length, exact: exact / w.length, norm2 };
}

/** A run's test-set score at its best validation step (kept when that step was reached). */
interface AtBest {
  testLoss: number;
  testAcc: number;
}

/** Both test-time rules scored with one loss on the validation set at one step. */
interface TestTimeScores {
  step: number;
  wsAcc: number;
  wsLoss: number;
  mcAcc: number;
  mcLoss: number;
}

export class DropoutExperiment implements Experiment<DropoutParams> {
  readonly base: RegRun;
  readonly reg: RegRun;
  readonly stopper: EarlyStopping;
  /** The baseline's best validation step, kept the same way (it never stops). */
  readonly baseBest: EarlyStopping;
  private regAtBest: AtBest = { testLoss: -1, testAcc: -1 };
  private baseAtBest: AtBest = { testLoss: -1, testAcc: -1 };
  /** The last step at which the regularized run's validation loss was not below the baseline's (step 0: both are one network). */
  lastNotBelow = 0;
  private readonly batcher: Batcher;
  /** The decision-surface grid (2-D sets only). */
  private readonly grid: Tensor | null;
  private readonly mcRng: Rng;
  private testTime: TestTimeScores | null = null;
  private surfaces: { step: number; time: number; surf: Float32Array; base: Float32Array } | null = null;
  /** Steps taken by this experiment. */
  t = 0;
  /** The step at which early stopping ended the run, or null. */
  stoppedAt: number | null = null;

  constructor(
    readonly p: DropoutParams,
    readonly split: Split,
  ) {
    const io = { inputs: split.train.dim, outputs: split.classes === 2 ? 1 : split.classes };
    const none: RegSpec = { ...io, hidden: p.hidden, p: 0, pIn: 0, l2: 0, l1: 0 };
    const chosen: RegSpec = { ...io, hidden: p.hidden, p: p.p, pIn: p.pIn, l2: p.l2, l1: p.l1 };
    // one init seed for both runs: they start from identical weights and differ only by regularization
    const o: RunOptions = { optimizer: p.optimizer, lr: p.lr, initSeed: p.seed + 101, dropSeed: p.seed + 202 };
    this.base = new RegRun(none, o);
    this.reg = new RegRun(chosen, o);
    this.batcher = new Batcher(split.train.n, BATCH, new Rng(p.seed + 303));
    this.mcRng = new Rng(p.seed + 404);
    this.stopper = new EarlyStopping(p.patience);
    this.baseBest = new EarlyStopping(p.patience);
    this.grid = split.train.dim === 2 ? gridTensor() : null;
  }

  get done(): boolean {
    return this.stoppedAt !== null;
  }

  get phase(): string {
    return this.stoppedAt === null ? 'training' : `stopped at step ${this.stoppedAt}, weights of step ${this.stopper.bestStep} restored`;
  }

  /** The run's loss and accuracy on the test set, read now. */
  private async testScore(run: RegRun): Promise<AtBest> {
    const { loss, acc } = run.evaluate(this.split.testX, this.split.testY);
    const [testLoss, testAcc] = await Promise.all([readScalar(loss), readScalar(acc)]);
    return { testLoss, testAcc };
  }

  /**
   * Records the validation loss of both runs' current weights (step 0 included): each run's best
   * step, its test score there, and how long the regularized run has stayed below the baseline.
   */
  async track(): Promise<void> {
    const [v, bv] = await Promise.all([
      readScalar(this.reg.lossOn(this.split.valX, this.split.valY)),
      readScalar(this.base.lossOn(this.split.valX, this.split.valY)),
    ]);
    if (!(v < bv)) this.lastNotBelow = this.t;
    if (this.baseBest.update(this.t, bv).improved) this.baseAtBest = await this.testScore(this.base);
    const { improved, stop } = this.stopper.update(this.t, v);
    if (improved) {
      this.reg.snapshot();
      this.regAtBest = await this.testScore(this.reg);
    }
    if (stop && this.p.earlyStop) {
      this.reg.restore();
      this.stoppedAt = this.t;
    }
  }

  async step(): Promise<void> {
    if (this.done) return;
    const idx = this.batcher.next();
    tidy(() => {
      const { x, y } = batchOf(this.split.train, idx, this.split.classes);
      this.base.step(x, y);
      this.reg.step(x, y);
    });
    this.t++;
    await this.track();
  }

  private async scores(run: RegRun): Promise<{ train: number; val: number; acc: number }> {
    const tr = run.evaluate(this.split.trainX, this.split.trainY);
    const va = run.evaluate(this.split.valX, this.split.valY);
    tr.acc.dispose();
    return { train: await readScalar(tr.loss), val: await readScalar(va.loss), acc: await readScalar(va.acc) };
  }

  /**
   * The regularized run's validation accuracy and loss under both test-time rules, computed
   * together at one step and refreshed every MC_EVERY steps (the sampled rule costs MC_SAMPLES passes).
   */
  async testTimeScores(): Promise<TestTimeScores> {
    if (this.testTime && this.t - this.testTime.step < MC_EVERY && !(this.done && this.testTime.step !== this.t)) return this.testTime;
    const { valX, valY } = this.split;
    const ws = weightScaled(this.reg.net, valX);
    const mc = sampledAverage(this.reg.net, valX, MC_SAMPLES, this.mcRng);
    const a = scoreProbabilities(ws, valY);
    const b = scoreProbabilities(mc, valY);
    ws.dispose();
    mc.dispose();
    const [wsAcc, wsLoss, mcAcc, mcLoss] = await Promise.all([readScalar(a.acc), readScalar(a.loss), readScalar(b.acc), readScalar(b.loss)]);
    this.testTime = { step: this.t, wsAcc, wsLoss, mcAcc, mcLoss };
    return this.testTime;
  }

  async metrics(): Promise<Record<string, number>> {
    const [r, b, tt, rw, bw] = await Promise.all([
      this.scores(this.reg),
      this.scores(this.base),
      this.testTimeScores(),
      this.reg.weightValues(),
      this.base.weightValues(),
    ]);
    const rs = weightStats(rw);
    const bs = weightStats(bw);
    const m: Record<string, number> = {
      train_loss: r.train,
      val_loss: r.val,
      base_train_loss: b.train,
      base_val_loss: b.val,
      val_acc: r.acc,
      base_val_acc: b.acc,
      tt_step: tt.step,
      ws_acc: tt.wsAcc,
      ws_loss: tt.wsLoss,
      mc_acc: tt.mcAcc,
      mc_loss: tt.mcLoss,
      best_step: this.stopper.bestStep,
      best_val_loss: this.stopper.best,
      best_test_loss: this.regAtBest.testLoss,
      best_test_acc: this.regAtBest.testAcc,
      base_best_step: this.baseBest.bestStep,
      base_best_val_loss: this.baseBest.best,
      base_best_test_loss: this.baseAtBest.testLoss,
      base_best_test_acc: this.baseAtBest.testAcc,
      // the step from which the regularized run's validation loss has stayed below the baseline's (t + 1: not below now)
      below_since: this.lastNotBelow + 1,
      zero_frac: rs.zero,
      base_zero_frac: bs.zero,
      exact_zero_frac: rs.exact,
      w_norm: Math.sqrt(rs.norm2),
      points: this.split.train.n,
      base_w_norm: Math.sqrt(bs.norm2),
    };
    if (this.reg.dropsHidden && this.reg.steps > 0) m.kept_frac = await this.reg.keptFraction();
    if (this.stoppedAt !== null) m.stopped_at = this.stoppedAt;
    return m;
  }

  /** P(class 1) over the grid for both runs; reused for SURFACE_MS while steps go by fast (a lone step always redraws). */
  private async decisionSurfaces(grid: Tensor): Promise<{ surf: Float32Array; base: Float32Array }> {
    const now = performance.now();
    const c = this.surfaces;
    if (c && (c.step === this.t || (now - c.time < SURFACE_MS && this.t - c.step > 1 && !this.done))) return c;
    const surface = async (run: RegRun) => {
      const t = noGradEval(() => sigmoid(run.net.forward(grid, false)));
      const v = await t.read();
      t.dispose();
      return v;
    };
    const [surf, base] = await Promise.all([surface(this.reg), surface(this.base)]);
    this.surfaces = { step: this.t, time: now, surf, base };
    return this.surfaces;
  }

  async frame(): Promise<Partial<DropoutFrame>> {
    const { net } = this.reg;
    const h = this.p.hidden;
    // a fresh empty array per field: one buffer may not appear twice in the transfer list
    const empty = () => new Float32Array(0);
    // the masks of the first example of the last mini-batch (all ones when that layer has no dropout)
    const row = async (m: Tensor | null, n: number) => (m ? (await m.read()).slice(0, n) : new Float32Array(n).fill(1));
    const [surfaces, weights, baseWeights, maskIn, mask1, mask2, batchMask] = await Promise.all([
      this.grid ? this.decisionSurfaces(this.grid) : null,
      this.reg.weightValues(),
      this.base.weightValues(),
      row(this.p.pIn > 0 ? net.dropIn.mask : null, this.split.train.dim),
      row(this.p.p > 0 ? net.drop1.mask : null, h),
      row(this.p.p > 0 ? net.drop2.mask : null, h),
      this.batchMask(),
    ]);
    const { train, val } = this.split;
    const plane = train.dim === 2;
    return {
      batch_mask: batchMask,
      // copies: the frame's arrays are transferred to the page, the cache must stay
      surf: surfaces ? surfaces.surf.slice() : empty(),
      base_surf: surfaces ? surfaces.base.slice() : empty(),
      weights,
      base_weights: baseWeights,
      mask_in: maskIn,
      mask1,
      mask2,
      train_x: plane ? train.x.slice() : empty(),
      train_y: plane ? Float32Array.from(train.y) : empty(),
      val_x: plane ? val.x.slice() : empty(),
      val_y: plane ? Float32Array.from(val.y) : empty(),
    };
  }

  /** [B, 2H]: row b holds [m1_b, m2_b] > 0 as 1 (kept) or 0 (dropped); empty without hidden dropout or before the first step. */
  private async batchMask(): Promise<Float32Array> {
    const { drop1, drop2 } = this.reg.net;
    if (this.p.p <= 0 || !drop1.mask || !drop2.mask) return new Float32Array(0);
    const [a, b] = await Promise.all([drop1.mask.read(), drop2.mask.read()]);
    const h = this.p.hidden;
    const rows = a.length / h;
    const out = new Float32Array(rows * 2 * h);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < h; j++) {
        out[r * 2 * h + j] = a[r * h + j] > 0 ? 1 : 0;
        out[r * 2 * h + h + j] = b[r * h + j] > 0 ? 1 : 0;
      }
    }
    return out;
  }

  dispose(): void {
    this.base.dispose();
    this.reg.dispose();
    this.grid?.dispose();
    disposeSplit(this.split);
  }
}

/** Builds the comparison (loading the digits when asked) and records the validation loss of the starting weights as step 0. */
export async function createExperiment(p: DropoutParams): Promise<DropoutExperiment> {
  const split = await makeSplit(p.dataset, p.points, p.noise, p.seed, ownTrainingSet(p.data));
  const e = new DropoutExperiment(p, split);
  await e.track();
  return e;
}

/** Small MLPs: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<DropoutParams> = (p) => createExperiment(p);
