/**
 * The webgpu kernel of every op in the registry. A Record<OpName, ...> checked
 * with `satisfies`: an op without a kernel here is a compile error.
 */
import type { MatmulAttrs } from '../../ops/matmul';
import type { OpName } from '../../ops';
import type { Conv2dAttrs } from '../../ops/conv2d';
import type { PoolAttrs } from '../../ops/pool';
import { strides } from './program';
import { elementwise, lit, mapProgram, type GpuKernel } from './program';
import { matmulProgram } from './matmul';
import { reduceProgram } from './reduce';
import { recurrentKernels } from './recurrent';
import { wgslSigmoid, wgslTanh } from '../../ops/wgslMath';
import {
  avgPoolGradProgram,
  avgPoolProgram,
  conv2dGradFilterProgram,
  conv2dGradInputProgram,
  conv2dProgram,
  maxPoolGradProgram,
  maxPoolProgram,
} from './conv';

/** An elementwise op whose WGSL body reads the (broadcast) inputs as a, b, c. */
const ew =
  (name: string, body: string): GpuKernel =>
  (ins, out) =>
    elementwise(name, ins, out, body);

const reduce =
  (kind: 'sum' | 'max'): GpuKernel<{ axes: number[] }> =>
  ([x], out, { axes }) =>
    reduceProgram(kind, x, axes, out.size);

