/**
 * One GRU time step as one op (the form of nn/rnn.ts: z, r = sigma(.),
 * n = tanh(x Wn + bn + (r h) Un), h_t = h + z (n - h)), and its backward as
 * three ops (deltas, previous state's gradient, weights' gradient).
 *
 * Packed layouts (H units, D inputs):
 *   W [D + H + 1, 3H]: rows 0..D-1 are Wx (z | r | n columns), rows D..D+H-1
 *     are [Wzr | Un], row D+H is b.
 *   S [B, 4H]: h | z | r | n.
 * The candidate needs r for every unit of its row before its product with Un,
 * so on webgpu one workgroup runs one batch row in two phases.
 */
import { apply } from '../engine';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { matmul } from './matmul';
import { slice } from './slice';
import { cacheKey } from './lstmCell';
import { gemm } from '../backends/gemm';
import { copyRun } from './copyRun';
import { wasmEnabled } from '../wasm/enabled';
import { gateScratch, squashColumns, type Squash } from '../wasm/exp';
import { header, perThread, u, WG, type GpuProgram } from '../backends/webgpu/program';
import { WGSL_ACTIVATION_FNS } from './wgslMath';

const scratch: Float32Array[] = [new Float32Array(0), new Float32Array(0), new Float32Array(0)];
function tmp(slot: number, n: number): Float32Array {
  if (scratch[slot].length < n) scratch[slot] = new Float32Array(n);
  return scratch[slot];
}

/** U [B, D + H + 1] = [x | h_{t-1} | 1], or [x | r h_{t-1} | 1] when S (for r) is given. */
function rows(U: Float32Array, x: Float32Array, sp: Float32Array, B: number, D: number, H: number, H4: number, S: Float32Array | null): Float32Array {
  const K = D + H + 1;
  for (let b = 0; b < B; b++) {
    copyRun(x, b * D, U, b * K, D);
    if (S) for (let k = 0; k < H; k++) U[b * K + D + k] = S[b * H4 + 2 * H + k] * sp[b * H4 + k];
    else copyRun(sp, b * H4, U, b * K + D, H);
    U[b * K + K - 1] = 1;
  }
  return U;
}

/** out [H, H] = U[:, D:D+H]^T dn, U [B, K] and dn [B, H]. */
function gemmBlock(U: Float32Array, B: number, K: number, D: number, H: number, dn: Float32Array, out: Float32Array): void {
  out.fill(0, 0, H * H);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < H; k++) {
      const v = U[b * K + D + k];
      if (v === 0) continue;
      for (let j = 0; j < H; j++) out[k * H + j] += v * dn[b * H + j];
    }
}

function dims(x: readonly number[], s: readonly number[], w: readonly number[]): { B: number; D: number; H: number } {
  const H = w[1] / 3;
  const B = x[0];
  const D = x[1];
  if (x.length !== 2 || s.length !== 2 || w.length !== 2 || !Number.isInteger(H) || s[0] !== B || s[1] !== 4 * H || w[0] !== D + H + 1) {
    throw new Error(`gruCell: x [${x}], state [${s}], W [${w}] do not fit x [B, D], state [B, 4H], W [D + H + 1, 3H]`);
  }
  return { B, D, H };
}

