/**
 * Gradient checking (Martins, Zerva & Figueiredo, "More tricks of the trade";
 * Larochelle, "Neural networks: training"): the gradient that the engine's
 * autodiff back-propagates through a small tanh network, parameter by
 * parameter, against the central difference (f(θ+ε) − f(θ−ε)) / 2ε of the
 * same loss on the same minibatch, computed here by perturbing one parameter
 * at a time. A planted bug (bugs.ts) makes one layer's backward rule wrong
 * while its forward stays right: only the check can see it.
 */
import { Rng, SGD, assign, gradients, keep, oneHot, record, softmaxCrossEntropy, tensor, tidy, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { initWeights } from '../../engine';
import { activation, dense, type Bug } from './bugs';
import { CHECK_SIZES, CHECK_BATCH, EPS_SWEEP, FLAG_AT, type GradCheckFrame, type TuningParams } from './types';

/** ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖): 0 when both vanish, 1 when one is 0 or they point opposite ways. */
export function relativeError(g: ArrayLike<number>, h: ArrayLike<number>): number {
  let d = 0;
  let a = 0;
  let b = 0;
  for (let i = 0; i < g.length; i++) {
    d += (g[i] - h[i]) ** 2;
    a += g[i] * g[i];
    b += h[i] * h[i];
  }
  const den = Math.sqrt(a) + Math.sqrt(b);
  return den > 0 ? Math.sqrt(d) / den : 0;
}

/**
 * Central differences of `loss()` with respect to every element of `params`, with step `eps`:
 * each element is moved to θ+ε and θ−ε (rounded to float32, as the engine stores it) and put back.
 */
export async function finiteDifferences(loss: () => Promise<number>, params: readonly Tensor[], eps: number): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const p of params) {
    const theta = (await p.read()).slice();
    const g = new Float32Array(theta.length);
    const moved = theta.slice();
    for (let i = 0; i < theta.length; i++) {
      moved[i] = theta[i] + eps;
      tidy(() => assign(p, tensor(moved, p.shape)));
      const up = await loss();
      moved[i] = theta[i] - eps;
      tidy(() => assign(p, tensor(moved, p.shape)));
      const down = await loss();
      moved[i] = theta[i];
      g[i] = (up - down) / (2 * eps);
    }
    tidy(() => assign(p, tensor(theta, p.shape)));
    out.push(g);
  }
  return out;
}

/** The checked network: layers of CHECK_SIZES, tanh hidden units, softmax output; `bug` planted in one layer's backward rule. */
export class CheckNet {
  readonly W: Tensor[] = [];
  readonly b: Tensor[] = [];
  constructor(
    seed: number,
    readonly bug: Bug,
  ) {
    const rng = new Rng(seed);
    for (let l = 1; l < CHECK_SIZES.length; l++) {
      const [i, o] = [CHECK_SIZES[l - 1], CHECK_SIZES[l]];
      this.W.push(keep(tensor(initWeights('glorot-uniform', i, o, rng), [i, o])));
      // small random biases, so that a missing bias gradient is not hidden by biases that happen to sit at 0
      this.b.push(keep(tensor(Float32Array.from({ length: o }, () => rng.uniform(-0.1, 0.1)), [o])));
    }
    for (const t of this.params()) t.requiresGrad = true;
  }

  /** [W1, b1, W2, b2, W3, b3]. */
  params(): Tensor[] {
    return this.W.flatMap((w, l) => [w, this.b[l]]);
  }

  loss(x: Tensor, y: Tensor): Tensor {
    let h = x;
    const L = this.W.length;
    for (let l = 0; l < L - 1; l++) h = activation(dense(h, this.W[l], this.b[l], l + 1, this.bug), l + 1, this.bug);
    return softmaxCrossEntropy(dense(h, this.W[L - 1], this.b[L - 1], L, this.bug), y);
  }

  dispose(): void {
    for (const t of this.params()) t.dispose();
  }
}

/** Points of the seeded task: CHECK_SIZES[0]-dimensional Gaussian inputs labelled by a random linear teacher. */
export const CHECK_POINTS = 64;

/**
 * One step: the gradient check at the current weights on the next minibatch
 * (the per-tensor relative errors at the chosen ε and the worst error over a
 * sweep of ε), then one SGD step with the back-propagated (perhaps buggy) gradient.
 */
export class GradCheckRun implements Experiment<TuningParams> {
  readonly phase = 'checking';
  private readonly net: CheckNet;
  private readonly x: Float32Array;
  private readonly labels: Int32Array;
  private readonly opt = new SGD(0.1);
  private batchAt = 0;
  private last: GradCheckFrame | null = null;
  private lastLoss = 0;
  private readonly ready: Promise<void>;

