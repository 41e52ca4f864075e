/**
 * One method's whole run, cut into units of one minibatch each so the worker's
 * run loop can slice it: greedy pretraining of each hidden layer (supervised
 * or as a denoising auto-encoder, or none), a linear read-out of the frozen
 * features, then supervised fine-tuning of every layer, with the test error
 * measured after the read-out and after fine-tuning.
 */
import { Dense, Rng, keep, mean, mul, noGradEval, oneHot, softmaxCrossEntropy, sub, tidy, type Optimizer, type Tensor } from '../../engine';
import { Batches, PIXELS, gatherRows, maskingNoise, type DigitSets } from './data';
import { phasesOf } from './types';
import { CLASSES, DeepNet, aeLoss, correctCount, frozenInput, host, newOptimizer, reconstruct, supervisedLayerLoss, trainStep } from './net';

export const METHODS = ['none', 'supervised', 'autoencoder'] as const;
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
export interface Task {
  kind: TaskKind;
  /** Layer index (0-based) for 'pretrain'; for 'eval', 0 = after the read-out, 1 = after fine-tuning. */
  layer: number;
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


/** The units a method runs, with their costs (forward multiply-adds; a training step counts 3x its forward). */
export function planOf(method: Method, c: StackConfig, nTest: number): Task[] {
  const sizes = [PIXELS, ...c.hidden];
  const fwd = (upto: number) => sizes.slice(1, upto + 1).reduce((s, h, k) => s + sizes[k] * h, 0);
  const all = fwd(c.hidden.length) + c.hidden[c.hidden.length - 1] * CLASSES;
  const B = c.batch;
  const tasks: Task[] = [];
  if (method !== 'none') {
    c.hidden.forEach((h, k) => {
      const own = method === 'autoencoder' ? 2 * sizes[k] * h : sizes[k] * h + h * CLASSES;
      const recon = method === 'autoencoder' ? (RECON_HELD_OUT * (fwd(k) + own)) / RECON_EVERY : 0;
      tasks.push({ kind: 'pretrain', layer: k, units: c.pretrainSteps, phase: `layer ${k + 1}`, cost: B * (fwd(k) + 3 * own) + recon });
    });
  }
  const evalUnits = Math.ceil(nTest / EVAL_CHUNK);
  tasks.push({ kind: 'readout', layer: 0, units: c.readoutSteps, phase: 'read-out', cost: B * (all + 2 * c.hidden[c.hidden.length - 1] * CLASSES) });
  tasks.push({ kind: 'eval', layer: 0, units: evalUnits, phase: 'read-out', cost: EVAL_CHUNK * all });
  tasks.push({ kind: 'finetune', layer: 0, units: c.finetuneSteps, phase: 'fine-tune', cost: 3 * B * all });
  tasks.push({ kind: 'eval', layer: 1, units: evalUnits, phase: 'fine-tune', cost: EVAL_CHUNK * all });
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
  /** Held-out reconstruction error per auto-encoder layer: [unit, error] pairs. */
  readonly recon: number[][];
  /** Fine-tuning loss: [unit, loss] pairs, sampled. */
  readonly fineLoss: number[] = [];
  readonly labelled: number;

  constructor(
    readonly method: Method,
    readonly cfg: StackConfig,
    readonly sets: DigitSets,
  ) {
    // the same seed gives every method the same initial weights and the same fine-tuning minibatches
    this.net = new DeepNet([PIXELS, ...cfg.hidden], new Rng(cfg.seed));
    const side = new Rng(cfg.seed * 7919 + 17);
    const sizes = [PIXELS, ...cfg.hidden];
    if (method === 'autoencoder') cfg.hidden.forEach((h, k) => this.decoders.push(new Dense(h, sizes[k], side)));
    if (method === 'supervised') cfg.hidden.forEach((h, k) => this.heads.push(k === cfg.hidden.length - 1 ? this.net.out : new Dense(h, CLASSES, side)));
    this.labelled = Math.min(cfg.labels, sets.nTrain);
    // greedy supervised pretraining sees only the labelled digits; the auto-encoders see all of them, unlabelled
    this.preBatches = new Batches(method === 'autoencoder' ? sets.nTrain : this.labelled, new Rng(cfg.seed * 31 + 1));
    this.fineBatches = new Batches(this.labelled, new Rng(cfg.seed * 31 + 2));
    this.noiseRng = new Rng(cfg.seed * 31 + 3);
    this.tasks = planOf(method, cfg, sets.nTest);
    this.totalCost = this.tasks.reduce((s, t) => s + t.units * t.cost, 0);
    this.recon = cfg.hidden.map(() => []);
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
    const phases = phasesOf(this.method, this.cfg.hidden.length);
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

  /** Greedy supervised step: train layer k and its head on the frozen h^k (lecture 004, Idea #2). */
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
    if (this.unit % RECON_EVERY === 0 || this.unit === this.cfg.pretrainSteps - 1) {
      const err = this.heldOutRecon(k);
      this.recon[k].push(this.unit + 1, (await err.read())[0]);
      err.dispose();
    }
  }

  /** Mean squared reconstruction error ||h - r(h)||^2 / n of layer k on the first RECON_HELD_OUT test digits (no noise). */
  heldOutRecon(k: number): Tensor {
    return noGradEval(() => {
      const x = host(this.sets.test.subarray(0, RECON_HELD_OUT * PIXELS), [RECON_HELD_OUT, PIXELS]);
      const h = this.net.hidden(x, k);
      const r = reconstruct(this.net.layers[k], this.decoders[k], h);
      const d = sub(r, h);
      return mean(mul(d, d));
    });
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
    const start = this.unit * EVAL_CHUNK;
    const n = Math.min(EVAL_CHUNK, this.sets.nTest - start);
    const c = tidy(() => {
      const x = host(this.sets.test.subarray(start * PIXELS, (start + n) * PIXELS), [n, PIXELS]);
      return keep(correctCount(this.net.logits(x), this.sets.testY.subarray(start, start + n)));
    });
    this.correct += (await c.read())[0];
    c.dispose();
    if (this.unit === t.units - 1) {
      const err = (this.sets.nTest - this.correct) / this.sets.nTest;
      if (t.layer === 0) this.readoutError = err;
      else this.testError = err;
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
