/**
 * The deep-MLP view (Glorot & Bengio 2010; Gormley's "problem B"): a stack of
 * `depth` equal-width sigmoid/tanh/relu layers trained by mini-batch SGD on a
 * 2-D set, with per-layer gradient norms ||dL/dW_l||, the back-propagated
 * ||dL/da_l|| of the pre-activations (what Glorot & Bengio's analysis is
 * about) and activation statistics.
 */
import {
  Dense,
  Rng,
  SGD,
  activationStats,
  activations,
  bceWithLogits,
  data,
  fill,
  gradNorms,
  gradients,
  histogram,
  keep,
  record,
  tensor,
  tidy,
  zeroFraction,
  type Dataset2D,
  type Tensor,
} from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { BINS, INIT_OF, SATURATION, irrelevant, type MlpFrame, type VanishingParams } from './types';

/** Accuracy and loss on the whole set are checked after every EVAL_EVERY steps (and at step 0) for the kept records (best accuracy, first step at 80% / 95%). */
export const EVAL_EVERY = 10;

/** Points in the training set. */
export const N_POINTS = 200;
/** Mini-batch size of each SGD step (the whole set is used for the readouts). */
export const BATCH = 32;
/** The seeded 2-D set for a choice: x [n, 2], y [n, 1] of 0/1 labels. */
export function makeData(name: VanishingParams['data'], seed: number): Dataset2D {
  const rng = new Rng(seed + 7919);
  if (name === 'moons') return data.moons(N_POINTS, 0.1, rng);
  if (name === 'spirals') return data.spirals(N_POINTS, 0.05, rng);
  return data.circles(N_POINTS, 0.08, rng, 0.5);
}

/** What one forward pass over the whole set shows: loss, accuracy and, per hidden layer, saturation, std and histogram [layers * BINS]. */
interface Look {
  loss: number;
  accuracy: number;
  sat: Float32Array;
  std: Float32Array;
  hist: Float32Array;
  lo: number;
  hi: number;
}

/** ||first|| / ||last|| of a list of norms; 0 when the last is 0 (a dead top relu layer passes nothing down either: 0, not the NaN the run loop would take for divergence). */
function ratio(norms: number[]): number {
  const top = norms[norms.length - 1];
  return top > 0 ? norms[0] / top : 0;
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

/**
 * What a run keeps about its whole history, for results about a stretch of
 * training ("never above 60%", "reaches 95% within 500 steps", "the ratio's
 * median"): the gradient ratios of every step, and accuracy, loss and
 * saturation of every look at the whole set (step 0 and every EVAL_EVERY).
 */
export class RunRecords {
  /** Every step's grad ratio, kept sorted (binary insertion), so the median is one lookup however often the page asks. */
  private readonly gradRatios: number[] = [];
  private deltaMin = Infinity;
  private deltaMax = 0;
  private best = 0;
  private lossMin = Infinity;
  private lossMax = 0;
  private satMax = 0;
  private step80 = -1;
  private step95 = -1;

  ratios(grad: number, delta: number): void {
    const r = this.gradRatios;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid] <= grad) lo = mid + 1;
      else hi = mid;
    }
    r.splice(lo, 0, grad);
    this.deltaMin = Math.min(this.deltaMin, delta);
    this.deltaMax = Math.max(this.deltaMax, delta);
  }

  look(step: number, loss: number, accuracy: number, saturation: number): void {
    this.best = Math.max(this.best, accuracy);
    this.lossMin = Math.min(this.lossMin, loss);
    this.lossMax = Math.max(this.lossMax, loss);
    this.satMax = Math.max(this.satMax, saturation);
    if (this.step80 < 0 && accuracy >= 0.8) this.step80 = step;
    if (this.step95 < 0 && accuracy >= 0.95) this.step95 = step;
  }

  /** The records as metrics (finite always: -1 for a step not reached yet). */
  metrics(): Record<string, number> {
    const sorted = this.gradRatios;
    const n = sorted.length;
    const median = n === 0 ? 0 : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const fin = (v: number) => (Number.isFinite(v) ? v : 0);
    return {
      best_accuracy: this.best,
      step_80: this.step80,
      step_95: this.step95,
      loss_min: fin(this.lossMin),
      loss_max: this.lossMax,
      sat_max: this.satMax,
      grad_ratio_median: median,
      grad_ratio_min: n ? sorted[0] : 0,
      grad_ratio_max: n ? sorted[n - 1] : 0,
      delta_ratio_min: fin(this.deltaMin),
      delta_ratio_max: this.deltaMax,
    };
  }
}

