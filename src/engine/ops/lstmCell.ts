/**
 * One LSTM time step as one op, and its backward as three (gate deltas, the
 * previous state's gradient, the weights' gradient). The composite cell costs
 * about 16 ops forward and 35 backward per step; at 32 units each of those is
 * mostly fixed per-op cost (and on webgpu one dispatch each).
 *
 * Packed layouts (H units, D inputs, gate order i, f, g, o as in nn/rnn.ts):
 *   W [D + H + 1, 4H]: rows 0..D-1 are Wx, rows D..D+H-1 are Wh, row D+H is b.
 *   S [B, 6H]: h | c | i | f | g | o (the gates after their squashing).
 * A step reads h_{t-1} and c_{t-1} from the previous S (its gate blocks are
 * ignored), so the state is one tensor and the op has one output.
 */
import { apply } from '../engine';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { matmul } from './matmul';
import { slice } from './slice';
import { perThread as sharedPerThread, u, type GpuProgram } from '../backends/webgpu/program';
import { gemm } from '../backends/gemm';
import { copyRun } from './copyRun';
import { wasmEnabled } from '../wasm/enabled';
import { gateScratch, squashColumns, type Squash } from '../wasm/exp';
import { WGSL_ACTIVATION_FNS } from './wgslMath';

// the tanh kernel's formula (ops/tanh.ts): one exp, exact at both tails
const th = (v: number) => (v > -1e-4 && v < 1e-4 ? v : 1 - 2 / (Math.exp(2 * v) + 1));
/** tanh(c_t) in the backward: h_t / o_t (a division, not an exp) unless o_t is too small to divide by. */
const tanhC = (h: number, o: number, c: number) => (o > 1e-3 ? h / o : th(c));

let e64 = new Float64Array(0);
function row64(n: number): Float64Array {
  if (e64.length < n) e64 = new Float64Array(n);
  return e64;
}

// per-module scratch (kernels never allocate per call); gemm keeps its own
const scratch: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
function tmp(slot: number, n: number): Float32Array {
  if (scratch[slot].length < n) scratch[slot] = new Float32Array(n);
  return scratch[slot];
}


/**
 * A key for the matmul kernel's operand cache: the packed W of a forward pass
 * is a fresh intermediate (a new id every pass, never written after), so the
 * 20 steps of a sequence copy it once. Parameters and kept tensors can be
 * updated in place: no key for them.
 */
export function cacheKey(w: Tensor, what: string): string | undefined {
  return w.requiresGrad || w.kept ? undefined : `${what}#${w.id}`;
}

/** [B, D], [B, 6H], [D + H + 1, 4H] -> dims, checked. */
function dims(x: readonly number[], s: readonly number[], w: readonly number[]): { B: number; D: number; H: number } {
  const H = w[1] / 4;
  const B = x[0];
  const D = x[1];
  if (x.length !== 2 || s.length !== 2 || w.length !== 2 || !Number.isInteger(H) || s[0] !== B || s[1] !== 6 * H || w[0] !== D + H + 1) {
    throw new Error(`lstmCell: x [${x}], state [${s}], W [${w}] do not fit x [B, D], state [B, 6H], W [D + H + 1, 4H]`);
  }
  return { B, D, H };
}

