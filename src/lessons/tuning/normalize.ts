/**
 * Normalizing the inputs (Martins, Zerva & Figueiredo, "More tricks of the
 * trade": subtract each input dimension's training-set mean and divide by its
 * training-set standard deviation). Three copies of one net, from the same
 * initial weights on the same minibatches with the same η: raw pixels in
 * [0, 1]; standardized pixels (x − μ) / max(σ, ε) with a sizable guard ε; and
 * the same with a tiny ε. Digits are sparse: many pixels are 0 in every
 * training digit, so σ = 0 there and the guard is what keeps 0/0 out; the
 * tiny guard turns a validation digit's stroke through such a pixel into an
 * input of about 10⁸.
 */
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, toTensors, type DigitSet } from './data';
import { Mlp } from './net';
import { Lane, sharedBatches } from './sideBySide';
import { NORM_BATCH, NORM_EPS, NORM_EVAL, NORM_LR, NORM_RUNS, NORM_SIZES, NORM_STEPS, NORM_TINY_EPS, NORM_TRAIN, NORM_VAL, type NormFrame, type TuningParams } from './types';

/** Per-dimension mean and standard deviation of a set's inputs. */
export function moments(s: DigitSet): { mean: Float32Array; sigma: Float32Array } {
  const mean = new Float64Array(s.dim);
  const sq = new Float64Array(s.dim);
  for (let i = 0; i < s.n; i++)
    for (let j = 0; j < s.dim; j++) {
      const v = s.x[i * s.dim + j];
      mean[j] += v;
      sq[j] += v * v;
    }
  const sigma = new Float32Array(s.dim);
  for (let j = 0; j < s.dim; j++) {
    mean[j] /= s.n;
    sigma[j] = Math.sqrt(Math.max(0, sq[j] / s.n - mean[j] * mean[j]));
  }
  return { mean: Float32Array.from(mean), sigma };
}

/** The set standardized with the training set's moments: (x − μ) / max(σ, ε) per dimension. */
export function standardize(s: DigitSet, mean: Float32Array, sigma: Float32Array, eps: number): DigitSet {
  const x = new Float32Array(s.x.length);
  for (let i = 0; i < s.n; i++)
    for (let j = 0; j < s.dim; j++) x[i * s.dim + j] = (s.x[i * s.dim + j] - mean[j]) / Math.max(sigma[j], eps);
  return { ...s, x };
}

const zeros = (a: Float32Array) => a.reduce((n, v) => n + (v === 0 ? 1 : 0), 0) / a.length;
const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export class NormalizeRun implements Experiment<TuningParams> {
  readonly phase = 'training';
  private lanes: Lane[] = [];
  private readonly batches;
  private t = 0;
  private sigma: Float32Array = new Float32Array(NORM_SIZES[0]);
  private facts: Record<string, number> = {};
  /** First step at which each run's training loss was below 0.5 (-1 before). */
  private below = NORM_RUNS.map(() => -1);
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    this.batches = sharedBatches(NORM_TRAIN, p.seed);
    this.ready = this.build();
  }

  get done(): boolean {
    return this.t >= NORM_STEPS;
  }

  private async build(): Promise<void> {
    const { train, val } = await digitSplit(NORM_TRAIN, NORM_VAL, this.p.seed);
    const { mean, sigma } = moments(train);
    this.sigma = sigma;
    const sets: Record<(typeof NORM_RUNS)[number], [DigitSet, DigitSet]> = {
      raw: [train, val],
      std: [standardize(train, mean, sigma, NORM_EPS), standardize(val, mean, sigma, NORM_EPS)],
      tiny: [standardize(train, mean, sigma, NORM_TINY_EPS), standardize(val, mean, sigma, NORM_TINY_EPS)],
    };
    // the pixels that are 0 in every training digit, and the validation digits that have ink on one of them
    const dead = Array.from(sigma, (s, j) => (s === 0 && mean[j] === 0 ? j : -1)).filter((j) => j >= 0);
    let hit = 0;
    for (let i = 0; i < val.n; i++) if (dead.some((j) => val.x[i * val.dim + j] > 0)) hit++;
    this.facts = {
      dead_pixels: dead.length,
      val_hit: hit / val.n,
      zeros_raw: zeros(train.x),
      zeros_std: zeros(sets.std[0].x),
      max_val_std: maxAbs(sets.std[1].x),
      max_val_tiny: maxAbs(sets.tiny[1].x),
    };
    for (const r of NORM_RUNS) {
      const net = new Mlp({ sizes: NORM_SIZES, act: 'tanh', init: 'glorot-uniform', seed: this.p.seed });
      this.lanes.push(new Lane(net, NORM_LR, sets[r][0], toTensors(sets[r][0]), toTensors(sets[r][1])));
    }
    await this.measure();
  }

  private async measure(): Promise<void> {
    for (const [k, l] of this.lanes.entries()) {
      await l.measure();
      if (this.below[k] < 0 && l.loss < 0.5) this.below[k] = this.t;
    }
  }

  async step(): Promise<void> {
    await this.ready;
    const idx = this.batches.next(NORM_BATCH);
    for (const l of this.lanes) l.step(idx);
    this.t++;
    if (this.t % NORM_EVAL === 0 || this.t === NORM_STEPS) await this.measure();
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = { ...this.facts };
    NORM_RUNS.forEach((r, k) => {
      const l = this.lanes[k];
      m[`loss_${r}`] = l.loss;
      m[`val_error_${r}`] = l.valError;
      m[`train_error_${r}`] = l.trainError;
      m[`below_${r}`] = this.below[k];
    });
    m.loss = m.loss_std;
    return m;
  }

  async frame(): Promise<NormFrame> {
    await this.ready;
    // a copy: the frame's buffers are transferred to the page
    return { sigma: this.sigma.slice() };
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