export const gruCellOp: OpDef = {
  name: 'gruCell',
  shape: ([x, s, w]) => {
    const { B, H } = dims(x, s, w);
    return [B, 4 * H];
  },
  vjp: (g, [x, sp, w], s) => {
    const B = x.shape[0], D = x.shape[1], H = w.shape[1] / 3;
    const dz = apply(gruCellGradZOp, [g, s, sp, w], undefined);
    return [
      needsGrad(x) ? matmul(slice(dz, [0, 0], [B, 3 * H]), slice(w, [0, 0], [D, 3 * H]), false, true) : null,
      needsGrad(sp) ? apply(gruCellGradStateOp, [dz, g, s, w], undefined) : null,
      needsGrad(w) ? apply(gruCellGradWOp, [x, sp, s, dz], undefined) : null,
    ];
  },
  cpu: ([tx, tsp, tw], out) => {
    const { B, D, H } = dims(tx.shape, tsp.shape, tw.shape);
    const x = buf(tx), sp = buf(tsp), W = buf(tw), o = buf(out);
    const H3 = 3 * H, H4 = 4 * H, K = D + H + 1;
    // a = [x | h | 1] W gives the z and r pre-activations; [x | r h | 1] W gives n's (the matmul kernels, whole W each time)
    const U = rows(tmp(0, B * K), x, sp, B, D, H, H4, null);
    const a = tmp(1, B * H3);
    gemm(U, 0, false, W, 0, false, a, 0, B, H3, K, false, cacheKey(tw, 'gruW'));
    // the squashing in WebAssembly where it runs (wasm/exp.ts: the same bits as these formulas with Math.exp)
    const wx = wasmEnabled() ? gateScratch(B, gateSquash(H), B * H) : null;
    const e = wx ? wx.squashRows(a) : null;
    for (let b = 0; b < B; b++) {
      const r0 = b * H4, q = b * H3;
      for (let j = 0; j < H; j++) {
        const z = e ? e[q + j] : 1 / (1 + Math.exp(-a[q + j]));
        const r = e ? e[q + H + j] : 1 / (1 + Math.exp(-a[q + H + j]));
        o[r0 + H + j] = z;
        o[r0 + 2 * H + j] = r;
        U[b * K + D + j] = r * sp[r0 + j];
      }
    }
    gemm(U, 0, false, W, 0, false, a, 0, B, H3, K, false, cacheKey(tw, 'gruW'));
    if (wx) {
      for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) wx.v[b * H + j] = 2 * a[b * H3 + 2 * H + j];
      wx.tanhHalf();
    }
    for (let b = 0; b < B; b++) {
      const r0 = b * H4;
      for (let j = 0; j < H; j++) {
        const n = wx ? wx.v[b * H + j] : 1 - 2 / (Math.exp(2 * a[b * H3 + 2 * H + j]) + 1);
        const h = sp[r0 + j];
        o[r0 + 3 * H + j] = n;
        o[r0 + j] = h + o[r0 + H + j] * (n - h);
      }
    }
  },
  webgpu: (ins) => gruCellWgsl(ins),
  cases: [
    opCase('gruCell B3 D5 H4', [S(3, 5), S(3, 16), S(10, 12)], (x, s, w) => gruCell(x, s, w)),
    opCase('gruCell B2 D3 H70', [S(2, 3), S(2, 280), S(74, 210)], (x, s, w) => gruCell(x, s, w)),
  ],
};

/** The first product's columns z | r | n: sigmoids; n's columns are not squashed yet (its product comes second). */
let squash: Squash | null = null;
function gateSquash(H: number): Squash {
  if (squash?.m.length !== 3 * H) squash = squashColumns([['sigmoid', 2 * H], ['none', H]]);
  return squash;
}

/**
 * Deltas [B, 4H] = dz_pre | dr_pre | dn_pre | d(r h) from g = dL/dS [B, 4H],
 * S, S_{t-1}, W: the pre-activation gradients (their columns line up with
 * W's) and the gradient of r h, which the state gradient reuses.
 */
