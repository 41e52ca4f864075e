/**
 * Recurrent cells unrolled over a sequence: a plain tanh RNN, an LSTM and a
 * GRU. Inputs are one [B, in] tensor per step; every per-step hidden state
 * (and each gate) is returned, so a lesson can plot the gates and get dL/dh_t
 * for every t with hiddenGradients().
 *
 * The LSTM and GRU run each time step as one fused op (ops/lstmCell.ts,
 * ops/gruCell.ts) on a packed state S_t that holds h_t, c_t and the gates;
 * `hs`, `cs` and `gates` are read out of S_t on first access. `fused: false`
 * runs the same cell written from primitives (the tests compare the two).
 */
import { gradients } from '../autodiff';
import { getBackend, keep, variable, zeros, type TapeNode } from '../engine';
import { initWeights, type InitName } from '../init';
import { add, concat, gruCell, lstmCell, matmul, mul, reshape, sigmoid, slice, sub, tanh } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';

export interface RnnOptions {
  init?: InitName;
  scale?: number;
  /** LSTM only: initial forget-gate bias (1 keeps memory at the start, Gers et al. 2000). */
  forgetBias?: number;
  /** LSTM and GRU: one fused op per time step (default true); false runs the cell written from primitives. */
  fused?: boolean;
}

export interface RnnOutput {
  /**
   * h_1 .. h_T, each [B, H]. On the fused path these are read out of the
   * packed states, so the gradient with respect to one of them holds only
   * its direct uses: for dL/dh_t through the later steps use hiddenGradients().
   */
  hs: Tensor[];
  /** LSTM only: cell states c_1 .. c_T. */
  cs: Tensor[];
  /** Per step, the gate activations by name (LSTM: i, f, o, g; GRU: z, r, n). */
  gates: Record<string, Tensor>[];
  /** The tensors carried from step to step: packed S_t on the fused path (h_t in its first H columns), h_t otherwise. */
  states: Tensor[];
}

/**
 * dL/dh_t [B, H] for every step, through every later step (null where the
 * loss does not depend on h_t): the h block of the gradient of each carried state.
 */
export function hiddenGradients(tape: readonly TapeNode[], loss: Tensor, out: RnnOutput): (Tensor | null)[] {
  const gs = gradients(tape, loss, out.states);
  return gs.map((g, t) => (g && g.shape[1] !== out.hs[t].shape[1] ? slice(g, [0, 0], [g.shape[0], out.hs[t].shape[1]]) : g));
}

/**
 * An array of n tensors made on first access of each index (an element read
 * out of a packed state costs an op; most callers read one or two of them).
 */
function lazyList<T>(n: number, make: (i: number) => T): T[] {
  const items = new Array<T | undefined>(n);
  return new Proxy(items as T[], {
    get(target, p, receiver) {
      if (typeof p === 'string') {
        const i = p.length < 10 ? Number(p) : NaN;
        if (Number.isInteger(i) && i >= 0 && i < n && String(i) === p) return (target[i] ??= make(i));
      }
      return Reflect.get(target, p, receiver);
    },
    // map, forEach and friends skip indices the array does not "have": every index < n has an element
    has(target, p) {
      if (typeof p === 'string') {
        const i = p.length < 10 ? Number(p) : NaN;
        if (Number.isInteger(i) && i >= 0 && i < n && String(i) === p) return true;
      }
      return Reflect.has(target, p);
    },
  });
}

/** Column block k (of width H) of every packed state. */
const block = (S: Tensor, k: number, H: number) => slice(S, [0, k * H], [S.shape[0], H]);

const zeroCache = new Map<string, Tensor>();
/** A kept all-zero initial state [B, H], shared (it is only ever read). */
function zeroState(B: number, H: number): Tensor {
  const key = `${B},${H}`;
  let z = zeroCache.get(key);
  if (!z || z.disposed || z.backend !== getBackend()) {
    z = keep(zeros([B, H]));
    zeroCache.set(key, z);
  }
  return z;
}

function weights(rng: Rng, rows: number, cols: number, fanOut: number, o: RnnOptions): Tensor {
  return variable(initWeights(o.init ?? 'glorot-uniform', rows, fanOut, rng, o.scale ?? 1, rows * cols), [rows, cols]);
}

/** Splits the columns of z [B, k H] into k blocks of [B, H]. */
function split(z: Tensor, k: number, H: number): Tensor[] {
  const B = z.shape[0];
  return Array.from({ length: k }, (_, j) => slice(z, [0, j * H], [B, H]));
}

