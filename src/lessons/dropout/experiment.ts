/**
 * Dropout experiment (runs in the worker): two copies of one over-sized MLP
 * from the same seed, trained together on the same mini-batches of a small
 * noisy 2-D set: a baseline with no regularization and a run with the chosen
 * dropout, L2, L1 and early stopping.
 */
import { Rng, noGradEval, sigmoid, tidy, type Tensor } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import type { FrameData, ParamValues } from '../../engine/worker/protocol';
import { Batcher, batchOf, disposeSplit, gridTensor, makeSplit, type DatasetName, type Split } from './data';
import { EarlyStopping } from './earlyStopping';
import { RegRun, type RegSpec, type RunOptions } from './run';
import { sampledAverage, scoreProbabilities } from './testTime';

/** Mini-batch size of every step. */
export const BATCH = 16;
/** |w| below this counts as a near-zero weight (L1 sparsity). */
export const NEAR_ZERO = 0.01;
/** Thinned networks averaged for the Monte Carlo test-time prediction. */
export const MC_SAMPLES = 20;
/** The Monte Carlo average is recomputed at most once per this many steps (it costs MC_SAMPLES forward passes). */
export const MC_EVERY = 50;
/** Decision surfaces (two forward passes over the grid) are redrawn at most this often while training runs. */
export const SURFACE_MS = 100;

export interface DropoutParams {
  dataset: DatasetName;
  points: number;
  noise: number;
  hidden: number;
  p: number;
  pIn: number;
  l2: number;
  l1: number;
  earlyStop: boolean;
  patience: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  seed: number;
}

/** Reads a full parameter set (missing keys take the lesson defaults). */
export function readParams(v: ParamValues): DropoutParams {
  return {
    dataset: (v.dataset as DatasetName) ?? 'moons',
    points: Number(v.points ?? 80),
    noise: Number(v.noise ?? 0.3),
    hidden: Number(v.hidden ?? 48),
    p: Number(v.p ?? 0.5),
    pIn: Number(v.pIn ?? 0),
    l2: Number(v.l2 ?? 0),
    l1: Number(v.l1 ?? 0),
    earlyStop: v.earlyStop === true || v.earlyStop === 'true',
    patience: Number(v.patience ?? 200),
    optimizer: (v.optimizer as 'adam' | 'sgd') ?? 'adam',
    lr: Number(v.lr ?? 0.01),
    seed: Number(v.seed ?? 1),
  };
}

async function readScalar(t: Tensor): Promise<number> {
  const v = (await t.read())[0];
  t.dispose();
  return v;
}

/** Fraction of |w| < NEAR_ZERO and the squared norm sum w^2 of a flat weight vector. */
export function weightStats(w: Float32Array): { zero: number; norm2: number } {
  let zero = 0;
  let norm2 = 0;
  for (const v of w) {
    if (Math.abs(v) < NEAR_ZERO) zero++;
    norm2 += v * v;
  }
  return { zero: zero / w.length, norm2 };
}

export class DropoutExperiment implements Experiment {
  readonly base: RegRun;
  readonly reg: RegRun;
  readonly split: Split;
  readonly stopper: EarlyStopping;
  private readonly batcher: Batcher;
  private readonly grid = gridTensor();
  private readonly mcRng: Rng;
  private mc: { step: number; acc: number; loss: number } | null = null;
  private surfaces: { step: number; time: number; surf: Float32Array; base: Float32Array } | null = null;
  /** Steps taken by this experiment. */
  t = 0;
  /** The step at which early stopping ended the run, or null. */
  stoppedAt: number | null = null;

  constructor(readonly p: DropoutParams) {
    this.split = makeSplit(p.dataset, p.points, p.noise, p.seed);
    const none: RegSpec = { hidden: p.hidden, p: 0, pIn: 0, l2: 0, l1: 0 };
    const chosen: RegSpec = { hidden: p.hidden, p: p.p, pIn: p.pIn, l2: p.l2, l1: p.l1 };
    // one init seed for both runs: they start from identical weights and differ only by regularization
    const o: RunOptions = { optimizer: p.optimizer, lr: p.lr, initSeed: p.seed + 101, dropSeed: p.seed + 202 };
    this.base = new RegRun(none, o);
    this.reg = new RegRun(chosen, o);
    this.batcher = new Batcher(this.split.train.n, BATCH, new Rng(p.seed + 303));
    this.mcRng = new Rng(p.seed + 404);
    this.stopper = new EarlyStopping(p.patience);
  }

  get done(): boolean {
    return this.stoppedAt !== null;
  }