export const gruCellGradZOp: OpDef = {
  name: 'gruCellGradZ',
  shape: ([g]) => g,
  cpu: ([tg, ts, tsp, tw], out) => {
    const g = buf(tg), s = buf(ts), sp = buf(tsp), W = buf(tw), o = buf(out);
    const B = tg.shape[0], H = tg.shape[1] / 4, H3 = 3 * H, H4 = 4 * H;
    const D = tw.shape[0] - H - 1;
    // A = [0 | 0 | dn_pre]; d(rh) = A [Wzr | Un]^T (the zero blocks drop Wzr out)
    const A = tmp(0, B * H3);
    A.fill(0, 0, B * H3);
    for (let b = 0; b < B; b++) {
      const r0 = b * H4;
      for (let j = 0; j < H; j++) {
        const gh = g[r0 + j], z = s[r0 + H + j], n = s[r0 + 3 * H + j];
        const dn = (gh * z + g[r0 + 3 * H + j]) * (1 - n * n);
        o[r0 + 2 * H + j] = dn;
        A[b * H3 + 2 * H + j] = dn;
        o[r0 + j] = (gh * (n - sp[r0 + j]) + g[r0 + H + j]) * z * (1 - z);
      }
    }
    const drh = tmp(1, B * H);
    gemm(A, 0, false, W, D * H3, true, drh, 0, B, H, H3, false, cacheKey(tw, 'gruWhT'));
    for (let b = 0; b < B; b++) {
      const r0 = b * H4;
      for (let k = 0; k < H; k++) {
        const acc = drh[b * H + k];
        const r = s[r0 + 2 * H + k];
        o[r0 + 3 * H + k] = acc;
        o[r0 + H + k] = (acc * sp[r0 + k] + g[r0 + 2 * H + k]) * r * (1 - r);
      }
    }
  },
  webgpu: (ins) => gruCellGradZWgsl(ins),
  cases: [
    opCase('gruCellGradZ H4', [S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(3, 16), S(10, 12)], (g, s, sp, w) => apply(gruCellGradZOp, [g, s, sp, w], undefined)),
    opCase('gruCellGradZ H70', [S(2, 280), { shape: [2, 280], lo: 0.1, hi: 0.9 }, S(2, 280), S(74, 210)], (g, s, sp, w) => apply(gruCellGradZOp, [g, s, sp, w], undefined)),
  ],
};

/** dL/dS_{t-1} [B, 4H]: h block g_h (1 - z) + d(rh) r + dz Uz^T + dr Ur^T; other blocks 0. Inputs deltas, g, S, W. */
export const gruCellGradStateOp: OpDef = {
  name: 'gruCellGradState',
  shape: ([_d, g]) => g,
  cpu: ([td, tg, ts, tw], out) => {
    const d = buf(td), g = buf(tg), s = buf(ts), W = buf(tw), o = buf(out);
    const B = tg.shape[0], H = tg.shape[1] / 4, H3 = 3 * H, H4 = 4 * H;
    const D = tw.shape[0] - H - 1;
    // A = [dz_pre | dr_pre | 0]; A [Wzr | Un]^T = dz Uz^T + dr Ur^T
    const A = tmp(0, B * H3);
    for (let b = 0; b < B; b++) {
      copyRun(d, b * H4, A, b * H3, 2 * H);
      A.fill(0, b * H3 + 2 * H, b * H3 + H3);
    }
    const dh = tmp(1, B * H);
    gemm(A, 0, false, W, D * H3, true, dh, 0, B, H, H3, false, cacheKey(tw, 'gruWhT'));
    o.fill(0);
    for (let b = 0; b < B; b++) {
      const r0 = b * H4;
      for (let k = 0; k < H; k++) o[r0 + k] = dh[b * H + k] + g[r0 + k] * (1 - s[r0 + H + k]) + d[r0 + 3 * H + k] * s[r0 + 2 * H + k];
    }
  },
  webgpu: (ins) => gruCellGradStateWgsl(ins),
  cases: [opCase('gruCellGradState H4', [S(3, 16), S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(10, 12)], (d, g, s, w) => apply(gruCellGradStateOp, [d, g, s, w], undefined))],
};

