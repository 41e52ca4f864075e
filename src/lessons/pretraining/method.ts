/**
 * One method's whole run, cut into units of one minibatch each so the worker's
 * run loop can slice it: greedy pretraining of each hidden layer (supervised
 * or as a denoising auto-encoder, or none), a linear read-out of the frozen
 * features, then supervised fine-tuning of every layer, with the test error
 * measured after the read-out, and the training (labelled digits),
 * validation and test errors after fine-tuning (the three columns of
 * Bengio et al. 2006, Table 1). The shallow method is the one-hidden-layer
 * net of that table: no pretraining, the first hidden layer only.
 */
import { Batches, Dense, Rng, gatherRows, keep, mean, mul, noGradEval, oneHot, softmaxCrossEntropy, sub, tidy, type Optimizer, type Tensor } from '../../engine';
import { PIXELS, maskingNoise, type DigitSets } from './data';
import { phasesOf } from './types';
import { CLASSES, DeepNet, aeLoss, correctCount, frozenInput, host, newOptimizer, reconstruct, supervisedLayerLoss, trainStep } from './model';

export const METHODS = ['none', 'supervised', 'autoencoder', 'shallow'] as const;
export type Method = (typeof METHODS)[number];

export interface StackConfig {
  /** Hidden layer widths, bottom first. */
  hidden: readonly number[];
  /** Labelled training digits (the first `labels` of the training split). */
  labels: number;
  batch: number;
  /** Minibatches per layer of greedy pretraining. */
  pretrainSteps: number;
  readoutSteps: number;
  finetuneSteps: number;
  /** Masking-noise level of the denoising auto-encoder (0: a plain auto-encoder). */
  corruption: number;
  /** Adam step sizes of the three stages. */
  lrPretrain: number;
  lrReadout: number;
  lrFinetune: number;
  seed: number;
}

export type TaskKind = 'pretrain' | 'readout' | 'finetune' | 'eval';
/** The digits an evaluation counts errors on: the labelled training digits, the validation set, the test set. */
export type EvalSet = 'train' | 'valid' | 'test';
export interface Task {
  kind: TaskKind;
  /** Layer index (0-based) for 'pretrain'; for 'eval', 0 = after the read-out, 1 = after fine-tuning. */
  layer: number;
  /** For 'eval': which digits. */
  set?: EvalSet;
  units: number;
  phase: string;
  /** Relative cost of one unit (multiply-adds), for progress and time left. */
  cost: number;
}

/** Test digits per evaluation unit. */
export const EVAL_CHUNK = 250;
/** Held-out digits whose reconstruction error is measured during auto-encoder pretraining. */
export const RECON_HELD_OUT = 100;
/** Auto-encoder units between two held-out reconstruction measurements. */
export const RECON_EVERY = 25;


/** The hidden layer widths a method's net has: the shallow net keeps only the first. */
export function hiddenOf(method: Method, c: StackConfig): readonly number[] {
  return method === 'shallow' ? c.hidden.slice(0, 1) : c.hidden;
}

/** Digits per evaluation set: the labelled training digits, the validation and the test set. */
export interface EvalSizes {
  train: number;
  valid: number;
  test: number;
}

/** The units a method runs, with their costs (forward multiply-adds; a training step counts 3x its forward). */
export function planOf(method: Method, c: StackConfig, n: EvalSizes): Task[] {
  const hidden = hiddenOf(method, c);
  const sizes = [PIXELS, ...hidden];
  const fwd = (upto: number) => sizes.slice(1, upto + 1).reduce((s, h, k) => s + sizes[k] * h, 0);
  const all = fwd(hidden.length) + hidden[hidden.length - 1] * CLASSES;
  const B = c.batch;
  const tasks: Task[] = [];
  if (method === 'supervised' || method === 'autoencoder') {
    hidden.forEach((h, k) => {
      const own = method === 'autoencoder' ? 2 * sizes[k] * h : sizes[k] * h + h * CLASSES;
      const recon = method === 'autoencoder' ? (RECON_HELD_OUT * (fwd(k) + own)) / RECON_EVERY : 0;
      tasks.push({ kind: 'pretrain', layer: k, units: c.pretrainSteps, phase: `layer ${k + 1}`, cost: B * (fwd(k) + 3 * own) + recon });
    });
  }
  const units = (set: EvalSet) => Math.ceil(n[set] / EVAL_CHUNK);
  const evalTask = (layer: number, set: EvalSet, phase: string): Task => ({ kind: 'eval', layer, set, units: units(set), phase, cost: EVAL_CHUNK * all });
  tasks.push({ kind: 'readout', layer: 0, units: c.readoutSteps, phase: 'read-out', cost: B * (all + 2 * hidden[hidden.length - 1] * CLASSES) });
  tasks.push(evalTask(0, 'test', 'read-out'));
  tasks.push({ kind: 'finetune', layer: 0, units: c.finetuneSteps, phase: 'fine-tune', cost: 3 * B * all });
  for (const set of ['test', 'valid', 'train'] as const) tasks.push(evalTask(1, set, 'fine-tune'));
  return tasks;
}

