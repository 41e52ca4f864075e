/**
 * Recurrent cells unrolled over a sequence, written from primitives: a plain
 * tanh RNN, an LSTM and a GRU. Inputs are one [B, in] tensor per step; every
 * per-step hidden state (and each gate) is returned, so a lesson can plot the
 * gates and take gradients(tape, loss, hs) to get dL/dh_t for every t.
 */
import { getBackend, keep, variable, zeros } from '../engine';
import { initWeights, type InitName } from '../init';
import { add, matmul, mul, reshape, sigmoid, slice, sub, tanh } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';

export interface RnnOptions {
  init?: InitName;
  scale?: number;
  /** LSTM only: initial forget-gate bias (1 keeps memory at the start, Gers et al. 2000). */
  forgetBias?: number;
}

export interface RnnOutput {
  /** h_1 .. h_T, each [B, H]. */
  hs: Tensor[];
  /** LSTM only: cell states c_1 .. c_T. */
  cs: Tensor[];
  /** Per step, the gate activations by name (LSTM: i, f, o, g; GRU: z, r, n). */
  gates: Record<string, Tensor>[];
}

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
    return { hs, cs: [], gates: hs.map(() => ({})) };
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
  constructor(readonly inSize: number, readonly hidden: number, rng: Rng, o: RnnOptions = {}) {
    const H = hidden;
    this.Wx = weights(rng, inSize, 4 * H, H, o);
    this.Wh = weights(rng, H, 4 * H, H, o);
    const b = new Float32Array(4 * H);
    b.fill(o.forgetBias ?? 1, H, 2 * H);
    this.b = variable(b, [4 * H]);
  }
  forward(xs: Tensor[], h0?: Tensor, c0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    let h = h0 ?? zeroState(B, H);
    let c = c0 ?? zeroState(B, H);
    const out: RnnOutput = { hs: [], cs: [], gates: [] };
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
  constructor(readonly inSize: number, readonly hidden: number, rng: Rng, o: RnnOptions = {}) {
    const H = hidden;
    this.Wx = weights(rng, inSize, 3 * H, H, o);
    this.Wzr = weights(rng, H, 2 * H, H, o);
    this.Wn = weights(rng, H, H, H, o);
    this.b = variable(new Float32Array(3 * H), [3 * H]);
  }
  forward(xs: Tensor[], h0?: Tensor): RnnOutput {
    const B = xs[0].shape[0];
    const H = this.hidden;
    let h = h0 ?? zeroState(B, H);
    const out: RnnOutput = { hs: [], cs: [], gates: [] };
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