/** dL/dW [D + H + 1, 3H]: rows [x, h_{t-1} (z, r columns) or r h_{t-1} (n columns), 1]^T deltas. Inputs x, S_{t-1}, S, deltas. */
export const gruCellGradWOp: OpDef = {
  name: 'gruCellGradW',
  shape: ([x, s]) => [x[1] + s[1] / 4 + 1, (s[1] / 4) * 3],
  cpu: ([tx, tsp, ts, td], out) => {
    const x = buf(tx), sp = buf(tsp), s = buf(ts), d = buf(td), o = buf(out);
    const B = tx.shape[0], D = tx.shape[1], H = tsp.shape[1] / 4, H3 = 3 * H, H4 = 4 * H, K = D + H + 1;
    // dW = [x | h | 1]^T deltas, then the h rows of the n block again with r h in place of h
    const U = rows(tmp(0, B * K), x, sp, B, D, H, H4, null);
    const dl = tmp(1, B * H3);
    for (let b = 0; b < B; b++) copyRun(d, b * H4, dl, b * H3, H3);
    gemm(U, 0, true, dl, 0, false, o, 0, K, H3, B, false);
    const rh = rows(tmp(0, B * K), x, sp, B, D, H, H4, s);
    const blk = tmp(2, H * H);
    for (let b = 0; b < B; b++) copyRun(d, b * H4 + 2 * H, dl, b * H, H);
    gemmBlock(rh, B, K, D, H, dl, blk);
    for (let k = 0; k < H; k++) copyRun(blk, k * H, o, (D + k) * H3 + 2 * H, H);
  },
  webgpu: (ins) => gruCellGradWWgsl(ins),
  cases: [opCase('gruCellGradW H4', [S(3, 5), S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(3, 16)], (x, sp, s, d) => apply(gruCellGradWOp, [x, sp, s, d], undefined))],
};

/** One GRU step: S_t from x_t [B, D], S_{t-1} [B, 4H] and the packed W [D + H + 1, 3H]. */
export function gruCell(x: Tensor, state: Tensor, w: Tensor): Tensor {
  return apply(gruCellOp, [x, state, w], undefined);
}

// ---- WGSL ----

const FNS = WGSL_ACTIVATION_FNS;

/** One workgroup per batch row (b = workgroup id); its threads stride over the H units. */
function perRow(key: string, B: number, H: number, nInputs: number, body: string): GpuProgram {
  return {
    key,
    workgroups: [B, 1, 1],
    code: () => `${header(nInputs)}${FNS}
var<workgroup> sh: array<f32, ${H}>;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let b = wid.x;
${body}
}`,
  };
}

/** Inputs x0 = x, x1 = S_{t-1}, x2 = W. Phase 1: z, r and r h (shared); phase 2: n and h. */
export function gruCellWgsl([x, sp, w]: readonly Tensor[]): GpuProgram {
  const { B, D, H } = dims(x.shape, sp.shape, w.shape);
  const H3 = 3 * H, H4 = 4 * H;
  return perRow(`gruCell|${B},${D},${H}`, B, H, 3, `
  let r0 = b * ${u(H4)};
  for (var j = lid.x; j < ${u(H)}; j += ${u(WG)}) {
    var az = x2[${u((D + H) * H3)} + j];
    var ar = x2[${u((D + H) * H3 + H)} + j];
    for (var k = 0u; k < ${u(D)}; k++) {
      let v = x0[b * ${u(D)} + k];
      az += v * x2[k * ${u(H3)} + j]; ar += v * x2[k * ${u(H3)} + ${u(H)} + j];
    }
    for (var k = 0u; k < ${u(H)}; k++) {
      let v = x1[r0 + k];
      let r = (${u(D)} + k) * ${u(H3)} + j;
      az += v * x2[r]; ar += v * x2[r + ${u(H)}];
    }
    let z = sig(az);
    let r = sig(ar);
    o[r0 + ${u(H)} + j] = z;
    o[r0 + ${u(2 * H)} + j] = r;
    sh[j] = r * x1[r0 + j];
  }
  workgroupBarrier();
  for (var j = lid.x; j < ${u(H)}; j += ${u(WG)}) {
    var an = x2[${u((D + H) * H3 + 2 * H)} + j];
    for (var k = 0u; k < ${u(D)}; k++) { an += x0[b * ${u(D)} + k] * x2[k * ${u(H3)} + ${u(2 * H)} + j]; }
    for (var k = 0u; k < ${u(H)}; k++) { an += sh[k] * x2[(${u(D)} + k) * ${u(H3)} + ${u(2 * H)} + j]; }
    let n = th(an);
    let h = x1[r0 + j];
    o[r0 + ${u(3 * H)} + j] = n;
    o[r0 + j] = h + o[r0 + ${u(H)} + j] * (n - h);
  }`);
}