export class MethodRun {
  readonly net: DeepNet;
  readonly tasks: Task[];
  readonly totalCost: number;
  doneCost = 0;
  /** Decoders of the auto-encoders (layer k's decoder maps h^{k+1} back to h^k), kept for the pictures. */
  readonly decoders: Dense[] = [];
  /** Soft-max heads of the greedy supervised layers (the top one is the net's own output layer). */
  private readonly heads: Dense[] = [];
  private ti = 0;
  private unit = 0;
  private opt: Optimizer | null = null;
  private readonly preBatches: Batches;
  private readonly fineBatches: Batches;
  private readonly noiseRng: Rng;
  private correct = 0;
  lastLoss: Tensor | null = null;
  /** Test error of the linear read-out of the frozen (pretrained or random) features, and after fine-tuning. */
  readoutError: number | null = null;
  testError: number | null = null;
  /** After fine-tuning: error on the labelled training digits and on the validation set. */
  trainError: number | null = null;
  validError: number | null = null;
  /** Held-out reconstruction error per auto-encoder layer: [unit, error] pairs, the first (unit 0) before any training. */
  readonly recon: number[][];
  /**
   * Per auto-encoder layer, once its pretraining ends: [denoising error, error of the masked copy itself],
   * mean of (r(h~) - h)^2 and of (h~ - h)^2 on the held-out digits with one fixed mask at the scene's ν.
   */
  readonly denoise: number[][];
  /** Fine-tuning loss: [unit, loss] pairs, sampled. */
  readonly fineLoss: number[] = [];
  readonly labelled: number;

  constructor(
    readonly method: Method,
    readonly cfg: StackConfig,
    readonly sets: DigitSets,
  ) {
    // the same seed gives every method the same initial weights (the shallow net: the same first layer) and the same fine-tuning minibatches
    const hidden = hiddenOf(method, cfg);
    this.net = new DeepNet([PIXELS, ...hidden], new Rng(cfg.seed));
    const side = new Rng(cfg.seed * 7919 + 17);
    const sizes = [PIXELS, ...hidden];
    if (method === 'autoencoder') hidden.forEach((h, k) => this.decoders.push(new Dense(h, sizes[k], side)));
    if (method === 'supervised') hidden.forEach((h, k) => this.heads.push(k === hidden.length - 1 ? this.net.out : new Dense(h, CLASSES, side)));
    this.labelled = Math.min(cfg.labels, sets.nTrain);
    // greedy supervised pretraining sees only the labelled digits; the auto-encoders see all of them, unlabelled
    this.preBatches = new Batches(method === 'autoencoder' ? sets.nTrain : this.labelled, new Rng(cfg.seed * 31 + 1));
    this.fineBatches = new Batches(this.labelled, new Rng(cfg.seed * 31 + 2));
    this.noiseRng = new Rng(cfg.seed * 31 + 3);
    this.tasks = planOf(method, cfg, { train: this.labelled, valid: sets.nValid, test: sets.nTest });
    this.totalCost = this.tasks.reduce((s, t) => s + t.units * t.cost, 0);
    this.recon = hidden.map(() => []);
    this.denoise = hidden.map(() => []);
  }