export const lstmCellOp: OpDef = {
  name: 'lstmCell',
  shape: ([x, s, w]) => {
    const { B, H } = dims(x, s, w);
    return [B, 6 * H];
  },
  vjp: (g, [x, sp, w], s) => {
    const H = w.shape[1] / 4;
    const D = x.shape[1];
    const dz = apply(lstmCellGradZOp, [g, s, sp], undefined);
    return [
      needsGrad(x) ? matmul(dz, slice(w, [0, 0], [D, 4 * H]), false, true) : null,
      needsGrad(sp) ? apply(lstmCellGradStateOp, [dz, g, s, w], undefined) : null,
      needsGrad(w) ? apply(lstmCellGradWOp, [x, sp, dz], undefined) : null,
    ];
  },
  cpu: ([tx, tsp, tw], out) => {
    const { B, D, H } = dims(tx.shape, tsp.shape, tw.shape);
    const x = buf(tx), sp = buf(tsp), W = buf(tw), o = buf(out);
    const H4 = 4 * H, H6 = 6 * H;
    // z = [x | h | 1] W (one call of the matmul kernels), then the gate math row by row
    const K = D + H + 1;
    const U = tmp(1, B * K);
    for (let b = 0; b < B; b++) {
      copyRun(x, b * D, U, b * K, D);
      copyRun(sp, b * H6, U, b * K + D, H);
      U[b * K + K - 1] = 1;
    }
    const z = tmp(0, B * H4);
    gemm(U, 0, false, W, 0, false, z, 0, B, H4, K, false, cacheKey(tw, "W"));
    const wx = wasmEnabled() ? gateScratch(B, gateSquash(H), B * H) : null;
    if (!wx) return gatesJs(B, H, z, sp, o);
    // the squashed gates in one pass (wasm/exp.ts), then c_t, then tanh(c_t) in a second pass
    const e = wx.squashRows(z), v = wx.v;
    for (let b = 0; b < B; b++) {
      const ob = b * H6, q = b * H4;
      for (let j = 0; j < H; j++) {
        const i = e[q + j], f = e[q + H + j], gg = e[q + 2 * H + j], og = e[q + 3 * H + j];
        const c = Math.fround(f * sp[ob + H + j] + i * gg);
        v[b * H + j] = 2 * c;
        o[ob + H + j] = c;
        o[ob + 2 * H + j] = i;
        o[ob + 3 * H + j] = f;
        o[ob + 4 * H + j] = gg;
        o[ob + 5 * H + j] = og;
      }
    }
    wx.tanhHalf();
    for (let b = 0; b < B; b++) for (let j = 0, ob = b * H6, q = b * H4 + 3 * H, p = b * H; j < H; j++) o[ob + j] = e[q + j] * v[p + j];
  },
  webgpu: (ins) => lstmCellWgsl(ins),
  cases: [
    // B, D, H = 3, 5, 4 and 2, 3, 70 (more units than a workgroup's threads)
    opCase('lstmCell B3 D5 H4', [S(3, 5), S(3, 24), S(10, 16)], (x, s, w) => lstmCell(x, s, w)),
    opCase('lstmCell B2 D3 H70', [S(2, 3), S(2, 420), S(74, 280)], (x, s, w) => lstmCell(x, s, w)),
  ],
};

/** The gate blocks i, f, g, o: sigmoid, sigmoid, tanh, sigmoid. */
let squash: Squash | null = null;
function gateSquash(H: number): Squash {
  if (squash?.m.length !== 4 * H) squash = squashColumns([['sigmoid', 2 * H], ['tanh', H], ['sigmoid', H]]);
  return squash;
}

/** The gate math with Math.exp (no WebAssembly SIMD here); the same formulas and the same bits as the wasm path. */
function gatesJs(B: number, H: number, z: Float32Array, sp: Float32Array, o: Float32Array): void {
  const H4 = 4 * H, H6 = 6 * H;
  const e = row64(H4);
  for (let b = 0; b < B; b++) {
    const ob = b * H6, q = b * H4;
    // the exps first, in straight loops (twice as fast as interleaving them with the gate math):
    // sigma(v) = 1 / (1 + e^-v), tanh(v) = 1 - 2 / (e^2v + 1); both exact at the tails in f64
    for (let j = 0; j < 2 * H; j++) e[j] = Math.exp(-z[q + j]);
    for (let j = 2 * H; j < 3 * H; j++) e[j] = Math.exp(2 * z[q + j]);
    for (let j = 3 * H; j < H4; j++) e[j] = Math.exp(-z[q + j]);
    for (let j = 0; j < H; j++) {
      const i = 1 / (1 + e[j]);
      const f = 1 / (1 + e[H + j]);
      const gg = 1 - 2 / (e[2 * H + j] + 1);
      const og = 1 / (1 + e[3 * H + j]);
      const c = Math.fround(f * sp[ob + H + j] + i * gg);
      o[ob + j] = og * (1 - 2 / (Math.exp(2 * c) + 1));
      o[ob + H + j] = c;
      o[ob + 2 * H + j] = i;
      o[ob + 3 * H + j] = f;
      o[ob + 4 * H + j] = gg;
      o[ob + 5 * H + j] = og;
    }
  }
}

