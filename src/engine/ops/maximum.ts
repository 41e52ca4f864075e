import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import { broadcastMap, broadcastShapes, sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { step } from './step';
import { sub } from './sub';
import { mul } from './mul';
import { unbroadcast } from './unbroadcast';

/** max(a, b); the gradient goes to the larger (neither on ties). Elementwise with NumPy broadcasting. */
export const maximumOp: OpDef = {
  name: 'maximum',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [
    needsGrad(a) ? unbroadcast(mul(g, step(sub(a, b))), a.shape) : null,
    needsGrad(b) ? unbroadcast(mul(g, step(sub(b, a))), b.shape) : null,
  ],
  cpu: ([ta, tb], out) => {
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    const n = o.length;
    if (sameShape(ta.shape, tb.shape)) {
      for (let i = 0; i < n; i++) {
        const a = x[i];
        const b = y[i];
        o[i] = a > b ? a : b;
      }
    } else if (tb.size === 1 && ta.size === n) {
      const b = y[0];
      for (let i = 0; i < n; i++) {
        const a = x[i];
        o[i] = a > b ? a : b;
      }
    } else {
      const ia = broadcastMap(out.shape, ta.shape);
      const ib = broadcastMap(out.shape, tb.shape);
      for (let i = 0; i < n; i++) {
        const a = x[ia[i]];
        const b = y[ib[i]];
        o[i] = a > b ? a : b;
      }
    }
  },
};

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return apply(maximumOp, [lift(a), lift(b)], undefined);
}
