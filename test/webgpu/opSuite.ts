/**
 * One op suite for both backends (as tfjs runs one suite on ALL_ENVS): every
 * op in the registry, forward and gradient, computed on the cpu and on the
 * backend under test from the same seeded inputs, compared elementwise.
 * Pure engine code, no test framework: Vitest (Node, Dawn) and the headless
 * Chromium page both run it. The table is a Record<OpName, ...>: an op with no
 * case is a compile error.
 */
import * as E from '../../src/engine';
import type { Backend } from '../../src/engine/backend';
import { apply } from '../../src/engine/engine';
import { ops, type OpName } from '../../src/engine/ops';
import { avgPool2dGradOp, maxPool2dGradOp } from '../../src/engine/ops/pool';
import type { Tensor } from '../../src/engine/tensor';
import { lstmCellGradStateOp, lstmCellGradWOp, lstmCellGradZOp } from '../../src/engine/ops/lstmCell';
import { gruCellGradStateOp, gruCellGradWOp, gruCellGradZOp } from '../../src/engine/ops/gruCell';

/** Default tolerance: |gpu - cpu| <= TOL * max(1, |cpu|) per element (relative above 1, absolute below). */
export const TOL = 1e-4;

interface In {
  shape: number[];
  lo?: number;
  hi?: number;
  /** Rounds values to multiples of 0.5 so that ties and equalities occur. */
  coarse?: boolean;
  /** Keeps |x| >= 0.05, away from the kinks of relu, abs, step, sign. */
  awayFromZero?: boolean;
}

export interface OpCase {
  label: string;
  inputs: In[];
  f: (...xs: Tensor[]) => Tensor;
  /** Overrides TOL, with the reason in `why`. */
  tol?: number;
  why?: string;
}

const c = (label: string, inputs: In[], f: (...xs: Tensor[]) => Tensor, extra: Partial<OpCase> = {}): OpCase => ({ label, inputs, f, ...extra });
const S = (...shape: number[]): In => ({ shape });
const pos = (...shape: number[]): In => ({ shape, lo: 0.5, hi: 2 });
const nz = (...shape: number[]): In => ({ shape, awayFromZero: true });

const binaryShapes: [number[], number[]][] = [
  [[3, 5], [3, 5]],
  [[1, 7], [7]],
  [[4, 3], [4, 1]],
  [[2, 3], []],
  [[5], [2, 1, 5]],
];
const binary = (name: string, f: (a: Tensor, b: Tensor) => Tensor, b?: Partial<In>): OpCase[] =>
  binaryShapes.map(([sa, sb]) => c(`${name} [${sa}] [${sb}]`, [{ shape: sa }, { shape: sb, ...b }], f));
const unary = (name: string, f: (a: Tensor) => Tensor, make: (...s: number[]) => In = S): OpCase[] => [
  c(`${name} [3,5]`, [make(3, 5)], f),
  c(`${name} [1000]`, [make(1000)], f),
  c(`${name} []`, [make()], f),
];

const conv = { stride: [1, 1] as [number, number], pad: [1, 1] as [number, number], dilation: [1, 1] as [number, number] };
const convS2 = { stride: [2, 2] as [number, number], pad: [0, 1] as [number, number], dilation: [1, 2] as [number, number] };
const pool22 = { size: [2, 2] as [number, number], stride: [2, 2] as [number, number] };
const pool31 = { size: [3, 2] as [number, number], stride: [1, 2] as [number, number] };