  get done(): boolean {
    return this.ti >= this.tasks.length;
  }
  get task(): Task | null {
    return this.tasks[this.ti] ?? null;
  }
  get phase(): string {
    return this.task?.phase ?? 'finished';
  }
  /** Index of the current phase in phasesOf(method) (its length when finished). */
  get phaseIndex(): number {
    const phases = phasesOf(this.method, this.net.layers.length);
    return this.done ? phases.length : phases.indexOf(this.phase);
  }
  /** Fraction of the current phase done. */
  get phaseProgress(): number {
    const t = this.task;
    if (!t) return 1;
    let done = 0;
    let total = 0;
    for (const u of this.tasks) {
      if (u.phase !== t.phase) continue;
      total += u.units * u.cost;
      if (this.tasks.indexOf(u) < this.ti) done += u.units * u.cost;
    }
    return (done + this.unit * t.cost) / total;
  }
  get progress(): number {
    return this.doneCost / this.totalCost;
  }

  /** Runs one unit (one minibatch, or one chunk of test digits). */
  async step(): Promise<void> {
    const t = this.task;
    if (!t) return;
    if (t.kind === 'eval') await this.evalUnit(t);
    else {
      const c = this.cfg;
      this.opt ??= newOptimizer(t.kind === 'pretrain' ? c.lrPretrain : t.kind === 'readout' ? c.lrReadout : c.lrFinetune);
      if (t.kind === 'pretrain') {
        if (this.method === 'autoencoder') await this.aeUnit(t.layer);
        else this.supUnit(t.layer);
      } else this.classifierUnit(t.kind === 'finetune');
    }
    this.doneCost += t.cost;
    if (++this.unit >= t.units) this.nextTask();
  }

  private nextTask(): void {
    this.ti++;
    this.unit = 0;
    this.opt = null; // each stage starts its own optimizer (fresh Adam moments)
    this.correct = 0;
  }

  private batch(which: Batches, labelsToo: boolean): { x: Tensor; y: Tensor | null } {
    const idx = which.next(this.cfg.batch);
    const x = host(gatherRows(this.sets.train, PIXELS, idx), [idx.length, PIXELS]);
    const y = labelsToo ? oneHot(Array.from(idx, (i) => this.sets.trainY[i]), CLASSES) : null;
    return { x, y };
  }

  private setLoss(l: Tensor): void {
    const prev = this.lastLoss;
    this.lastLoss = l;
    // a sampled fine-tuning loss waits for flushCurves() to read it
    if (prev && !this.pendingFine.some((p) => p[1] === prev)) prev.dispose();
  }

  /** Greedy supervised step: train layer k and its head on the frozen h^k (Gormley, CMU 10-601, Idea #2). */
  private supUnit(k: number): void {
    const { x, y } = this.batch(this.preBatches, true);
    const h = frozenInput(this.net, x, k);
    const layer = this.net.layers[k];
    const head = this.heads[k];
    this.setLoss(trainStep(this.opt!, [...layer.params(), ...head.params()], () => supervisedLayerLoss(layer, head, h, y!)));
    h.dispose();
    x.dispose();
    y!.dispose();
  }

  /** Greedy auto-encoder step: layer k and its decoder reconstruct the frozen h^k from a masked copy (Idea #3). */
  private async aeUnit(k: number): Promise<void> {
    if (this.unit === 0) this.recon[k].push(0, await this.readScalar(this.heldOutRecon(k)));
    const { x } = this.batch(this.preBatches, false);
    const h = frozenInput(this.net, x, k);
    const layer = this.net.layers[k];
    const dec = this.decoders[k];
    const level = this.cfg.corruption;
    const hn = level > 0 ? noGradEval(() => mul(h, host(maskingNoise(h.size, level, this.noiseRng), h.shape.slice()))) : h;
    this.setLoss(trainStep(this.opt!, [...layer.params(), ...dec.params()], () => aeLoss(layer, dec, h, hn)));
    if (hn !== h) hn.dispose();
    h.dispose();
    x.dispose();
    const last = this.unit === this.cfg.pretrainSteps - 1;
    if (this.unit % RECON_EVERY === 0 || last) this.recon[k].push(this.unit + 1, await this.readScalar(this.heldOutRecon(k)));
    if (last) {
      const [rec, masked] = this.heldOutDenoise(k);
      this.denoise[k].push(await this.readScalar(rec), await this.readScalar(masked));
    }
  }

  private async readScalar(t: Tensor): Promise<number> {
    const v = (await t.read())[0];
    t.dispose();
    return v;
  }

