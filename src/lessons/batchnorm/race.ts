/**
 * The race (scenes 1 and 2): the same deep MLP from the same initial weights
 * and the same mini-batches, with batch normalization after every hidden
 * layer and without, trained side by side by plain SGD. Besides accuracy and
 * gradients it reports one layer's units as the probe digits see them and the
 * live batch statistics, γ and β of one unit.
 */
import { Rng, SGD } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import type { DigitSets } from './digits';
import { Mlp, type MlpOptions } from './model';
import { column, layerValues, meanStd, quantile, unitHistograms, type LayerValues } from './probe';
import { Trainer, raceMetrics } from './trainer';
import { EVAL_EVERY, PROBE_EVERY, type BatchNormParams, type RaceFrame } from './types';

export function mlpOptions(p: BatchNormParams, bn: boolean): MlpOptions {
  return { depth: p.depth, width: p.width, activation: p.activation, bn, momentum: p.momentum };
}

/** A trainer of the lesson's MLP; the seed alone fixes its initial weights and its batches. */
export function mlpTrainer(p: BatchNormParams, sets: DigitSets, bn: boolean, batch = p.batch, lr = p.lr): Trainer {
  return new Trainer(new Mlp(mlpOptions(p, bn), new Rng(p.seed)), sets, new SGD(lr), batch, p.seed);
}

/** ‖first‖ / ‖last‖; 0 when the last is 0. */
const ratio = (v: number[]) => (v[v.length - 1] > 0 ? v[0] / v[v.length - 1] : 0);

export class RaceRun implements Experiment<BatchNormParams> {
  readonly bn: Trainer;
  readonly plain: Trainer;
  private readonly layer: number;
  private readonly unit: number;
  /** Probe statistics at the latest look. */
  private probeStats: Record<string, number> = {};
  private probeCache: { step: number; bn: LayerValues } | null = null;
  private readonly ready: Promise<void>;

  constructor(
    readonly p: BatchNormParams,
    private readonly sets: DigitSets,
  ) {
    this.bn = mlpTrainer(p, sets, true);
    this.plain = mlpTrainer(p, sets, false);
    this.layer = Math.min(p.layer, p.depth) - 1;
    this.unit = Math.min(p.unit, p.width) - 1;
    this.ready = this.look();
  }

  private get steps(): number {
    return this.bn.steps;
  }

  async step(): Promise<void> {
    await this.ready;
    this.bn.step();
    this.plain.step();
    if (this.steps % EVAL_EVERY === 0) await this.look();
    else if (this.steps % PROBE_EVERY === 0) await this.lookAtLayer();
  }

  /** Test accuracies at step 0 and every EVAL_EVERY steps (with the probe's statistics). */
  private async look(): Promise<void> {
    await Promise.all([this.bn.look(), this.plain.look(), this.lookAtLayer()]);
  }

  /** The probe's statistics of the shown layer, at step 0 and every PROBE_EVERY steps. */
  private async lookAtLayer(): Promise<void> {
    const [bnL, plainL] = await Promise.all([this.bnLayer(), layerValues(this.plain.net as Mlp, this.sets.probe, this.layer)]);
    const q = (v: Float32Array, name: string, out: Record<string, number>) => {
      out[`${name}_p15`] = quantile(v, 0.15);
      out[`${name}_p50`] = quantile(v, 0.5);
      out[`${name}_p85`] = quantile(v, 0.85);
    };
    const s: Record<string, number> = {};
    // what the shown unit's activation receives: y = γ x̂ + β with batch norm, u without
    q(column(bnL.post, bnL.width, this.unit), 'bn', s);
    q(column(plainL.post, plainL.width, this.unit), 'plain', s);
    // across the layer's units: the spread of the raw u, and how closely each y has mean β and std |γ|
    const [gamma, beta] = await this.gammaBeta();
    let sdMin = Infinity;
    let sdMax = 0;
    let offMean = 0;
    let offStd = 0;
    for (let u = 0; u < bnL.width; u++) {
      const raw = meanStd(column(bnL.pre, bnL.width, u));
      sdMin = Math.min(sdMin, raw.std);
      sdMax = Math.max(sdMax, raw.std);
      const y = meanStd(column(bnL.post, bnL.width, u));
      offMean = Math.max(offMean, Math.abs(y.mean - beta[u]));
      offStd = Math.max(offStd, Math.abs(y.std - Math.abs(gamma[u])) / Math.max(Math.abs(gamma[u]), 1e-6));
    }
    s.raw_std_ratio = sdMin > 0 ? sdMax / sdMin : 0;
    s.post_mean_off = offMean;
    s.post_std_off = offStd;
    this.probeStats = s;
  }

  /** The batch-norm net's shown layer over the probe digits, computed once per step however often asked. */
  private async bnLayer(): Promise<LayerValues> {
    if (this.probeCache?.step !== this.steps) this.probeCache = { step: this.steps, bn: await layerValues(this.bn.net as Mlp, this.sets.probe, this.layer) };
    return this.probeCache.bn;
  }

  private async gammaBeta(): Promise<[Float32Array, Float32Array]> {
    const n = (this.bn.net as Mlp).norms[this.layer];
    return Promise.all([n.gamma.read(), n.beta.read()]);
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m = await raceMetrics(this.bn, this.plain, (m, name, t, grads) => {
      m[`step80_${name}`] = t.step80;
      m[`step90_${name}`] = t.step90;
      m[`grad_ratio_${name}`] = ratio(grads);
    });
    const norm = (this.bn.net as Mlp).norms[this.layer];
    const [gamma, beta] = await this.gammaBeta();
    const stats = await norm.lastStats();
    if (stats) {
      m.mu_B = stats.mean[this.unit];
      m.var_B = stats.variance[this.unit];
    }
    m.gamma = gamma[this.unit];
    m.beta = beta[this.unit];
    return { ...m, ...this.probeStats };
  }

  async frame(): Promise<RaceFrame> {
    await this.ready;
    const [bnL, bnG, plainG] = await Promise.all([this.bnLayer(), this.bn.lastStep(), this.plain.lastStep()]);
    const h = unitHistograms(bnL);
    return { before: h.before, after: h.after, beforeRange: h.beforeRange, gradBn: Float32Array.from(bnG.grads), gradPlain: Float32Array.from(plainG.grads) };
  }

  dispose(): void {
    this.bn.dispose();
    this.plain.dispose();
  }
}