/** Splits a [B, T, in] tensor into T tensors [B, in] (handy for batched sequences). */
export function unstack(x: Tensor): Tensor[] {
  const [B, T, D] = x.shape;
  return Array.from({ length: T }, (_, t) => reshape(slice(x, [0, t, 0], [B, 1, D]), [B, D]));
}

/** h_t = tanh(x_t Wx + h_{t-1} Wh + b). */
export class RNN {
  readonly Wx: Tensor;
  readonly Wh: Tensor;
  readonly b: Tensor;
  constructor(readonly inSize: number, readonly hidden: number, rng: Rng, o: RnnOptions = {}) {
    this.Wx = weights(rng, inSize, hidden, hidden, o);
    this.Wh = weights(rng, hidden, hidden, hidden, o);
    this.b = variable(new Float32Array(hidden), [hidden]);
  }
  forward(xs: Tensor[], h0?: Tensor): RnnOutput {
    let h = h0 ?? zeroState(xs[0].shape[0], this.hidden);
    const hs: Tensor[] = [];
    for (const x of xs) {
      h = tanh(add(add(matmul(x, this.Wx), matmul(h, this.Wh)), this.b));
      hs.push(h);
    }
    return { hs, cs: [], gates: hs.map(() => ({})), states: hs };
  }
  params(): Tensor[] {
    return [this.Wx, this.Wh, this.b];
  }
  dispose(): void {
    for (const p of this.params()) p.dispose();
  }
}
export const rnnTex = String.raw`h_t = \tanh(W_x x_t + W_h h_{t-1} + b)`;

/**
 * LSTM (gates i, f, o in (0,1), candidate g):
 * i,f,o = sigma(.), g = tanh(.), c_t = f c_{t-1} + i g, h_t = o tanh(c_t);
 * the four pre-activations come from one [in, 4H] and one [H, 4H] matrix.
 */
export class LSTM {
  readonly Wx: Tensor;
  readonly Wh: Tensor;
  readonly b: Tensor;
  readonly fused: boolean;
  constructor(readonly inSize: number, readonly hidden: number, rng: Rng, o: RnnOptions = {}) {
    const H = hidden;
    this.Wx = weights(rng, inSize, 4 * H, H, o);
    this.Wh = weights(rng, H, 4 * H, H, o);
    const b = new Float32Array(4 * H);
    b.fill(o.forgetBias ?? 1, H, 2 * H);
    this.b = variable(b, [4 * H]);
    this.fused = o.fused ?? true;
  }
  forward(xs: Tensor[], h0?: Tensor, c0?: Tensor): RnnOutput {
    return this.fused ? this.forwardFused(xs, h0, c0) : this.forwardComposite(xs, h0, c0);
  }
  /** One lstmCell op per step on S_t = [h | c | i | f | g | o] with W = [Wx; Wh; b]. */
  private forwardFused(xs: Tensor[], h0?: Tensor, c0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    const W = concat([this.Wx, this.Wh, reshape(this.b, [1, 4 * H])], 0);
    let S = h0 || c0 ? concat([h0 ?? zeroState(B, H), c0 ?? zeroState(B, H), zeroState(B, 4 * H)], 1) : zeroState(B, 6 * H);
    const states: Tensor[] = [];
    for (const x of xs) {
      S = lstmCell(x, S, W);
      states.push(S);
    }
    return {
      states,
      hs: lazyList(states.length, (t) => block(states[t], 0, H)),
      cs: lazyList(states.length, (t) => block(states[t], 1, H)),
      gates: lazyList(states.length, (t) => ({ i: block(states[t], 2, H), f: block(states[t], 3, H), g: block(states[t], 4, H), o: block(states[t], 5, H) })),
    };
  }
  private forwardComposite(xs: Tensor[], h0?: Tensor, c0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    let h = h0 ?? zeroState(B, H);
    let c = c0 ?? zeroState(B, H);
    const out: RnnOutput = { hs: [], cs: [], gates: [], states: [] };
    for (const x of xs) {
      const z = add(add(matmul(x, this.Wx), matmul(h, this.Wh)), this.b);
      const [zi, zf, zg, zo] = split(z, 4, H);
      const i = sigmoid(zi);
      const f = sigmoid(zf);
      const g = tanh(zg);
      const o = sigmoid(zo);
      c = add(mul(f, c), mul(i, g));
      h = mul(o, tanh(c));
      out.hs.push(h);
      out.cs.push(c);
      out.gates.push({ i, f, o, g });
    }
    out.states = out.hs;
    return out;
  }
  params(): Tensor[] {
    return [this.Wx, this.Wh, this.b];
  }
  dispose(): void {
    for (const p of this.params()) p.dispose();
  }
}
export const lstmTex = String.raw`\begin{aligned} i_t &= \sigma(W_i [x_t, h_{t-1}] + b_i),\; f_t = \sigma(W_f [x_t, h_{t-1}] + b_f),\; o_t = \sigma(W_o [x_t, h_{t-1}] + b_o) \\ c_t &= f_t \odot c_{t-1} + i_t \odot \tanh(W_g [x_t, h_{t-1}] + b_g),\quad h_t = o_t \odot \tanh(c_t) \end{aligned}`;