/**
 * Gate deltas dL/dz [B, 4H] from g = dL/dS [B, 6H] (every block may carry a
 * gradient: h and c from the next step, the gates from whoever read them),
 * S and the previous state.
 */
export const lstmCellGradZOp: OpDef = {
  name: 'lstmCellGradZ',
  shape: ([g]) => [g[0], (g[1] / 6) * 4],
  cpu: ([tg, ts, tsp], out) => {
    const g = buf(tg), s = buf(ts), sp = buf(tsp), dz = buf(out);
    const B = tg.shape[0], H = tg.shape[1] / 6, H4 = 4 * H, H6 = 6 * H;
    for (let b = 0; b < B; b++) {
      const r = b * H6, q = b * H4;
      for (let j = 0; j < H; j++) {
        const c = s[r + H + j], i = s[r + 2 * H + j], f = s[r + 3 * H + j], gg = s[r + 4 * H + j], og = s[r + 5 * H + j];
        const gh = g[r + j];
        const tc = tanhC(s[r + j], og, c);
        const dc = g[r + H + j] + gh * og * (1 - tc * tc);
        const di = dc * gg + g[r + 2 * H + j];
        const df = dc * sp[r + H + j] + g[r + 3 * H + j];
        const dg = dc * i + g[r + 4 * H + j];
        const dO = gh * tc + g[r + 5 * H + j];
        dz[q + j] = di * i * (1 - i);
        dz[q + H + j] = df * f * (1 - f);
        dz[q + 2 * H + j] = dg * (1 - gg * gg);
        dz[q + 3 * H + j] = dO * og * (1 - og);
      }
    }
  },
  webgpu: (ins) => lstmCellGradZWgsl(ins),
  cases: [
    // the backward reads tanh(c_t) as h_t / o_t (the cpu kernel) or tanh(c_t) (WGSL): equal only on a state the forward made, so S comes from lstmCell
    opCase('lstmCellGradZ H4', [S(3, 24), S(3, 5), S(3, 24), S(10, 16)], (g, x, sp, w) => apply(lstmCellGradZOp, [g, lstmCell(x, sp, w), sp], undefined)),
  ],
};

/** dL/dS_{t-1} [B, 6H]: h block dz Wh^T, c block dL/dc_t f_t, gate blocks 0. Inputs dz, g, S, W. */
export const lstmCellGradStateOp: OpDef = {
  name: 'lstmCellGradState',
  shape: ([_dz, g]) => g,
  cpu: ([tdz, tg, ts, tw], out) => {
    const dz = buf(tdz), g = buf(tg), s = buf(ts), W = buf(tw), o = buf(out);
    const B = tg.shape[0], H = tg.shape[1] / 6, H4 = 4 * H, H6 = 6 * H;
    const D = tw.shape[0] - H - 1;
    // dh = dz Wh^T: Wh's rows are stored [H, 4H], the "NT" form
    const dh = tmp(1, B * H);
    gemm(dz, 0, false, W, D * H4, true, dh, 0, B, H, H4, false, cacheKey(tw, "WhT"));
    o.fill(0);
    for (let b = 0; b < B; b++) {
      const r = b * H6;
      copyRun(dh, b * H, o, r, H);
      for (let k = 0; k < H; k++) {
        const og = s[r + 5 * H + k];
        const tc = tanhC(s[r + k], og, s[r + H + k]);
        const dc = g[r + H + k] + g[r + k] * og * (1 - tc * tc);
        o[r + H + k] = dc * s[r + 3 * H + k];
      }
    }
  },
  webgpu: (ins) => lstmCellGradStateWgsl(ins),
  cases: [
    opCase('lstmCellGradState H4', [S(3, 16), S(3, 24), S(3, 5), S(3, 24), S(10, 16)], (dz, g, x, sp, w) =>
      apply(lstmCellGradStateOp, [dz, g, lstmCell(x, sp, w), w], undefined),
    ),
  ],
};