/** depth hidden Dense layers of `width` units and one output unit; forward keeps every hidden activation. */
export class DeepNet {
  readonly layers: Dense[] = [];
  readonly g: (x: Tensor) => Tensor;
  constructor(readonly p: VanishingParams) {
    const rng = new Rng(p.seed);
    let fanIn = 2;
    for (let l = 0; l < p.depth; l++) {
      this.layers.push(new Dense(fanIn, p.width, rng, INIT_OF[p.init], p.scale));
      fanIn = p.width;
    }
    this.layers.push(new Dense(fanIn, 1, rng, INIT_OF[p.init], p.scale));
    this.g = activations[p.activation].fn;
  }

  /** Pre-activations a_1..a_L (a_L = the output logits), hidden activations h_l = g(a_l) for l < L, and the logits [n, 1]. */
  forward(x: Tensor): { pre: Tensor[]; hidden: Tensor[]; logits: Tensor } {
    const hidden: Tensor[] = [];
    const pre: Tensor[] = [];
    let h = x;
    for (let l = 0; l < this.layers.length - 1; l++) {
      const a = this.layers[l].forward(h);
      pre.push(a);
      h = this.g(a);
      hidden.push(h);
    }
    const logits = this.layers[this.layers.length - 1].forward(h);
    pre.push(logits);
    return { pre, hidden, logits };
  }

  params(): Tensor[] {
    return this.layers.flatMap((l) => l.params());
  }

  /** The weight matrices W_1..W_L (no biases): the ones whose gradient norms are charted. */
  weights(): Tensor[] {
    return this.layers.map((l) => l.W);
  }

  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}

/**
 * Trains a DeepNet by mini-batch SGD on binary cross-entropy; reports loss and accuracy on the whole set,
 * per-layer ||dL/dW_l||, grad_ratio = ||dL/dW_1|| / ||dL/dW_L|| and the saturated fraction of units.
 */
export class DeepNetRun implements Experiment<VanishingParams> {
  readonly net: DeepNet;
  readonly phase = 'training';
  private readonly x: Tensor;
  private readonly y: Tensor;
  private readonly opt: SGD;
  private readonly set: Dataset2D;
  private readonly rng: Rng;
  private order: number[] = [];
  private normsT: Tensor[] = [];
  private deltasT: Tensor[] = [];
  /** Bumped by every step: metrics() and frame() of one post share the forward pass of one version. */
  private version = 0;
  private looked: { version: number; result: Promise<Look> } | null = null;
  /** Records kept over the whole run (the claims judge these; a predicate sees only the metrics of its moment). */
  private readonly kept = new RunRecords();
  /** The step-0 record (the initial weights), started by the constructor and awaited before anything else. */
  private readonly ready: Promise<void>;

  constructor(readonly p: VanishingParams) {
    const d = (this.set = makeData(p.data, p.seed));
    this.rng = new Rng(p.seed + 104729);
    this.x = keep(tensor(d.x, [d.n, 2]));
    this.y = keep(tensor(Float32Array.from(d.y), [d.n, 1]));
    this.net = new DeepNet(p);
    this.opt = new SGD(p.lr);
    // the gradient at the initial weights, so step 0 already shows what the init does
    this.gradient(false);
    this.ready = this.record();
  }