  constructor(readonly p: TuningParams) {
    const rng = new Rng(p.seed + 31);
    const d = CHECK_SIZES[0];
    const k = CHECK_SIZES[CHECK_SIZES.length - 1];
    this.x = Float32Array.from({ length: CHECK_POINTS * d }, () => rng.normal());
    const teacher = Float32Array.from({ length: d * k }, () => rng.normal());
    this.labels = Int32Array.from({ length: CHECK_POINTS }, (_, i) => {
      let best = 0;
      let bestV = -Infinity;
      for (let c = 0; c < k; c++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += this.x[i * d + j] * teacher[j * k + c];
        if (v > bestV) (bestV = v), (best = c);
      }
      return best;
    });
    this.net = new CheckNet(p.seed, p.bug);
    this.ready = this.check();
  }

  private batch(): { x: Tensor; y: Tensor } {
    const d = CHECK_SIZES[0];
    const idx = Array.from({ length: CHECK_BATCH }, (_, i) => (this.batchAt + i) % CHECK_POINTS);
    const x = new Float32Array(CHECK_BATCH * d);
    idx.forEach((k, i) => x.set(this.x.subarray(k * d, (k + 1) * d), i * d));
    return { x: tensor(x, [CHECK_BATCH, d]), y: oneHot(idx.map((k) => this.labels[k]), CHECK_SIZES[CHECK_SIZES.length - 1]) };
  }

  /** The back-propagated gradients (host copies) and the loss on the current minibatch. */
  private async backprop(x: Tensor, y: Tensor): Promise<{ grads: Float32Array[]; loss: number }> {
    const params = this.net.params();
    const r = tidy(() => {
      const { result, tape } = record(() => this.net.loss(x, y));
      const gs = gradients(tape, result, params);
      return { loss: result, grads: gs.map((g, i) => g ?? tensor(new Float32Array(params[i].size), params[i].shape)) };
    });
    const grads = await Promise.all(r.grads.map(async (g) => (await g.read()).slice()));
    const loss = (await r.loss.read())[0];
    for (const g of r.grads) g.dispose();
    r.loss.dispose();
    return { grads, loss };
  }

  private async check(): Promise<void> {
    const b = tidy(() => {
      const t = this.batch();
      return { x: keep(t.x), y: keep(t.y) };
    });
    const { grads, loss } = await this.backprop(b.x, b.y);
    const params = this.net.params();
    const lossAt = async () => {
      const l = tidy(() => this.net.loss(b.x, b.y));
      const v = (await l.read())[0];
      l.dispose();
      return v;
    };
    const errorsAt = async (eps: number) => {
      const fd = await finiteDifferences(lossAt, params, eps);
      return { fd, rel: grads.map((g, i) => relativeError(g, fd[i])) };
    };
    const chosen = await errorsAt(this.p.eps);
    const sweep = new Float32Array(EPS_SWEEP.length);
    for (let k = 0; k < EPS_SWEEP.length; k++) sweep[k] = Math.max(...(await errorsAt(EPS_SWEEP[k])).rel);
    // the worst single parameter: the largest |g − ĝ| over every element
    let worst = [0, 0];
    let worstDiff = -1;
    grads.forEach((g, t) => g.forEach((v, i) => Math.abs(v - chosen.fd[t][i]) > worstDiff && ((worstDiff = Math.abs(v - chosen.fd[t][i])), (worst = [t, i]))));
    const [t, i] = worst;
    this.last = {
      rel: Float32Array.from(chosen.rel),
      sweep,
      worst: [t, i, grads[t][i], chosen.fd[t][i]],
    };
    this.lastLoss = loss;
    tidy(() => this.opt.step(params, grads.map((g, k) => tensor(g, params[k].shape))));
    b.x.dispose();
    b.y.dispose();
    this.batchAt = (this.batchAt + CHECK_BATCH) % CHECK_POINTS;
  }

  async step(): Promise<void> {
    await this.ready;
    await this.check();
  }

  async metrics(): Promise<Record<string, number>> {
    await this.ready;
    const f = this.last!;
    const layers = CHECK_SIZES.length - 1;
    const perLayer = Array.from({ length: layers }, (_, l) => Math.max(f.rel[2 * l], f.rel[2 * l + 1]));
    let flagged = 0;
    for (let l = layers; l >= 1; l--) if (perLayer[l - 1] > FLAG_AT) {
      flagged = l;
      break;
    }
    let kBest = 0;
    for (let k = 1; k < f.sweep.length; k++) if (f.sweep[k] < f.sweep[kBest]) kBest = k;
    const m: Record<string, number> = {
      loss: this.lastLoss,
      grad_rel_error: Math.max(...f.rel),
      flagged_layer: flagged,
      eps: this.p.eps,
      eps_best: EPS_SWEEP[kBest],
      err_best: f.sweep[kBest],
      err_smallest_eps: f.sweep[0],
      err_largest_eps: f.sweep[f.sweep.length - 1],
    };
    perLayer.forEach((v, l) => (m[`rel_error_${l + 1}`] = v));
    return m;
  }

  async frame(): Promise<GradCheckFrame> {
    await this.ready;
    const f = this.last!;
    return { rel: f.rel.slice(), sweep: f.sweep.slice(), worst: [...f.worst] };
  }

  /** Every change rebuilds: a new ε or bug is a new check from the same start. */
  setParams(): boolean {
    return false;
  }

  dispose(): void {
    this.net.dispose();
  }
}
