import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { greater } from './greater';
import { buf, type OpDef } from '../op';
import { broadcastMap, broadcastShapes, sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { unbroadcast } from './unbroadcast';

/** cond != 0 ? a : b, with NumPy broadcasting of all three; the gradient goes to the chosen side, none to cond. */
export const whereOp: OpDef = {
  name: 'where',
  shape: ([c, a, b]) => broadcastShapes(c, broadcastShapes(a, b)),
  vjp: (g, [c, a, b]) => [null, needsGrad(a) ? unbroadcast(where(c, g, 0), a.shape) : null, needsGrad(b) ? unbroadcast(where(c, 0, g), b.shape) : null],
  cpu: ([tc, ta, tb], out) => {
    const c = buf(tc);
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    const n = o.length;
    if (sameShape(tc.shape, out.shape) && sameShape(ta.shape, out.shape) && sameShape(tb.shape, out.shape)) {
      for (let i = 0; i < n; i++) o[i] = c[i] !== 0 ? x[i] : y[i];
      return;
    }
    const ic = broadcastMap(out.shape, tc.shape);
    const ia = broadcastMap(out.shape, ta.shape);
    const ib = broadcastMap(out.shape, tb.shape);
    for (let i = 0; i < n; i++) o[i] = c[ic[i]] !== 0 ? x[ia[i]] : y[ib[i]];
  },
  webgpu: elementwiseKernel('where', 'select(c, b, a != 0.0)'),
  cases: [
    opCase('where broadcast', [{ shape: [3, 4], coarse: true }, S(3, 4), S(4)], (cond, a, b) => where(greater(cond, 0), a, b), {
      noGradCheck: [0],
      why: 'the condition is a 0/1 mask of coarse values; a step of h moves values at 0 across it',
    }),
  ],
};

/** Elementwise select: cond ? a : b. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  return apply(whereOp, [cond, lift(a), lift(b)], undefined);
}