  /** Adds the current step to the kept records: the gradient ratios every step, accuracy and loss every EVAL_EVERY steps. */
  private async record(): Promise<void> {
    // every forward pass and read starts before the first await: a run disposed right after it was built (or stepped) has already used its tensors
    const look = this.version % EVAL_EVERY === 0 ? this.current() : null;
    const [g, d] = await Promise.all([this.gradNorms(), this.deltaNorms()]);
    this.kept.ratios(ratio(g), ratio(d));
    if (look) {
      const { loss, accuracy, sat } = await look;
      this.kept.look(this.version, loss, accuracy, mean(sat));
    }
  }

  /** The next BATCH points of a seeded shuffle (a fresh shuffle each epoch): x [B, 2], y [B, 1]. */
  private batch(): { x: Tensor; y: Tensor } {
    const bx = new Float32Array(BATCH * 2);
    const by = new Float32Array(BATCH);
    for (let i = 0; i < BATCH; i++) {
      if (this.order.length === 0) this.order = this.rng.shuffle(Array.from({ length: this.set.n }, (_, k) => k)) as number[];
      const k = this.order.pop()!;
      bx[2 * i] = this.set.x[2 * k];
      bx[2 * i + 1] = this.set.x[2 * k + 1];
      by[i] = this.set.y[k];
    }
    return { x: tensor(bx, [BATCH, 2]), y: tensor(by, [BATCH, 1]) };
  }

  private gradient(update: boolean): void {
    const params = this.net.params();
    const r = tidy(() => {
      const b = this.batch();
      const { result, tape } = record(() => {
        const { pre, logits } = this.net.forward(b.x);
        return { pre, loss: bceWithLogits(logits, b.y) };
      });
      // one backward pass gives the parameters' gradients and the back-propagated dL/da_l of every layer
      const all = gradients(tape, result.loss, [...params, ...result.pre]);
      const grads = params.map((q, i) => all[i] ?? fill(q.shape, 0));
      const deltas = result.pre.map((a, i) => all[params.length + i] ?? fill(a.shape, 0));
      // grads are [W_1, b_1, W_2, b_2, ...]: the even ones are the weight matrices
      const norms = gradNorms(grads.filter((_, i) => i % 2 === 0));
      const dnorms = gradNorms(deltas);
      if (update) this.opt.step(params, grads);
      return { norms, dnorms };
    });
    for (const t of [...this.normsT, ...this.deltasT]) t.dispose();
    this.normsT = r.norms.map((t) => keep(t));
    this.deltasT = r.dnorms.map((t) => keep(t));
  }

  async step(): Promise<void> {
    await this.ready;
    this.gradient(true);
    this.version++;
    await this.record();
  }

  /** The look at the current weights, computed once per version however many callers ask. */
  private current(): Promise<Look> {
    if (!this.looked || this.looked.version !== this.version) this.looked = { version: this.version, result: this.look() };
    return this.looked.result;
  }

  /** ||dL/dW_l|| for l = 1..L of the last step's mini-batch, at the weights before that step's update. */
  async gradNorms(): Promise<number[]> {
    return Promise.all(this.normsT.map(async (t) => (await t.read())[0]));
  }

