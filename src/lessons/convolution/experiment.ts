/**
 * Convolution lesson experiment (runs in the worker): trains the lesson's CNN
 * on the 8,000 training digits with Adam and mini-batches, measures it on the
 * 2,000 held-out digits, and reports what it makes of the page's digit (the
 * drawing travels in the `image` param, or the test digit number `digit`).
 * Its metrics also carry the measures of the scenes without training
 * (measures.ts) on the same digit, so their claims are judged like any other.
 */
import { Adam, Rng, assign, data, keep, noGradEval, oneHot, softmax, softmaxCrossEntropy, tensor, tidy, valueAndGrad, zeros, sqrt, sum, mul, sub, type Digits, type Tensor } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { SIDE, decodeImage } from './codec';
import { DigitsNet } from './model';
import { MEASURE_KEYS, pageMeasures, type MeasureParams } from './measures';
import { CNN, EVAL_CHUNK, EVAL_EVERY, type ConvFrame, type ConvParams } from './types';

let digitsOnce: Promise<Digits> | null = null;
/** The digits, fetched once per worker (a rebuild reuses them). */
function digits(): Promise<Digits> {
  digitsOnce ??= data.loadDigits().catch((e) => {
    digitsOnce = null;
    throw e;
  });
  return digitsOnce;
}

/** The page's digit: the drawing when there is one, else test digit number `digit`. */
export function digitImage(d: Digits, p: Pick<ConvParams, 'image' | 'digit'>): Float32Array {
  const drawn = p.image ? decodeImage(p.image) : null;
  if (drawn) return drawn;
  return data.digitPixels(d, [d.test.start + Math.min(p.digit, d.test.count - 1)]);
}

const argmax = (v: Float32Array, o: number, n: number) => {
  let b = 0;
  for (let c = 1; c < n; c++) if (v[o + c] > v[o + b]) b = c;
  return b;
};

class ConvExperiment implements Experiment<ConvParams> {
  private readonly rng: Rng;
  private readonly net: DigitsNet;
  /** The weights a test pass measures, frozen when the pass starts (training goes on meanwhile). */
  private readonly probe: DigitsNet;
  private readonly opt: Adam;
  private readonly order: Int32Array;
  private pos: number;
  private t = 0;
  private batch: number;
  private lastLoss: Tensor | null = null;
  private input: Tensor;
  /** Test pass in progress: next index, correct so far, counts; null between passes. */
  private pass: { next: number; correct: number; confusion: Float32Array; step: number } | null = null;
  private tested: { accuracy: number; confusion: Float32Array; step: number } | null = null;
  private imageParams: Pick<ConvParams, 'image' | 'digit'>;
  private measureParams: MeasureParams;
  /** The measures of the current digit and settings, computed when first asked for after a change. */
  private measures: Record<string, number> | null = null;
  /** The first-layer kernels as they started (how far training moves them). */
  private readonly kernelsStart: Tensor;

  constructor(
    p: ConvParams,
    private readonly d: Digits,
  ) {
    this.rng = new Rng(p.seed);
    this.net = new DigitsNet(this.rng);
    this.probe = new DigitsNet(new Rng(p.seed));
    this.opt = new Adam({ lr: p.lr });
    this.batch = p.batch;
    this.order = data.range(d.train.start, d.train.count);
    this.pos = this.order.length; // shuffle before the first batch
    this.imageParams = { image: p.image, digit: p.digit };
    this.input = keep(tensor(digitImage(d, p), [1, 1, SIDE, SIDE]));
    this.measureParams = Object.fromEntries(MEASURE_KEYS.map((key) => [key, p[key]])) as MeasureParams;
    this.kernelsStart = keep(zeros(this.net.conv1.W.shape));
    assign(this.kernelsStart, this.net.conv1.W);
  }

  async step(): Promise<void> {
    if (this.t % EVAL_EVERY === 0 && !this.pass) {
      this.probe.copyFrom(this.net);
      this.pass = { next: 0, correct: 0, confusion: new Float32Array(CNN.classes * CNN.classes), step: this.t };
    }
    this.train();
    this.t++;
    if (this.pass) await this.testChunk();
  }

  private train(): void {
    const B = this.batch;
    if (this.pos + B > this.order.length) {
      this.rng.shuffle(this.order);
      this.pos = 0;
    }
    const idx = this.order.subarray(this.pos, this.pos + B);
    this.pos += B;
    const x = data.digitPixels(this.d, idx);
    const y = data.digitLabels(this.d, idx);
    const params = this.net.params();
    const loss = tidy(() => {
      const { loss, grads } = valueAndGrad(() => softmaxCrossEntropy(this.net.forward(tensor(x, [B, 1, SIDE, SIDE])), oneHot(y, CNN.classes)), params);
      this.opt.step(params, grads);
      return loss;
    });
    this.lastLoss?.dispose();
    this.lastLoss = keep(loss);
  }

  /** EVAL_CHUNK more held-out digits through the frozen weights. */
  private async testChunk(): Promise<void> {
    const pass = this.pass!;
    const n = Math.min(EVAL_CHUNK, this.d.test.count - pass.next);
    const idx = data.range(this.d.test.start + pass.next, n);
    const x = data.digitPixels(this.d, idx);
    const y = data.digitLabels(this.d, idx);
    const logits = noGradEval(() => this.probe.forward(tensor(x, [n, 1, SIDE, SIDE])));
    const v = await logits.read();
    logits.dispose();
    for (let i = 0; i < n; i++) {
      const guess = argmax(v, i * CNN.classes, CNN.classes);
      if (guess === y[i]) pass.correct++;
      pass.confusion[y[i] * CNN.classes + guess]++;
    }
    pass.next += n;
    if (pass.next >= this.d.test.count) {
      this.tested = { accuracy: pass.correct / this.d.test.count, confusion: pass.confusion, step: pass.step };
      this.pass = null;
    }
  }