export const opCases = {
  abs: unary('abs', E.abs, nz),
  add: binary('add', E.add),
  broadcastTo: [c('broadcastTo [3,1]->[2,3,4]', [S(3, 1)], (x) => E.broadcastTo(x, [2, 3, 4])), c('broadcastTo []->[5]', [S()], (x) => E.broadcastTo(x, [5]))],
  div: binary('div', E.div, { lo: 0.5, hi: 1.5 }),
  exp: unary('exp', E.exp),
  greater: [c('greater [3,5] [5]', [{ shape: [3, 5], coarse: true }, { shape: [5], coarse: true }], E.greater)],
  log: unary('log', E.log, pos),
  matmul: [
    c('matmul [3,4]x[4,5]', [S(3, 4), S(4, 5)], (a, b) => E.matmul(a, b)),
    c('matmul [1,33]x[33,17]', [S(1, 33), S(33, 17)], (a, b) => E.matmul(a, b)),
    c('matmul tA [20,18]^T x[20,9]', [S(20, 18), S(20, 9)], (a, b) => E.matmul(a, b, true, false)),
    c('matmul tB [7,40]x[19,40]^T', [S(7, 40), S(19, 40)], (a, b) => E.matmul(a, b, false, true)),
    c('matmul tA tB [16,5]^T x[3,16]^T', [S(16, 5), S(3, 16)], (a, b) => E.matmul(a, b, true, true)),
    c('matmul [64,100]x[100,48]', [S(64, 100), S(100, 48)], (a, b) => E.matmul(a, b)),
  ],
  maximum: binary('maximum', E.maximum),
  mul: binary('mul', E.mul),
  neg: unary('neg', E.neg),
  relu: unary('relu', E.relu, nz),
  reluGrad: [c('reluGrad [6,5]', [S(6, 5), nz(6, 5)], E.reluGrad), c('reluGrad [1000]', [S(1000), nz(1000)], E.reluGrad)],
  reshape: [c('reshape [2,6]->[3,-1]', [S(2, 6)], (x) => E.reshape(x, [3, -1]))],
  sigmoid: [...unary('sigmoid', E.sigmoid), c('sigmoid wide [50]', [{ shape: [50], lo: -30, hi: 30 }], E.sigmoid)],
  sigmoidGrad: [c('sigmoidGrad [6,5]', [S(6, 5), { shape: [6, 5], lo: 0.02, hi: 0.98 }], E.sigmoidGrad), c('sigmoidGrad []', [S(), { shape: [], lo: 0.02, hi: 0.98 }], E.sigmoidGrad)],
  sign: [c('sign [4,4]', [{ shape: [4, 4], coarse: true }], E.sign)],
  sqrt: unary('sqrt', E.sqrt, pos),
  step: [c('step [4,4]', [{ shape: [4, 4], coarse: true }], E.step)],
  sub: binary('sub', E.sub),
  sum: [
    c('sum all [3,5]', [S(3, 5)], (x) => E.sum(x)),
    c('sum all [5000]', [S(5000)], (x) => E.sum(x)),
    c('sum axis 0 [40,3]', [S(40, 3)], (x) => E.sum(x, [0])),
    c('sum axis 1 keep [4,70]', [S(4, 70)], (x) => E.sum(x, [1], true)),
    c('sum axes 0,2 [6,2,9]', [S(6, 2, 9)], (x) => E.sum(x, [0, 2])),
    c('sum axis 1 as a number [5,6]', [S(5, 6)], (x) => E.sum(x, 1)),
  ],
  tanhGrad: [c('tanhGrad [6,5]', [S(6, 5), { shape: [6, 5], lo: -3, hi: 3 }], E.tanhGrad), c('tanhGrad [1000] saturated', [S(1000), { shape: [1000], lo: -12, hi: 12 }], E.tanhGrad)],
  tanh: [...unary('tanh', E.tanh), c('tanh wide [50]', [{ shape: [50], lo: -30, hi: 30 }], E.tanh)],
  avgPool2d: [c('avgPool2d 2x2 [2,3,6,6]', [S(2, 3, 6, 6)], (x) => E.avgPool2d(x, 2)), c('avgPool2d 3x2 s1,2 [1,2,7,6]', [S(1, 2, 7, 6)], (x) => E.avgPool2d(x, [3, 2], [1, 2]))],
  avgPool2dGrad: [c('avgPool2dGrad 3x2 s1,2', [S(1, 2, 5, 3)], (g) => apply(avgPool2dGradOp, [g], { ...pool31, xShape: [1, 2, 7, 6] }))],
  clip: [c('clip [-0.5, 0.25] [6,7]', [nz(6, 7)], (x) => E.clip(x, -0.5, 0.25))],
  concat: [
    c('concat axis 0', [S(2, 3), S(4, 3)], (a, b) => E.concat([a, b], 0)),
    c('concat axis 1 of 3', [S(2, 3, 2), S(2, 1, 2), S(2, 4, 2)], (a, b, d) => E.concat([a, b, d], 1)),
    c('concat axis -1', [S(3, 2), S(3, 5)], (a, b) => E.concat([a, b], -1)),
  ],
  conv2d: [
    c('conv2d 3x3 pad 1 [2,3,6,5]*[4,3,3,3]', [S(2, 3, 6, 5), S(4, 3, 3, 3)], (x, w) => E.conv2d(x, w, { pad: 1 })),
    c('conv2d stride 2 pad 0,1 dil 1,2 [1,2,9,8]*[3,2,3,2]', [S(1, 2, 9, 8), S(3, 2, 3, 2)], (x, w) => E.conv2d(x, w, convS2)),
  ],
  conv2dGradFilter: [c('conv2dGradFilter pad 1', [S(3, 2, 5, 5), S(3, 4, 5, 5)], (x, g) => E.conv2dGradFilter(x, g, [4, 2, 3, 3], conv))],
  conv2dGradInput: [c('conv2dGradInput stride 2', [S(1, 3, 4, 3), S(3, 2, 3, 2)], (g, w) => E.conv2dGradInput(g, w, [1, 2, 9, 8], convS2))],
  addScaled: [c('addScaled [4,6] + s [4,6], s scalar', [S(4, 6), S(4, 6), S(1)], (a, b, s) => E.addScaled(a, b, s))],
  equal: [c('equal [3,5] [3,1]', [{ shape: [3, 5], coarse: true }, { shape: [3, 1], coarse: true }], E.equal)],
  leakyRelu: [c('leakyRelu 0.1 [5,5]', [nz(5, 5)], (x) => E.leakyRelu(x, 0.1))],
  max: [
    c('max all [3,5]', [S(3, 5)], (x) => E.max(x)),
    c('max axis 1 [4,70]', [S(4, 70)], (x) => E.max(x, [1])),
    c('max axis 0 keep [6,3]', [S(6, 3)], (x) => E.max(x, [0], true)),
    c('max axis -1 as a number [4,7]', [S(4, 7)], (x) => E.max(x, -1)),
  ],
  maxPool2d: [c('maxPool2d 2x2 [2,3,6,6]', [S(2, 3, 6, 6)], (x) => E.maxPool2d(x, 2)), c('maxPool2d 3x2 s1,2 overlapping [1,2,7,6]', [S(1, 2, 7, 6)], (x) => E.maxPool2d(x, [3, 2], [1, 2]))],
  maxPool2dGrad: [c('maxPool2dGrad 2x2', [S(2, 3, 6, 6), S(2, 3, 3, 3)], (x, g) => apply(maxPool2dGradOp, [x, g], pool22))],
  pad: [c('pad [[1,2],[0,3]] value 0.5', [S(3, 4)], (x) => E.pad(x, [[1, 2], [0, 3]], 0.5)), c('pad 3-d', [S(2, 1, 3)], (x) => E.pad(x, [[0, 1], [2, 0], [1, 1]]))],
  pow: [c('pow 2', [S(4, 4)], (x) => E.pow(x, 2)), c('pow 3', [S(4, 4)], (x) => E.pow(x, 3)), c('pow -1', [pos(4, 4)], (x) => E.pow(x, -1)), c('pow 0.5', [pos(4, 4)], (x) => E.pow(x, 0.5)), c('pow 1.7', [pos(9)], (x) => E.pow(x, 1.7))],
  slice: [c('slice [1:3, 2:]', [S(4, 6)], (x) => E.slice(x, [1, 2], [2, -1])), c('slice 3-d', [S(3, 4, 5)], (x) => E.slice(x, [1, 0, 2], [2, 3, 2]))],
  stopGradient: [c('stopGradient', [S(3, 3)], E.stopGradient)],
  transpose: [c('transpose 2-d', [S(5, 3)], (x) => E.transpose(x)), c('transpose [0,2,1,3]', [S(2, 3, 4, 2)], (x) => E.transpose(x, [0, 2, 1, 3]))],
  where: [c('where broadcast', [{ shape: [3, 4], coarse: true }, S(3, 4), S(4)], (cond, a, b) => E.where(E.greater(cond, 0), a, b))],
  // fused recurrent cells: B, D, H = 3, 5, 4 and 2, 3, 70 (more units than a workgroup's threads)
  lstmCell: [c('lstmCell B3 D5 H4', [S(3, 5), S(3, 24), S(10, 16)], E.lstmCell), c('lstmCell B2 D3 H70', [S(2, 3), S(2, 420), S(74, 280)], E.lstmCell)],
  // the backward reads tanh(c_t) as h_t / o_t (the CPU kernel) or tanh(c_t) (WGSL): equal only on a state the forward made, so S comes from lstmCell
  lstmCellGradZ: [c('lstmCellGradZ H4', [S(3, 24), S(3, 5), S(3, 24), S(10, 16)], (g, x, sp, w) => apply(lstmCellGradZOp, [g, E.lstmCell(x, sp, w), sp], undefined))],
  lstmCellGradState: [c('lstmCellGradState H4', [S(3, 16), S(3, 24), S(3, 5), S(3, 24), S(10, 16)], (dz, g, x, sp, w) => apply(lstmCellGradStateOp, [dz, g, E.lstmCell(x, sp, w), w], undefined))],
  lstmCellGradW: [c('lstmCellGradW H4', [S(3, 5), S(3, 24), S(3, 16)], (x, sp, dz) => apply(lstmCellGradWOp, [x, sp, dz], undefined))],
  gruCell: [c('gruCell B3 D5 H4', [S(3, 5), S(3, 16), S(10, 12)], E.gruCell), c('gruCell B2 D3 H70', [S(2, 3), S(2, 280), S(74, 210)], E.gruCell)],
  gruCellGradZ: [
    c('gruCellGradZ H4', [S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(3, 16), S(10, 12)], (g, s, sp, w) => apply(gruCellGradZOp, [g, s, sp, w], undefined)),
    c('gruCellGradZ H70', [S(2, 280), { shape: [2, 280], lo: 0.1, hi: 0.9 }, S(2, 280), S(74, 210)], (g, s, sp, w) => apply(gruCellGradZOp, [g, s, sp, w], undefined)),
  ],
  gruCellGradState: [c('gruCellGradState H4', [S(3, 16), S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(10, 12)], (d, g, s, w) => apply(gruCellGradStateOp, [d, g, s, w], undefined))],
  gruCellGradW: [c('gruCellGradW H4', [S(3, 5), S(3, 16), { shape: [3, 16], lo: 0.1, hi: 0.9 }, S(3, 16)], (x, sp, s, d) => apply(gruCellGradWOp, [x, sp, s, d], undefined))],
} satisfies Record<OpName, OpCase[]>;