export const webgpuKernels = {
  abs: ew('abs', 'abs(a)'),
  add: ew('add', 'a + b'),
  broadcastTo: ew('broadcastTo', 'a'),
  div: ew('div', 'a / b'),
  exp: ew('exp', 'exp(a)'),
  greater: ew('greater', 'select(0.0, 1.0, a > b)'),
  log: ew('log', 'log(a)'),
  matmul: (([a, b], out, { transA, transB }) => matmulProgram(a, b, out, transA, transB)) as GpuKernel<MatmulAttrs>,
  maximum: ew('maximum', 'select(b, a, a > b)'),
  mul: ew('mul', 'a * b'),
  neg: ew('neg', '-a'),
  relu: ew('relu', 'select(0.0, a, a > 0.0)'),
  // the fused backward ops: a = incoming gradient, b = relu's input or the activation's output
  reluGrad: ew('reluGrad', 'select(0.0, a, b > 0.0)'),
  reshape: () => 'copy',
  sigmoid: ew('sigmoid', wgslSigmoid('a')),
  sigmoidGrad: ew('sigmoidGrad', 'a * b * (1.0 - b)'),
  sign: ew('sign', 'sign(a)'),
  sqrt: ew('sqrt', 'sqrt(a)'),
  step: ew('step', 'select(0.0, 1.0, a > 0.0)'),
  sub: ew('sub', 'a - b'),
  sum: reduce('sum'),
  tanh: ew('tanh', wgslTanh('a')),
  // g sech^2 x as the cpu computes it (ops/tanhGrad.ts)
  tanhGrad: ew('tanhGrad', 'a * 4.0 * exp(-2.0 * abs(b)) / ((1.0 + exp(-2.0 * abs(b))) * (1.0 + exp(-2.0 * abs(b))))'),
  // a + s b: the scale is the third input (a tensor), so a learning-rate schedule reuses one kernel
  addScaled: ew('addScaled', 'a + c * b'),
  avgPool2d: (([x], out, a) => avgPoolProgram(x, out, a)) as GpuKernel<PoolAttrs>,
  avgPool2dGrad: (([g], out, a) => avgPoolGradProgram(g, out, a)) as GpuKernel<PoolAttrs>,
  clip: (([x], out, { lo, hi }) =>
    elementwise('clip', [x], out, `select(select(a, ${lit(hi)}, a > ${lit(hi)}), ${lit(lo)}, a < ${lit(lo)})`)) as GpuKernel<{ lo: number; hi: number }>,
  concat: ((xs, out, { axis }) => {
    // one dispatch per piece, each writing its block of the output
    const ost = strides(out.shape);
    let at = 0;
    return xs
      .filter((x) => x.size > 0)
      .map((x) => {
        const offset = at * ost[axis];
        at += x.shape[axis];
        return mapProgram('concat', { shape: [...x.shape], inputs: [{ strides: strides(x.shape) }], out: { strides: ost, offset }, body: 'a' }, [x]);
      });
  }) as GpuKernel<{ axis: number }>,
  conv2d: (([x, w], out, a) => conv2dProgram(x, w, out, a)) as GpuKernel<Conv2dAttrs>,
  conv2dGradFilter: (([x, g], out, a) => conv2dGradFilterProgram(x, g, out, a)) as GpuKernel<Conv2dAttrs>,
  conv2dGradInput: (([g, w], out, a) => conv2dGradInputProgram(g, w, out, a)) as GpuKernel<Conv2dAttrs>,
  equal: ew('equal', 'select(0.0, 1.0, a == b)'),
  leakyRelu: (([x], out, { alpha }) => elementwise('leakyRelu', [x], out, `select(${lit(alpha)} * a, a, a > 0.0)`)) as GpuKernel<{ alpha: number }>,
  max: reduce('max'),
  maxPool2d: (([x], out, a) => maxPoolProgram(x, out, a)) as GpuKernel<PoolAttrs>,
  maxPool2dGrad: (([x, g], out, a) => maxPoolGradProgram(x, g, out, a)) as GpuKernel<PoolAttrs>,
  pad: (([x], out, { paddings, value }) => {
    const st = strides(x.shape);
    const guard = x.shape.map((d, k) => `c${k} >= ${paddings[k][0]}u && c${k} < ${paddings[k][0] + d}u`).join(' && ') || 'true';
    const offset = -x.shape.reduce((s, _d, k) => s + paddings[k][0] * st[k], 0);
    // the index is only evaluated under the guard; u32 arithmetic wraps, so a negative offset is exact
    return mapProgram('pad', { shape: [...out.shape], inputs: [{ strides: st, offset: offset >>> 0, guard, otherwise: value }], body: 'a' });
  }) as GpuKernel<{ paddings: [number, number][]; value: number }>,
  pow: (([x], out, { p }) => elementwise('pow', [x], out, powBody(p))) as GpuKernel<{ p: number }>,
  slice: (([x], out, { begin }) => {
    const st = strides(x.shape);
    const offset = begin.reduce((s, b, k) => s + b * st[k], 0);
    return mapProgram('slice', { shape: [...out.shape], inputs: [{ strides: st, offset }], body: 'a' });
  }) as GpuKernel<{ begin: number[] }>,
  stopGradient: () => 'copy',
  transpose: (([x], out, { perm }) => {
    const st = strides(x.shape);
    return mapProgram('transpose', { shape: [...out.shape], inputs: [{ strides: perm.map((p) => st[p]) }], body: 'a' });
  }) as GpuKernel<{ perm: number[] }>,
  where: ew('where', 'select(c, b, a != 0.0)'),
  ...recurrentKernels,
} satisfies Record<OpName, GpuKernel>;

/** x^p as Math.pow gives it: repeated products for small integer p (exact signs), pow() otherwise. */
function powBody(p: number): string {
  if (p === 0) return '1.0';
  if (Number.isInteger(p) && Math.abs(p) <= 4) {
    const prod = Array.from({ length: Math.abs(p) }, () => 'a').join(' * ');
    return p > 0 ? prod : `1.0 / (${prod})`;
  }
  if (Number.isInteger(p)) {
    const mag = `pow(abs(a), ${lit(Math.abs(p))})`;
    const signed = p % 2 !== 0 ? `sign(a) * ${mag}` : mag;
    return p > 0 ? signed : `1.0 / (${signed})`;
  }
  return `pow(a, ${lit(p)})`;
}