/** Inputs x0 = g, x1 = S, x2 = S_{t-1}, x3 = W. Phase 1: dz, dn (shared); phase 2: d(rh), dr. */
export function gruCellGradZWgsl([g, , , w]: readonly Tensor[]): GpuProgram {
  const B = g.shape[0], H = g.shape[1] / 4, H3 = 3 * H, H4 = 4 * H;
  const D = w.shape[0] - H - 1;
  return perRow(`gruCellGradZ|${B},${D},${H}`, B, H, 4, `
  let r0 = b * ${u(H4)};
  for (var j = lid.x; j < ${u(H)}; j += ${u(WG)}) {
    let gh = x0[r0 + j]; let z = x1[r0 + ${u(H)} + j]; let n = x1[r0 + ${u(3 * H)} + j];
    let dn = (gh * z + x0[r0 + ${u(3 * H)} + j]) * (1.0 - n * n);
    sh[j] = dn;
    o[r0 + ${u(2 * H)} + j] = dn;
    o[r0 + j] = (gh * (n - x2[r0 + j]) + x0[r0 + ${u(H)} + j]) * z * (1.0 - z);
  }
  workgroupBarrier();
  for (var k = lid.x; k < ${u(H)}; k += ${u(WG)}) {
    var acc = 0.0;
    let w = (${u(D)} + k) * ${u(H3)} + ${u(2 * H)};
    for (var j = 0u; j < ${u(H)}; j++) { acc += sh[j] * x3[w + j]; }
    let r = x1[r0 + ${u(2 * H)} + k];
    o[r0 + ${u(3 * H)} + k] = acc;
    o[r0 + ${u(H)} + k] = (acc * x2[r0 + k] + x0[r0 + ${u(2 * H)} + k]) * r * (1.0 - r);
  }`);
}

/** Inputs x0 = deltas, x1 = g, x2 = S, x3 = W; one thread per element of [B, 4H]. */
export function gruCellGradStateWgsl([, g, , w]: readonly Tensor[]): GpuProgram {
  const B = g.shape[0], H = g.shape[1] / 4, H3 = 3 * H, H4 = 4 * H;
  const D = w.shape[0] - H - 1;
  return perThread(`gruCellGradState|${B},${D},${H}`, B * H4, 4, `
  let b = i / ${u(H4)};
  let k = i % ${u(H4)};
  if (k >= ${u(H)}) { o[i] = 0.0; return; }
  let r0 = b * ${u(H4)};
  var acc = x1[r0 + k] * (1.0 - x2[r0 + ${u(H)} + k]) + x0[r0 + ${u(3 * H)} + k] * x2[r0 + ${u(2 * H)} + k];
  let w = (${u(D)} + k) * ${u(H3)};
  for (var j = 0u; j < ${u(2 * H)}; j++) { acc += x0[r0 + j] * x3[w + j]; }
  o[i] = acc;`);
}

/** Inputs x0 = x, x1 = S_{t-1}, x2 = S, x3 = deltas; one thread per element of [D + H + 1, 3H]. */
export function gruCellGradWWgsl([x, sp]: readonly Tensor[]): GpuProgram {
  const B = x.shape[0], D = x.shape[1], H = sp.shape[1] / 4, H3 = 3 * H, H4 = 4 * H;
  return perThread(`gruCellGradW|${B},${D},${H}`, (D + H + 1) * H3, 4, `
  let k = i / ${u(H3)};
  let j = i % ${u(H3)};
  var acc = 0.0;
  for (var b = 0u; b < ${u(B)}; b++) {
    var v = 1.0;
    if (k < ${u(D)}) {
      v = x0[b * ${u(D)} + k];
    } else if (k < ${u(D + H)}) {
      v = x1[b * ${u(H4)} + k - ${u(D)}];
      if (j >= ${u(2 * H)}) { v = v * x2[b * ${u(H4)} + ${u(2 * H)} + k - ${u(D)}]; }
    }
    acc += v * x3[b * ${u(H4)} + j];
  }
  o[i] = acc;`);
}