/** dL/dW [D + H + 1, 4H] = sum_b [x_b, h_{t-1,b}, 1]^T dz_b. Inputs x, S_{t-1}, dz. */
export const lstmCellGradWOp: OpDef = {
  name: 'lstmCellGradW',
  shape: ([x, _sp, dz]) => [x[1] + dz[1] / 4 + 1, dz[1]],
  cpu: ([tx, tsp, tdz], out) => {
    const x = buf(tx), sp = buf(tsp), dz = buf(tdz), o = buf(out);
    const B = tx.shape[0], D = tx.shape[1], H4 = tdz.shape[1], H = H4 / 4, H6 = 6 * H;
    const K = D + H + 1;
    // U = [x | h_{t-1} | 1] [B, K]; dW = U^T dz
    const U = tmp(1, B * K);
    for (let b = 0; b < B; b++) {
      copyRun(x, b * D, U, b * K, D);
      copyRun(sp, b * H6, U, b * K + D, H);
      U[b * K + K - 1] = 1;
    }
    gemm(U, 0, true, dz, 0, false, o, 0, K, H4, B, false);
  },
  webgpu: (ins) => lstmCellGradWWgsl(ins),
  cases: [opCase('lstmCellGradW H4', [S(3, 5), S(3, 24), S(3, 16)], (x, sp, dz) => apply(lstmCellGradWOp, [x, sp, dz], undefined))],
};

/** One LSTM step: S_t from x_t [B, D], S_{t-1} [B, 6H] and the packed W [D + H + 1, 4H]. */
export function lstmCell(x: Tensor, state: Tensor, w: Tensor): Tensor {
  return apply(lstmCellOp, [x, state, w], undefined);
}

// ---- WGSL: one thread per unit (b, j) or per output element; shapes baked in as constants ----

const SIG = WGSL_ACTIVATION_FNS;

const perThread = (key: string, n: number, nInputs: number, body: string): GpuProgram => sharedPerThread(key, n, nInputs, body, SIG);

/** Inputs x0 = x, x1 = S_{t-1}, x2 = W. */
export function lstmCellWgsl([x, sp, w]: readonly Tensor[]): GpuProgram {
  const { B, D, H } = dims(x.shape, sp.shape, w.shape);
  const H4 = 4 * H, H6 = 6 * H;
  return perThread(`lstmCell|${B},${D},${H}`, B * H, 3, `
  let b = i / ${u(H)};
  let j = i % ${u(H)};
  let bias = ${u((D + H) * H4)} + j;
  var zi = x2[bias];
  var zf = x2[bias + ${u(H)}];
  var zg = x2[bias + ${u(2 * H)}];
  var zo = x2[bias + ${u(3 * H)}];
  for (var k = 0u; k < ${u(D)}; k++) {
    let v = x0[b * ${u(D)} + k];
    let r = k * ${u(H4)} + j;
    zi += v * x2[r]; zf += v * x2[r + ${u(H)}]; zg += v * x2[r + ${u(2 * H)}]; zo += v * x2[r + ${u(3 * H)}];
  }
  for (var k = 0u; k < ${u(H)}; k++) {
    let v = x1[b * ${u(H6)} + k];
    let r = (${u(D)} + k) * ${u(H4)} + j;
    zi += v * x2[r]; zf += v * x2[r + ${u(H)}]; zg += v * x2[r + ${u(2 * H)}]; zo += v * x2[r + ${u(3 * H)}];
  }
  let ig = sig(zi);
  let fg = sig(zf);
  let gg = th(zg);
  let og = sig(zo);
  let ob = b * ${u(H6)} + j;
  let c = fg * x1[ob + ${u(H)}] + ig * gg;
  o[ob] = og * th(c);
  o[ob + ${u(H)}] = c;
  o[ob + ${u(2 * H)}] = ig;
  o[ob + ${u(3 * H)}] = fg;
  o[ob + ${u(4 * H)}] = gg;
  o[ob + ${u(5 * H)}] = og;`);
}