  /** h^k of the first RECON_HELD_OUT test digits (never trained on). */
  private heldOutInput(k: number): Tensor {
    return this.net.hidden(host(this.sets.test.subarray(0, RECON_HELD_OUT * PIXELS), [RECON_HELD_OUT, PIXELS]), k);
  }

  /**
   * Held-out reconstruction error of layer k, no noise: the mean of (h_j - r_j(h))^2 over the
   * RECON_HELD_OUT test digits and the d values of each h (d = 784 pixels for layer 1).
   */
  heldOutRecon(k: number): Tensor {
    return noGradEval(() => {
      const h = this.heldOutInput(k);
      const d = sub(reconstruct(this.net.layers[k], this.decoders[k], h), h);
      return mean(mul(d, d));
    });
  }

  /**
   * Held-out denoising error of layer k (Bengio, Deep Learning Tricks of the Trade: ||r(x~) - x||^2): the mean of
   * (r_j(h~) - h_j)^2 over the same digits and values, h~ masked at the scene's ν with one fixed mask; and, to
   * compare, the mean of (h~_j - h_j)^2, how far the masked copy itself is from the clean one.
   */
  heldOutDenoise(k: number): [Tensor, Tensor] {
    const err = (of: (h: Tensor, hn: Tensor) => Tensor) =>
      noGradEval(() => {
        const h = this.heldOutInput(k);
        const hn = mul(h, host(maskingNoise(h.size, this.cfg.corruption, new Rng(this.cfg.seed * 31 + 4)), h.shape.slice()));
        const d = sub(of(h, hn), h);
        return mean(mul(d, d));
      });
    return [err((_, hn) => reconstruct(this.net.layers[k], this.decoders[k], hn)), err((_, hn) => hn)];
  }

  /** Read-out (only the output layer learns, on frozen features) or fine-tuning (every layer learns). */
  private classifierUnit(fine: boolean): void {
    const { x, y } = this.batch(this.fineBatches, true);
    if (fine) {
      const l = trainStep(this.opt!, this.net.params(), () => softmaxLoss(this.net.logits(x), y!));
      this.setLoss(l);
      if (this.unit % 10 === 0) this.pendingFine.push([this.unit, l]);
    } else {
      const h = frozenInput(this.net, x, this.net.layers.length);
      this.setLoss(trainStep(this.opt!, this.net.out.params(), () => softmaxLoss(this.net.out.forward(h), y!)));
      h.dispose();
    }
    x.dispose();
    y!.dispose();
  }
  private readonly pendingFine: [number, Tensor][] = [];

  /** Reads the sampled fine-tuning losses into fineLoss (async on the GPU). */
  async flushCurves(): Promise<void> {
    const p = this.pendingFine.splice(0);
    const vals = await Promise.all(p.map(([, t]) => t.read()));
    p.forEach(([u, t], i) => {
      this.fineLoss.push(u, vals[i][0]);
      if (t !== this.lastLoss) t.dispose();
    });
  }

  private async evalUnit(t: Task): Promise<void> {
    const s = this.sets;
    const set = t.set ?? 'test';
    const [X, Y, total] = set === 'train' ? [s.train, s.trainY, this.labelled] : set === 'valid' ? [s.valid, s.validY, s.nValid] : [s.test, s.testY, s.nTest];
    const start = this.unit * EVAL_CHUNK;
    const n = Math.min(EVAL_CHUNK, total - start);
    const c = tidy(() => {
      const x = host(X.subarray(start * PIXELS, (start + n) * PIXELS), [n, PIXELS]);
      return keep(correctCount(this.net.logits(x), Y.subarray(start, start + n)));
    });
    this.correct += (await c.read())[0];
    c.dispose();
    if (this.unit === t.units - 1) {
      const err = (total - this.correct) / total;
      if (t.layer === 0) this.readoutError = err;
      else if (set === 'test') this.testError = err;
      else if (set === 'valid') this.validError = err;
      else this.trainError = err;
    }
  }

  dispose(): void {
    this.net.dispose();
    for (const d of this.decoders) d.dispose();
    for (const h of this.heads) if (h !== this.net.out) h.dispose();
    for (const [, t] of this.pendingFine) if (t !== this.lastLoss) t.dispose();
    this.lastLoss?.dispose();
  }
}

const softmaxLoss = (logits: Tensor, y: Tensor): Tensor => softmaxCrossEntropy(logits, y);