/**
 * GRU, in the form this code runs (gruTex):
 *   z_t = sigma(x_t Wx_z + h_{t-1} Wzr_z + b_z),  r_t = sigma(x_t Wx_r + h_{t-1} Wzr_r + b_r),
 *   n_t = tanh(x_t Wx_n + (r_t * h_{t-1}) Wn + b_n),
 *   h_t = (1 - z_t) * h_{t-1} + z_t * n_t   (computed as h + z (n - h)).
 * z weights the new candidate: it is 1 - u of the lecture's update gate
 * (Goodfellow et al. 10.10.2 and Cho et al. 2014 write h_t = u h_{t-1} + (1 - u) n_t).
 * The reset gate multiplies h_{t-1} before the matrix, as in Cho et al.
 * (PyTorch and cuDNN apply it after: r * (h Wn + b_hn)). One bias per gate;
 * Wx holds the three input matrices [z | r | n], Wzr the two recurrent ones of z and r.
 */
export class GRU {
  readonly Wx: Tensor;
  readonly Wzr: Tensor;
  readonly Wn: Tensor;
  readonly b: Tensor;
  readonly fused: boolean;
  constructor(readonly inSize: number, readonly hidden: number, rng: Rng, o: RnnOptions = {}) {
    const H = hidden;
    this.Wx = weights(rng, inSize, 3 * H, H, o);
    this.Wzr = weights(rng, H, 2 * H, H, o);
    this.Wn = weights(rng, H, H, H, o);
    this.b = variable(new Float32Array(3 * H), [3 * H]);
    this.fused = o.fused ?? true;
  }
  forward(xs: Tensor[], h0?: Tensor): RnnOutput {
    return this.fused ? this.forwardFused(xs, h0) : this.forwardComposite(xs, h0);
  }
  /** One gruCell op per step on S_t = [h | z | r | n] with W = [Wx; Wzr Wn; b]. */
  private forwardFused(xs: Tensor[], h0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    const W = concat([this.Wx, concat([this.Wzr, this.Wn], 1), reshape(this.b, [1, 3 * H])], 0);
    let S = h0 ? concat([h0, zeroState(B, 3 * H)], 1) : zeroState(B, 4 * H);
    const states: Tensor[] = [];
    for (const x of xs) {
      S = gruCell(x, S, W);
      states.push(S);
    }
    return {
      states,
      hs: lazyList(states.length, (t) => block(states[t], 0, H)),
      cs: [],
      gates: lazyList(states.length, (t) => ({ z: block(states[t], 1, H), r: block(states[t], 2, H), n: block(states[t], 3, H) })),
    };
  }
  private forwardComposite(xs: Tensor[], h0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    let h = h0 ?? zeroState(B, H);
    const out: RnnOutput = { hs: [], cs: [], gates: [], states: [] };
    for (const x of xs) {
      const [xz, xr, xn] = split(add(matmul(x, this.Wx), this.b), 3, H);
      const [hz, hr] = split(matmul(h, this.Wzr), 2, H);
      const z = sigmoid(add(xz, hz));
      const r = sigmoid(add(xr, hr));
      const n = tanh(add(xn, matmul(mul(r, h), this.Wn)));
      h = add(h, mul(z, sub(n, h)));
      out.hs.push(h);
      out.gates.push({ z, r, n });
    }
    out.states = out.hs;
    return out;
  }
  params(): Tensor[] {
    return [this.Wx, this.Wzr, this.Wn, this.b];
  }
  dispose(): void {
    for (const p of this.params()) p.dispose();
  }
}
export const gruTex = String.raw`\begin{aligned} z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z),\; r_t = \sigma(W_r x_t + U_r h_{t-1} + b_r) \\ n_t &= \tanh(W_n x_t + U_n (r_t \odot h_{t-1}) + b_n),\quad h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t \end{aligned}`;