  get phase(): string {
    return this.stoppedAt === null ? 'training' : `stopped at step ${this.stoppedAt}, weights of step ${this.stopper.bestStep} restored`;
  }

  /** Records the validation loss of the regularized run's current weights (step 0 included). */
  async track(): Promise<void> {
    const v = await readScalar(this.reg.lossOn(this.split.valX, this.split.valY));
    const { improved, stop } = this.stopper.update(this.t, v);
    if (improved) this.reg.snapshot();
    if (stop && this.p.earlyStop) {
      this.reg.restore();
      this.stoppedAt = this.t;
    }
  }

  async step(): Promise<void> {
    if (this.done) return;
    const idx = this.batcher.next();
    tidy(() => {
      const { x, y } = batchOf(this.split.train, idx);
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

  /** Validation accuracy and loss of the averaged thinned networks, refreshed every MC_EVERY steps. */
  private async monteCarlo(): Promise<{ acc: number; loss: number }> {
    if (this.mc && this.t - this.mc.step < MC_EVERY && !this.done) return this.mc;
    const prob = sampledAverage(this.reg.net, this.split.valX, MC_SAMPLES, this.mcRng);
    const s = scoreProbabilities(prob, this.split.valY);
    prob.dispose();
    this.mc = { step: this.t, acc: await readScalar(s.acc), loss: await readScalar(s.loss) };
    return this.mc;
  }

  async metrics(): Promise<Record<string, number>> {
    const [r, b, mc, rw, bw] = await Promise.all([
      this.scores(this.reg),
      this.scores(this.base),
      this.monteCarlo(),
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
      mc_acc: mc.acc,
      mc_loss: mc.loss,
      best_step: this.stopper.bestStep,
      best_val_loss: this.stopper.best,
      zero_frac: rs.zero,
      base_zero_frac: bs.zero,
      w_norm: Math.sqrt(rs.norm2),
      base_w_norm: Math.sqrt(bs.norm2),
    };
    if (this.reg.dropsHidden && this.reg.steps > 0) m.kept_frac = await this.reg.keptFraction();
    if (this.stoppedAt !== null) m.stopped_at = this.stoppedAt;
    return m;
  }

  /** P(class 1) over the grid for both runs; reused for SURFACE_MS while steps go by fast (a lone step always redraws). */
  private async decisionSurfaces(): Promise<{ surf: Float32Array; base: Float32Array }> {
    const now = performance.now();
    const c = this.surfaces;
    if (c && (c.step === this.t || (now - c.time < SURFACE_MS && this.t - c.step > 1 && !this.done))) return c;
    const surface = async (run: RegRun) => {
      const t = noGradEval(() => sigmoid(run.net.forward(this.grid, false)));
      const v = await t.read();
      t.dispose();
      return v;
    };
    const [surf, base] = await Promise.all([surface(this.reg), surface(this.base)]);
    this.surfaces = { step: this.t, time: now, surf, base };
    return this.surfaces;
  }

  async frame(): Promise<FrameData> {
    const { net } = this.reg;
    const h = this.p.hidden;
    // the masks of the first example of the last mini-batch (all ones when that layer has no dropout)
    const row = async (m: Tensor | null, n: number) => (m ? (await m.read()).slice(0, n) : new Float32Array(n).fill(1));
    const [surfaces, weights, baseWeights, maskIn, mask1, mask2] = await Promise.all([
      this.decisionSurfaces(),
      this.reg.weightValues(),
      this.base.weightValues(),
      row(this.p.pIn > 0 ? net.dropIn.mask : null, 2),
      row(this.p.p > 0 ? net.drop1.mask : null, h),
      row(this.p.p > 0 ? net.drop2.mask : null, h),
    ]);
    const { train, val } = this.split;
    // every example of the mini-batch has its own mask: rows = examples, columns = h1 then h2 units
    const batchMask = await this.batchMask();
    return {
      batch_mask: batchMask,
      // copies: the frame's arrays are transferred to the page, the cache must stay
      surf: surfaces.surf.slice(),
      base_surf: surfaces.base.slice(),
      weights,
      base_weights: baseWeights,
      mask_in: maskIn,
      mask1,
      mask2,
      train_x: train.x.slice(),
      train_y: Float32Array.from(train.y),
      val_x: val.x.slice(),
      val_y: Float32Array.from(val.y),
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
    this.grid.dispose();
    disposeSplit(this.split);
  }
}

/** Builds the comparison and records the validation loss of the starting weights as step 0. */
export async function createExperiment(values: ParamValues): Promise<DropoutExperiment> {
  const e = new DropoutExperiment(readParams(values));
  await e.track();
  return e;
}

export const experiment: ExperimentFactory = (values) => createExperiment(values);