/** Inputs x0 = g, x1 = S, x2 = S_{t-1}. */
export function lstmCellGradZWgsl([g]: readonly Tensor[]): GpuProgram {
  const B = g.shape[0], H = g.shape[1] / 6;
  return perThread(`lstmCellGradZ|${B},${H}`, B * H, 3, `
  let b = i / ${u(H)};
  let j = i % ${u(H)};
  let r = b * ${u(6 * H)} + j;
  let q = b * ${u(4 * H)} + j;
  let c = x1[r + ${u(H)}]; let ig = x1[r + ${u(2 * H)}]; let fg = x1[r + ${u(3 * H)}]; let gg = x1[r + ${u(4 * H)}]; let og = x1[r + ${u(5 * H)}];
  let gh = x0[r];
  let tc = th(c);
  let dc = x0[r + ${u(H)}] + gh * og * (1.0 - tc * tc);
  o[q] = (dc * gg + x0[r + ${u(2 * H)}]) * ig * (1.0 - ig);
  o[q + ${u(H)}] = (dc * x2[r + ${u(H)}] + x0[r + ${u(3 * H)}]) * fg * (1.0 - fg);
  o[q + ${u(2 * H)}] = (dc * ig + x0[r + ${u(4 * H)}]) * (1.0 - gg * gg);
  o[q + ${u(3 * H)}] = (gh * tc + x0[r + ${u(5 * H)}]) * og * (1.0 - og);`);
}

/** Inputs x0 = dz, x1 = g, x2 = S, x3 = W; one thread per element of [B, 6H]. */
export function lstmCellGradStateWgsl([, g, , w]: readonly Tensor[]): GpuProgram {
  const B = g.shape[0], H = g.shape[1] / 6, H4 = 4 * H, H6 = 6 * H;
  const D = w.shape[0] - H - 1;
  return perThread(`lstmCellGradState|${B},${D},${H}`, B * H6, 4, `
  let b = i / ${u(H6)};
  let k = i % ${u(H6)};
  if (k < ${u(H)}) {
    var acc = 0.0;
    let w = (${u(D)} + k) * ${u(H4)};
    for (var j = 0u; j < ${u(H4)}; j++) { acc += x0[b * ${u(H4)} + j] * x3[w + j]; }
    o[i] = acc;
  } else if (k < ${u(2 * H)}) {
    let r = b * ${u(H6)} + k - ${u(H)};
    let tc = th(x2[r + ${u(H)}]);
    let dc = x1[r + ${u(H)}] + x1[r] * x2[r + ${u(5 * H)}] * (1.0 - tc * tc);
    o[i] = dc * x2[r + ${u(3 * H)}];
  } else {
    o[i] = 0.0;
  }`);
}

/** Inputs x0 = x, x1 = S_{t-1}, x2 = dz; one thread per element of [D + H + 1, 4H]. */
export function lstmCellGradWWgsl([x, , dz]: readonly Tensor[]): GpuProgram {
  const B = x.shape[0], D = x.shape[1], H4 = dz.shape[1], H = H4 / 4;
  const rows = D + H + 1;
  return perThread(`lstmCellGradW|${B},${D},${H}`, rows * H4, 3, `
  let k = i / ${u(H4)};
  let j = i % ${u(H4)};
  var acc = 0.0;
  for (var b = 0u; b < ${u(B)}; b++) {
    var v = 1.0;
    if (k < ${u(D)}) { v = x0[b * ${u(D)} + k]; } else if (k < ${u(D + H)}) { v = x1[b * ${u(6 * H)} + k - ${u(D)}]; }
    acc += v * x2[b * ${u(H4)} + j];
  }
  o[i] = acc;`);
}