function values(inp: In, seed: number): Float32Array {
  const r = new E.Rng(seed);
  const n = inp.shape.reduce((a, b) => a * b, 1);
  const lo = inp.lo ?? -1;
  const hi = inp.hi ?? 1;
  return Float32Array.from({ length: n }, () => {
    let v = r.uniform(lo, hi);
    if (inp.coarse) v = Math.round(v * 2) / 2;
    if (inp.awayFromZero && Math.abs(v) < 0.05) v = 0.3;
    return v;
  });
}

/** Forward values and gradients of sum(f(x) * R) (R a seeded random projection) on `backend`. */
export async function evalCase(backend: Backend, oc: OpCase, withGrad: boolean, seed = 1): Promise<Float32Array[]> {
  const prev = E.getBackend();
  E.setBackend(backend);
  try {
    const outs = E.tidy(() => {
      const xs = oc.inputs.map((inp, k) => {
        const t = E.tensor(values(inp, seed + 17 * k), inp.shape);
        t.requiresGrad = true;
        return t;
      });
      if (!withGrad) return [oc.f(...xs)];
      const { result, tape } = E.record(() => {
        const y = oc.f(...xs);
        const R = E.tensor(values({ shape: [...y.shape] }, seed + 99), y.shape);
        return { y, L: E.sum(E.mul(y, R)) };
      });
      const gs = E.gradients(tape, result.L, xs);
      return [result.y, ...gs.map((g, k) => g ?? E.zeros(xs[k].shape))];
    });
    const vals = await Promise.all(outs.map((t) => t.read()));
    for (const t of outs) t.dispose();
    return vals;
  } finally {
    E.setBackend(prev);
  }
}

