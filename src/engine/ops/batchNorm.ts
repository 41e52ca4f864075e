/**
 * Batch normalization (Ioffe & Szegedy 2015; Goodfellow et al. 8.7.1) as two
 * ops and a function of them. With the statistics over `axes` (the batch for
 * a dense layer's [B, F]; batch and both spatial axes for NCHW channels):
 *   mu = mean_axes(x)                      (the `mean` composite)
 *   var = mean_axes((x - mu)^2)            (batchVariance, biased)
 *   y = gamma (x - mu) / sqrt(var + eps) + beta   (batchNorm)
 * Each op's vjp gives the partial derivatives in all of its inputs, mu and var
 * included, so autodiff carries the gradient through the batch statistics:
 * the full batch-norm backward, dx = (gamma r)(g - mean(g) - x^ mean(g x^)).
 * The axes not reduced must be contiguous (x viewed as [outer, C, inner]);
 * gamma, beta, mu and var have the shape of those axes.
 */
import { apply } from '../engine';
import { grid, header, lit, perThread, TREE_PART, treeReduce, u, WG, type GpuProgram } from '../backends/webgpu/program';
import { buf, type OpDef } from '../op';
import { opCase, pos, S } from '../opCase';
import { normAxes, sameShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { add } from './add';
import { mean } from './composite';
import { needsGrad } from './lift';
import { mul } from './mul';
import { neg } from './neg';
import { pow } from './pow';
import { reshape } from './reshape';
import { sub } from './sub';
import { sum } from './sum';

export interface BatchNormAttrs {
  /** Reduced axes, sorted. */
  axes: number[];
  eps: number;
}

/** x as [outer, C, inner]: C spans the kept axes, which must be contiguous. */
function view(shape: Shape, axes: readonly number[]): { outer: number; C: number; inner: number; stats: number[] } {
  const kept = shape.map((_, k) => k).filter((k) => !axes.includes(k));
  if (kept.some((k, j) => j > 0 && k !== kept[j - 1] + 1)) throw new Error(`batchNorm: the axes not normalized over ([${kept}] of [${shape}]) must be contiguous`);
  const prod = (a: number, b: number) => a * b;
  const first = kept.length ? kept[0] : shape.length;
  const last = kept.length ? kept[kept.length - 1] + 1 : shape.length;
  return {
    outer: shape.slice(0, first).reduce(prod, 1),
    C: shape.slice(first, last).reduce(prod, 1),
    inner: shape.slice(last).reduce(prod, 1),
    stats: kept.map((k) => shape[k]),
  };
}

/** The statistics' shape with the reduced axes kept as 1 (they broadcast against x). */
const keptShape = (shape: Shape, axes: readonly number[]): number[] => shape.map((d, k) => (axes.includes(k) ? 1 : d));

function checkStats(name: string, what: string, s: Shape, want: readonly number[]): void {
  if (!sameShape(s, want)) throw new Error(`${name}: ${what} has shape [${s}], not [${want}]`);
}

/** var_c = (1/m) sum over channel c of (x - mu_c)^2 (biased). Inputs [x, mu]. */
export const batchVarianceOp: OpDef<{ axes: number[] }> = {
  name: 'batchVariance',
  shape: ([x, mu], { axes }) => {
    const { stats } = view(x, axes);
    checkStats('batchVariance', 'the mean', mu, stats);
    return stats;
  },
  // d/dx = 2 (x - mu) g / m; d/dmu = -2 g sum(x - mu) / m (zero at the true mean, not for any mu)
  vjp: (g, [x, mu], _out, { axes }) => {
    const ks = keptShape(x.shape, axes);
    const m = x.size / Math.max(1, mu.size);
    const xc = sub(x, reshape(mu, ks));
    return [needsGrad(x) ? mul(xc, reshape(mul(g, 2 / m), ks)) : null, needsGrad(mu) ? mul(sum(xc, axes), mul(g, -2 / m)) : null];
  },
  cpu: ([tx, tmu], out, { axes }) => {
    const x = buf(tx);
    const mu = buf(tmu);
    const { outer, C, inner } = view(tx.shape, axes);
    const acc = new Float64Array(C);
    for (let o = 0, i = 0; o < outer; o++) {
      for (let c = 0; c < C; c++) {
        const mc = mu[c];
        let s = 0;
        for (const e = i + inner; i < e; i++) s += (x[i] - mc) * (x[i] - mc);
        acc[c] += s;
      }
    }
    const o = buf(out);
    const m = outer * inner;
    for (let c = 0; c < C; c++) o[c] = m > 0 ? acc[c] / m : 0;
  },
  webgpu: ([x], out, { axes }) => varianceProgram(x, out, axes),
  cases: [
    opCase('batchVariance [6,4] axis 0', [S(6, 4), S(4)], (x, mu) => apply(batchVarianceOp, [x, mu], { axes: [0] })),
    opCase('batchVariance NCHW [2,3,4,5] axes 0,2,3', [S(2, 3, 4, 5), S(3)], (x, mu) => apply(batchVarianceOp, [x, mu], { axes: [0, 2, 3] })),
    opCase('batchVariance [300,2] axis 0 (more rows than a workgroup)', [S(300, 2), S(2)], (x, mu) => apply(batchVarianceOp, [x, mu], { axes: [0] })),
  ],
};

/** One workgroup per channel; its WG threads stride over the channel's m values, then a tree. Inputs x0 = x, x1 = mu. */
function varianceProgram(x: Tensor, out: Tensor, axes: readonly number[]): GpuProgram {
  const { outer, C, inner } = view(x.shape, axes);
  const m = outer * inner;
  const { workgroups, rowStride } = grid(C, 1);
  return {
    key: `batchVariance|${x.shape}|${axes}`,
    workgroups,
    code: () => `${header(2)}
${TREE_PART}
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let c = wid.x + wid.y * ${u(rowStride)};
  if (c >= ${u(C)}) { return; }
  let mc = x1[c];
  var acc = 0.0;
  for (var r = lid.x; r < ${u(m)}; r += ${u(WG)}) {
    let d = x0[((r / ${u(inner)}) * ${u(C)} + c) * ${u(inner)} + r % ${u(inner)}] - mc;
    acc = acc + d * d;
  }
${treeReduce()}
  if (lid.x == 0u) { o[c] = part[0] / ${lit(Math.max(m, 1))}; }
}`,
  };
}

/** y = gamma (x - mu) / sqrt(var + eps) + beta per channel. Inputs [x, mu, var, gamma, beta]. */
export const batchNormOp: OpDef<BatchNormAttrs> = {
  name: 'batchNorm',
  shape: ([x, mu, v, gamma, beta], { axes }) => {
    const { stats } = view(x, axes);
    checkStats('batchNorm', 'the mean', mu, stats);
    checkStats('batchNorm', 'the variance', v, stats);
    checkStats('batchNorm', 'gamma', gamma, stats);
    checkStats('batchNorm', 'beta', beta, stats);
    return x;
  },
  vjp: (g, [x, mu, v, gamma, beta], _out, { axes, eps }) => {
    const ks = keptShape(x.shape, axes);
    const r = pow(add(v, eps), -0.5); // 1 / sqrt(var + eps)
    const gr = mul(gamma, r);
    const xc = needsGrad(v) || needsGrad(gamma) ? sub(x, reshape(mu, ks)) : null;
    return [
      needsGrad(x) ? mul(g, reshape(gr, ks)) : null,
      needsGrad(mu) ? neg(mul(sum(g, axes), gr)) : null,
      // d/dvar = sum(g (x - mu)) gamma (-1/2) r^3
      needsGrad(v) ? mul(sum(mul(g, xc!), axes), mul(mul(gr, mul(r, r)), -0.5)) : null,
      needsGrad(gamma) ? sum(mul(mul(g, xc!), reshape(r, ks)), axes) : null,
      needsGrad(beta) ? sum(g, axes) : null,
    ];
  },
  cpu: ([tx, tmu, tv, tg, tb], out, { axes, eps }) => {
    const x = buf(tx);
    const mu = buf(tmu);
    const v = buf(tv);
    const gamma = buf(tg);
    const beta = buf(tb);
    const y = buf(out);
    const { outer, C, inner } = view(tx.shape, axes);
    for (let o = 0, i = 0; o < outer; o++) {
      for (let c = 0; c < C; c++) {
        const mc = mu[c];
        const a = gamma[c] / Math.sqrt(v[c] + eps);
        const b = beta[c];
        for (const e = i + inner; i < e; i++) y[i] = (x[i] - mc) * a + b;
      }
    }
  },
  webgpu: ([x], out, { axes, eps }) => {
    const { C, inner } = view(x.shape, axes);
    return perThread(
      `batchNorm|${x.shape}|${axes}|${eps}`,
      out.size,
      5,
      `  let c = (i / ${u(inner)}) % ${u(C)};
  o[i] = (x0[i] - x1[c]) * (x3[c] / sqrt(x2[c] + ${lit(eps)})) + x4[c];`,
    );
  },
  cases: [
    opCase('batchNorm op [6,4] axis 0', [S(6, 4), S(4), pos(4), S(4), S(4)], (x, mu, v, g, b) => apply(batchNormOp, [x, mu, v, g, b], { axes: [0], eps: 1e-5 })),
    opCase('batchNorm op NCHW [2,3,4,5] axes 0,2,3', [S(2, 3, 4, 5), S(3), pos(3), S(3), S(3)], (x, mu, v, g, b) =>
      apply(batchNormOp, [x, mu, v, g, b], { axes: [0, 2, 3], eps: 1e-3 }),
    ),
    // the whole function: the gradient in x through the batch statistics
    opCase('batchNorm with batch statistics [8,5]', [S(8, 5), pos(5), S(5)], (x, g, b) => batchNorm(x, g, b, { axes: [0] }).y),
    opCase('batchNorm with batch statistics NCHW [3,2,3,4]', [S(3, 2, 3, 4), pos(2), S(2)], (x, g, b) => batchNorm(x, g, b, { axes: [0, 2, 3] }).y),
  ],
};

export interface BatchNormOptions {
  /** Axes the statistics are taken over: [0] for [B, F] (the default), [0, 2, 3] for NCHW channels. */
  axes?: number[];
  /** Added to the variance under the root (default 1e-5). */
  eps?: number;
}

/**
 * Training-mode batch normalization: the normalized output and the batch
 * statistics it used (shaped like gamma; the biased variance), which a layer
 * folds into its running averages. Gradients flow through all three.
 */
export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, { axes = [0], eps = 1e-5 }: BatchNormOptions = {}): { y: Tensor; mean: Tensor; variance: Tensor } {
  const ax = [...normAxes(axes, x.shape.length)].sort((a, b) => a - b);
  const mu = mean(x, ax);
  const variance = apply(batchVarianceOp, [x, mu], { axes: ax });
  return { y: apply(batchNormOp, [x, mu, variance, gamma, beta], { axes: ax, eps }), mean: mu, variance };
}

/** Normalization with given statistics (inference: the running averages). */
export function batchNormWith(x: Tensor, mu: Tensor, variance: Tensor, gamma: Tensor, beta: Tensor, { axes = [0], eps = 1e-5 }: BatchNormOptions = {}): Tensor {
  const ax = [...normAxes(axes, x.shape.length)].sort((a, b) => a - b);
  return apply(batchNormOp, [x, mu, variance, gamma, beta], { axes: ax, eps });
}
