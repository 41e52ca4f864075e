import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { mul } from './mul';
import { sum } from './sum';
import { wasmEnabled } from '../wasm/enabled';
import { wasmAddScaled } from '../wasm/elementwise';

/**
 * a + s b for a and b of one shape and a scalar s: the optimizers' update
 * (theta - eta g) in one pass. As sub(a, mul(b, s)) it read and wrote every
 * parameter twice and allocated a temporary; on the 784-500-500-10 step that
 * was about a fifth of the step. s is a tensor, not an attribute, so a
 * learning-rate schedule does not compile a new GPU kernel every step.
 */
export const addScaledOp: OpDef = {
  name: 'addScaled',
  shape: ([s, t, u]) => {
    if (!sameShape(s, t)) throw new Error(`addScaled: shapes [${s}] and [${t}] differ`);
    if (u.reduce((p, d) => p * d, 1) !== 1) throw new Error(`addScaled: the scale must be a scalar, got shape [${u}]`);
    return s;
  },
  vjp: (g, [a, b, s]) => [
    needsGrad(a) ? g : null,
    needsGrad(b) ? mul(g, s) : null,
    needsGrad(s) ? sum(mul(g, b)) : null,
  ],
  cpu: ([ta, tb, ts], out) => {
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    // the product rounded to f32 first, as sub(a, mul(b, s)) did and as WGSL does: the same bits as before and on both backends
    const s = buf(ts)[0];
    if (wasmEnabled() && wasmAddScaled(x, y, s, o)) return;
    for (let i = 0; i < o.length; i++) o[i] = x[i] + Math.fround(s * y[i]);
  },
  // the scale is the third input (a tensor), so a learning-rate schedule reuses one kernel
  webgpu: elementwiseKernel('addScaled', 'a + c * b'),
  cases: [opCase('addScaled [4,6] + s [4,6], s scalar', [S(4, 6), S(4, 6), S(1)], (a, b, s) => addScaled(a, b, s))],
};

/** a + s b elementwise (a and b of one shape, s a number or a scalar tensor). */
export function addScaled(a: Tensor, b: Tensor, s: TensorLike): Tensor {
  return apply(addScaledOp, [a, b, lift(s)], undefined);
}