export interface CaseResult {
  op: OpName;
  label: string;
  /** "forward" or "grad k" */
  part: string;
  /** max over elements of |gpu - cpu| / max(1, |cpu|) */
  err: number;
  tol: number;
  ok: boolean;
  message?: string;
}

export function compare(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (a[i] === b[i]) continue; // equal infinities
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]));
    if (!Number.isFinite(e)) return Infinity; // NaN or inf on one side only
    if (e > worst) worst = e;
  }
  return worst;
}

/** Runs every case on the cpu and on `backend`; one result per forward and per input gradient. */
export async function runOpSuite(
  backend: Backend,
  only?: (op: OpName) => boolean,
  /** Gives a new backend after a case left this one unusable (a failed pipeline), so one failure does not hide the rest. */
  fresh?: () => Promise<Backend>,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [op, cases] of Object.entries(opCases) as [OpName, OpCase[]][]) {
    if (only && !only(op)) continue;
    const withGrad = !!(ops[op] as { vjp?: unknown }).vjp;
    for (const oc of cases) {
      const tol = oc.tol ?? TOL;
      try {
        const ref = await evalCase(E.cpuBackend, oc, withGrad);
        const got = await evalCase(backend, oc, withGrad);
        ref.forEach((r, k) => {
          const err = compare(r, got[k]);
          results.push({ op, label: oc.label, part: k === 0 ? 'forward' : `grad ${k - 1}`, err, tol, ok: err <= tol });
        });
      } catch (e) {
        results.push({ op, label: oc.label, part: 'run', err: Infinity, tol, ok: false, message: e instanceof Error ? e.message : String(e) });
        if (fresh) backend = await fresh();
      }
    }
  }
  return results;
}