  /** ||dL/da_l|| for l = 1..L of the last step's mini-batch (a_L: the output logits). */
  async deltaNorms(): Promise<number[]> {
    return Promise.all(this.deltasT.map(async (t) => (await t.read())[0]));
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const [norms, deltas] = await Promise.all([this.gradNorms(), this.deltaNorms()]);
    const L = norms.length;
    const m: Record<string, number> = {};
    norms.forEach((v, i) => (m[`grad_${i + 1}`] = v));
    m.grad_bottom = norms[0];
    m.grad_top = norms[L - 1];
    m.grad_ratio = ratio(norms);
    // the back-propagated gradient: bottom hidden layer's dL/da_1 against the output's dL/da_L
    m.delta_ratio = ratio(deltas);
    // how much each layer shrinks ||dL/da_l|| on the way down (a_(l+1) over a_l), and every layer's against the output's
    const shrink = deltas.slice(1).map((v, l) => (deltas[l] > 0 ? v / deltas[l] : 0));
    const rel = deltas.map((v) => (deltas[L - 1] > 0 ? v / deltas[L - 1] : 0));
    m.delta_shrink_min = Math.min(...shrink);
    m.delta_shrink_max = Math.max(...shrink);
    m.delta_rel_min = Math.min(...rel);
    m.delta_rel_max = Math.max(...rel);
    const { loss, accuracy, sat } = await this.current();
    m.loss = loss;
    m.accuracy = accuracy;
    m.saturation = mean(sat);
    m.sat_top = sat[sat.length - 1];
    return { ...m, ...this.kept.metrics() };
  }

  /** A forward pass of the current weights over the whole set: loss, accuracy, and per hidden layer its histogram, saturated fraction and std. */
  private async look(): Promise<Look> {
    const s = SATURATION[this.p.activation];
    const t = tidy(() => {
      const { hidden, logits } = this.net.forward(this.x);
      const stats = hidden.map((h) => {
        const st = activationStats(h, s.threshold, s.center);
        return { sat: this.p.activation === 'relu' ? zeroFraction(h) : st.saturated, std: st.std };
      });
      return { hidden, logits, stats, loss: bceWithLogits(logits, this.y) };
    });
    const [logits, y, loss] = await Promise.all([t.logits.read(), this.y.read(), t.loss.read()]);
    let right = 0;
    for (let i = 0; i < logits.length; i++) if (logits[i] > 0 === y[i] > 0.5) right++;
    const D = t.hidden.length;
    const acts = await Promise.all(t.hidden.map((h) => h.read()));
    const sat = new Float32Array(D);
    const std = new Float32Array(D);
    for (let l = 0; l < D; l++) {
      sat[l] = (await t.stats[l].sat.read())[0];
      std[l] = (await t.stats[l].std.read())[0];
    }
    // relu is unbounded above: cover mean + 3 std of the widest layer so a few outliers do not squash the rest
    let hi = s.hi;
    if (this.p.activation === 'relu') {
      for (const a of acts) {
        let m = 0;
        let q = 0;
        for (const v of a) (m += v), (q += v * v);
        m /= a.length;
        hi = Math.max(hi, m + 3 * Math.sqrt(Math.max(0, q / a.length - m * m)));
      }
    }
    const hist = new Float32Array(D * BINS);
    acts.forEach((a, l) => {
      const h = histogram(a, BINS, s.lo, hi);
      for (let b = 0; b < BINS; b++) hist[l * BINS + b] = h[b] / a.length;
    });
    for (const h of t.hidden) h.dispose();
    t.logits.dispose();
    t.loss.dispose();
    for (const st of t.stats) (st.sat.dispose(), st.std.dispose());
    return { loss: loss[0], accuracy: right / logits.length, sat, std, hist, lo: s.lo, hi };
  }

  async frame(): Promise<MlpFrame> {
    const [p, g, d] = await Promise.all([this.current(), this.gradNorms(), this.deltaNorms()]);
    return { hist: p.hist.slice(), sat: p.sat.slice(), std: p.std.slice(), range: [p.lo, p.hi], gnorm: Float32Array.from(g), anorm: Float32Array.from(d) };
  }

  /** The learning rate changes live; keys of the other views are ignored; anything else rebuilds. */
  setParams(v: Partial<VanishingParams>): boolean {
    const { lr, ...rest } = v;
    if (!irrelevant('mlp', rest)) return false;
    if (lr !== undefined) this.opt.lr = lr;
    return true;
  }

  dispose(): void {
    for (const t of [...this.normsT, ...this.deltasT]) t.dispose();
    this.net.dispose();
    this.x.dispose();
    this.y.dispose();
  }
}
