/**
 * The learning rate, "the most important hyper-parameter" (Goodfellow, Bengio
 * & Courville, Deep Learning, §11.4.1): one net per rate of LR_SWEEP, all
 * from the same initial weights and fed the same minibatches, so the rate is
 * the only difference. Each step also measures, per layer, the size of the
 * update against the size of the weights, ‖ΔW‖/‖W‖ = η‖∇W‖/‖W‖.
 */
import { Rng, SGD, gradNorms, l2Norm, tidy, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { digitSplit, rows, toTensors, type DigitSet } from './data';
import { Mlp, evaluate, lossAndGrads } from './net';
import { DIVERGED_AT, LR_BATCH, LR_DIGITS, LR_EVAL, LR_SIZES, LR_STEPS, LR_SWEEP, type LrFrame, type TuningParams } from './types';

const LAYERS = LR_SIZES.length - 1;

export class LrSweepRun implements Experiment<TuningParams> {
  readonly phase = 'training';
  private nets: Mlp[] = [];
  private opts: SGD[] = [];
  private set!: DigitSet;
  private all!: { x: Tensor; y: Tensor };
  private order: number[] = [];
  private readonly rng: Rng;
  private t = 0;
  private readonly loss = new Float32Array(LR_SWEEP.length);
  private readonly diverged = new Float32Array(LR_SWEEP.length);
  private readonly ratio = new Float32Array(LR_SWEEP.length * LAYERS);
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    this.rng = new Rng(p.seed + 577);
    this.ready = this.build();
  }

  get done(): boolean {
    return this.t >= LR_STEPS;
  }

  private async build(): Promise<void> {
    this.set = (await digitSplit(LR_DIGITS, 0, this.p.seed)).train;
    this.all = toTensors(this.set);
    for (const lr of LR_SWEEP) {
      this.nets.push(new Mlp({ sizes: LR_SIZES, act: 'tanh', init: 'glorot-uniform', seed: this.p.seed }));
      this.opts.push(new SGD(lr));
    }
    await this.measure();
  }

  private async measure(): Promise<void> {
    for (let k = 0; k < this.nets.length; k++) {
      if (this.diverged[k]) continue;
      const { loss } = await evaluate(this.nets[k], this.all.x, this.all.y);
      if (!Number.isFinite(loss) || loss > DIVERGED_AT) this.diverged[k] = 1;
      else this.loss[k] = loss;
    }
  }

  private nextBatch(): number[] {
    const idx: number[] = [];
    for (let i = 0; i < LR_BATCH; i++) {
      if (this.order.length === 0) this.order = this.rng.shuffle(Array.from({ length: this.set.n }, (_, j) => j)) as number[];
      idx.push(this.order.pop()!);
    }
    return idx;
  }

  async step(): Promise<void> {
    await this.ready;
    const b = rows(this.set, this.nextBatch());
    for (let k = 0; k < this.nets.length; k++) {
      if (this.diverged[k]) continue;
      const net = this.nets[k];
      const norms = tidy(() => {
        const { grads } = lossAndGrads(net, b.x, b.y);
        const weights = net.layers.map((l) => l.W);
        const g = gradNorms(grads.filter((_, i) => i % 2 === 0));
        const w = weights.map((W) => l2Norm(W));
        this.opts[k].step(net.params(), grads);
        return [...g, ...w];
      });
      const v = await Promise.all(norms.map(async (n) => (await n.read())[0]));
      for (const n of norms) n.dispose();
      // the weights' norm before the update: SGD's step is exactly η‖∇W‖ long
      for (let l = 0; l < LAYERS; l++) this.ratio[k * LAYERS + l] = (LR_SWEEP[k] * v[l]) / Math.max(v[LAYERS + l], 1e-12);
      if (!v.every(Number.isFinite)) this.diverged[k] = 1;
    }
    b.x.dispose();
    b.y.dispose();
    this.t++;
    if (this.t % LR_EVAL === 0 || this.t === LR_STEPS) await this.measure();
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const m: Record<string, number> = {};
    let best = 0;
    for (let k = 0; k < LR_SWEEP.length; k++) {
      m[`loss_${k}`] = this.loss[k];
      m[`diverged_${k}`] = this.diverged[k];
      for (let l = 0; l < LAYERS; l++) m[`ratio_${k}_${l + 1}`] = Number.isFinite(this.ratio[k * LAYERS + l]) ? this.ratio[k * LAYERS + l] : 0;
      if (!this.diverged[k] && (this.diverged[best] || this.loss[k] < this.loss[best])) best = k;
    }
    m.loss = this.loss[best];
    m.best_lr = LR_SWEEP[best];
    m.best_index = best;
    m.diverged = this.diverged.reduce((a, b) => a + b, 0);
    // the rate whose mean update ratio over the layers is nearest 1% (on a log scale)
    let near = 0;
    const off = (k: number) => {
      let s = 0;
      for (let l = 0; l < LAYERS; l++) s += Math.log10(Math.max(this.ratio[k * LAYERS + l], 1e-12));
      return Math.abs(s / LAYERS + 2);
    };
    for (let k = 1; k < LR_SWEEP.length; k++) if (!this.diverged[k] && off(k) < off(near)) near = k;
    m.lr_near_1pct = LR_SWEEP[near];
    return m;
  }

  async frame(): Promise<LrFrame> {
    await this.ready;
    return { ratio: this.ratio.slice(), loss: this.loss.slice(), diverged: this.diverged.slice() };
  }

  setParams(): boolean {
    return false;
  }

  dispose(): void {
    void this.ready.then(() => {
      for (const n of this.nets) n.dispose();
      this.all.x.dispose();
      this.all.y.dispose();
    });
  }
}
