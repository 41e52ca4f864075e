/**
 * One racer of the lesson: a recurrent cell (tanh RNN, LSTM or GRU) of width H
 * reading one-hot symbols, a dense head on the last state h_T, softmax
 * cross-entropy, Adam, optional clipping of the global gradient norm. Written
 * with the engine only (it runs in the worker and in Node tests).
 */
import {
  Adam, Dense, GRU, assign, maximum, LSTM, RNN, Rng, clipByGlobalNorm, concat, globalNorm, gradients, keep, l2Norm, mean, noGradEval, oneHot, record,
  reshape, slice, softmaxCrossEntropy, tensor, tidy, type RnnOutput, type Tensor,
} from '../../engine';
import { SYMBOLS, type CellKind } from './types';

export interface RacerSpec {
  kind: CellKind;
  hidden: number;
  lr: number;
  /** LSTM only: initial forget-gate bias b_f. */
  forgetBias: number;
  /**
   * GRU only: initial bias b_u of the gate u = 1 - z that keeps h_{t-1}
   * (default 0, the engine's init). The engine's GRU keeps the bias of z, the
   * gate on the candidate, so b_z = -b_u is written after construction.
   */
  gruBias?: number;
  seed: number;
}

/** What one training step leaves behind (kept tensors; the owner disposes them). */
export interface StepResult {
  loss: Tensor;
  /** ||dL/dh_t|| for t = 1..T, [T]. */
  hGrad: Tensor;
  /** Global gradient norm before clipping, [1]. */
  gnorm: Tensor;
  /** LSTM only: forget gates averaged over the batch, [T, H]. */
  fMean: Tensor | null;
}

/** The per-step inputs x_t [n, SYMBOLS] of a batch of symbol sequences ([n, T] row-major symbol ids). */
export function oneHotSteps(symbols: ArrayLike<number>, n: number, T: number): Tensor[] {
  return Array.from({ length: T }, (_, t) => {
    const v = new Float32Array(n * SYMBOLS);
    for (let i = 0; i < n; i++) v[i * SYMBOLS + symbols[i * T + t]] = 1;
    return tensor(v, [n, SYMBOLS]);
  });
}

export class Racer {
  readonly cell: RNN | LSTM | GRU;
  readonly head: Dense;
  private readonly opt: Adam;
  last: StepResult | null = null;
  /** The largest global gradient norm (before clipping) of every step so far, [1]; null before the first. */
  gmax: Tensor | null = null;

  constructor(readonly spec: RacerSpec) {
    // every racer starts from the same seed: the difference between them is the cell
    const rng = new Rng(spec.seed);
    const { kind, hidden } = spec;
    this.cell =
      kind === 'lstm' ? new LSTM(SYMBOLS, hidden, rng, { forgetBias: spec.forgetBias }) : kind === 'gru' ? new GRU(SYMBOLS, hidden, rng) : new RNN(SYMBOLS, hidden, rng);
    if (this.cell instanceof GRU && spec.gruBias) setUpdateBias(this.cell, spec.gruBias);
    this.head = new Dense(hidden, SYMBOLS, rng);
    this.opt = new Adam({ lr: spec.lr });
  }

  params(): Tensor[] {
    return [...this.cell.params(), ...this.head.params()];
  }

  set lr(v: number) {
    this.opt.opts.lr = v;
  }

  /** Logits of the last state, [n, SYMBOLS]. */
  logits(out: RnnOutput): Tensor {
    return this.head.forward(out.hs[out.hs.length - 1]);
  }

  /**
   * One Adam step on a minibatch (x_t per step, labels y); clips the global
   * gradient norm at `clip` when it is a number. dL/dh_t comes from the same
   * backward pass as the parameter gradients.
   */
  step(xs: Tensor[], y: Int32Array, clip: number | null): void {
    const params = this.params();
    const kept = tidy(() => {
      const target = oneHot(y, SYMBOLS);
      const { result, tape } = record(() => {
        const out = this.cell.forward(xs);
        return { out, loss: softmaxCrossEntropy(this.logits(out), target) };
      });
      const { out, loss } = result;
      // the fused cells keep h_t inside a packed state: its gradient (all paths through later steps) is the h block of dL/dS_t
      const all = gradients(tape, loss, [...params, ...out.states]);
      const grads = all.slice(0, params.length).map((g, i) => g ?? tensor(new Float32Array(params[i].size), params[i].shape));
      const hGrads = all.slice(params.length).map((g, t) => (g && g.shape[1] !== out.hs[t].shape[1] ? slice(g, [0, 0], [g.shape[0], out.hs[t].shape[1]]) : g));
      const clipped = clip === null ? { grads, norm: globalNorm(grads) } : clipByGlobalNorm(grads, clip);
      this.opt.step(params, clipped.grads);
      const hGrad = concat(hGrads.map((g) => (g ? reshape(l2Norm(g), [1]) : tensor([0], [1]))), 0);
      const fMean = out.gates[0]?.f ? concat(out.gates.map((g) => mean(g.f, [0], true)), 0) : null;
      const gnorm = reshape(clipped.norm, [1]);
      return { loss, hGrad, gnorm, fMean, gmax: this.gmax ? maximum(this.gmax, gnorm) : reshape(gnorm, [1]) };
    });
    this.gmax?.dispose();
    this.gmax = keep(kept.gmax);
    this.disposeLast();
    this.last = { loss: keep(kept.loss), hGrad: keep(kept.hGrad), gnorm: keep(kept.gnorm), fMean: kept.fMean ? keep(kept.fMean) : null };
  }

  /** The cell's states and gates on a batch of sequences, outside any tape (dispose with disposeOutput). */
  probe(xs: Tensor[]): { out: RnnOutput; logits: Tensor } {
    let out: RnnOutput | null = null;
    const logits = noGradEval(() => {
      out = this.cell.forward(xs);
      for (const t of [...out.hs, ...out.cs, ...out.gates.flatMap((g) => Object.values(g))]) keep(t);
      return this.logits(out);
    });
    return { out: out!, logits };
  }

  private disposeLast(): void {
    if (!this.last) return;
    const { loss, hGrad, gnorm, fMean } = this.last;
    for (const t of [loss, hGrad, gnorm, fMean]) t?.dispose();
    this.last = null;
  }

  dispose(): void {
    this.disposeLast();
    this.gmax?.dispose();
    this.cell.dispose();
    this.head.dispose();
  }
}

/**
 * Sets the GRU's update-gate bias: b = [b_z | b_r | b_n] in the engine, z the
 * weight of the new candidate, so keeping the state (u = 1 - z near sigma(b_u))
 * means b_z = -b_u. Writes the bias in place before any training step.
 */
export function setUpdateBias(cell: GRU, bu: number): void {
  const H = cell.hidden;
  const b = new Float32Array(3 * H);
  b.fill(-bu, 0, H);
  tidy(() => assign(cell.b, tensor(b, [3 * H])));
}

/** Disposes every tensor of a probe's output. */
export function disposeOutput(out: RnnOutput): void {
  const seen = new Set<Tensor>();
  for (const t of [...out.hs, ...out.cs, ...out.gates.flatMap((g) => Object.values(g))]) {
    if (!seen.has(t)) t.dispose();
    seen.add(t);
  }
}