  private digitOutputs(): { probs: Tensor; a1: Tensor; a2: Tensor } {
    const f = tidy(() => {
      const { a1, a2, logits } = this.net.features(this.input);
      return { a1: keep(a1), a2: keep(a2), probs: keep(softmax(logits)) };
    });
    return f;
  }

  /** The label of the test digit shown, or -1 for a drawing. */
  private digitLabel(): number {
    const p = this.imageParams;
    if (p.image && decodeImage(p.image)) return -1;
    return this.d.labels[this.d.test.start + Math.min(p.digit, this.d.test.count - 1)];
  }

  async metrics(): Promise<Record<string, number>> {
    const probs = noGradEval(() => softmax(this.net.forward(this.input)));
    const moved = noGradEval(() => sqrtSumSq(sub(this.net.conv1.W, this.kernelsStart)));
    const start = noGradEval(() => sqrtSumSq(this.kernelsStart));
    this.measures ??= await pageMeasures(await this.input.read(), this.measureParams);
    const [p, loss, dW, W0] = await Promise.all([probs.read(), this.lastLoss ? this.lastLoss.read() : Promise.resolve(null), moved.read(), start.read()]);
    for (const t of [probs, moved, start]) t.dispose();
    const prediction = argmax(p, 0, CNN.classes);
    const m: Record<string, number> = {
      prediction,
      confidence: p[prediction],
      digit_label: this.digitLabel(),
      epoch: (this.t * this.batch) / this.d.train.count,
      // ||W1 - W1(start)|| / ||W1(start)||: how far training has moved the first-layer kernels
      kernel_change: dW[0] / W0[0],
      ...this.measures,
    };
    if (loss) m.loss = loss[0];
    if (this.tested) {
      m.test_accuracy = this.tested.accuracy;
      m.tested_at_step = this.tested.step;
      Object.assign(m, confusionSummary(this.tested.confusion));
    }
    return m;
  }

  async frame(): Promise<Partial<ConvFrame>> {
    const { probs, a1, a2 } = this.digitOutputs();
    const [p, m1, m2, kernels] = await Promise.all([probs.read(), a1.read(), a2.read(), this.net.conv1.W.read()]);
    for (const t of [probs, a1, a2]) t.dispose();
    // a fresh copy each time: frames are transferred to the page
    const confusion = this.tested ? this.tested.confusion.slice() : new Float32Array(0);
    return { probs: p, maps1: m1, maps2: m2, kernels, confusion };
  }

  setParams(changed: Partial<ConvParams>): boolean {
    for (const key of Object.keys(changed) as (keyof ConvParams)[]) {
      if (key === 'lr') this.opt.opts.lr = changed.lr!;
      else if (key === 'batch') this.batch = changed.batch!;
      else if (key === 'seed') return false;
      else if ((MEASURE_KEYS as readonly string[]).includes(key)) {
        this.measureParams = { ...this.measureParams, [key]: changed[key] };
        this.measures = null;
      }
    }
    if (changed.image !== undefined || changed.digit !== undefined) {
      this.imageParams = { ...this.imageParams, ...pick(changed) };
      const next = keep(tensor(digitImage(this.d, this.imageParams), [1, 1, SIDE, SIDE]));
      this.input.dispose();
      this.input = next;
      this.measures = null;
    }
    return true;
  }

  dispose(): void {
    this.kernelsStart.dispose();
    this.net.dispose();
    this.probe.dispose();
    this.lastLoss?.dispose();
    this.input.dispose();
  }
}

/** sqrt(sum x^2) as a scalar tensor. */
const sqrtSumSq = (x: Tensor) => sqrt(sum(mul(x, x)));

/**
 * From a test pass's counts [true][predicted]: the smallest fraction of a digit's test examples
 * predicted as itself (min_recall), and the largest fraction of a digit's examples given one other
 * digit (max_confusion).
 */
export function confusionSummary(c: Float32Array): { min_recall: number; max_confusion: number } {
  const K = CNN.classes;
  let minRecall = 1;
  let maxConfusion = 0;
  for (let t = 0; t < K; t++) {
    let row = 0;
    for (let q = 0; q < K; q++) row += c[t * K + q];
    if (!row) continue;
    minRecall = Math.min(minRecall, c[t * K + t] / row);
    for (let q = 0; q < K; q++) if (q !== t) maxConfusion = Math.max(maxConfusion, c[t * K + q] / row);
  }
  return { min_recall: minRecall, max_confusion: maxConfusion };
}

function pick(p: Partial<ConvParams>): Partial<Pick<ConvParams, 'image' | 'digit'>> {
  const out: Partial<Pick<ConvParams, 'image' | 'digit'>> = {};
  if (p.image !== undefined) out.image = p.image;
  if (p.digit !== undefined) out.digit = p.digit;
  return out;
}

/**
 * By selectBackend's rule (a step's cpu time against ~10 us per GPU dispatch): a CNN step on
 * 32 digits is 50-150 ms on a 2-core cpu against ~100 dispatches, so `auto` takes WebGPU.
 * Not yet timed on a real GPU (only SwiftShader here, where it is correct but slow).
 */
export const autoBackend = 'webgpu';

export const experiment: ExperimentFactory<ConvParams> = async (p) => {
  return new ConvExperiment(p, await digits());
};
