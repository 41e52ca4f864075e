import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import { broadcastMap, broadcastShapes, isTrailing, sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { unbroadcast } from './unbroadcast';

/** a * b. Elementwise with NumPy broadcasting. */
export const mulOp: OpDef = {
  name: 'mul',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [needsGrad(a) ? unbroadcast(mul(g, b), a.shape) : null, needsGrad(b) ? unbroadcast(mul(g, a), b.shape) : null],
  cpu: ([ta, tb], out) => {
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    const n = o.length;
    if (sameShape(ta.shape, tb.shape)) {
      for (let i = 0; i < n; i++) {
        const a = x[i];
        const b = y[i];
        o[i] = a * b;
      }
    } else if (tb.size === 1 && ta.size === n) {
      const b = y[0];
      for (let i = 0; i < n; i++) {
        const a = x[i];
        o[i] = a * b;
      }
    } else if (ta.size === 1 && tb.size === n) {
      const a = x[0];
      for (let i = 0; i < n; i++) {
        const b = y[i];
        o[i] = a * b;
      }
    } else if (ta.size === n && isTrailing(tb.shape, out.shape)) {
      // a bias row repeated down the batch: no index map
      const m = tb.size;
      for (let i = 0, j = 0; i < n; i++) {
        const a = x[i];
        const b = y[j];
        o[i] = a * b;
        if (++j === m) j = 0;
      }
    } else if (tb.size === n && isTrailing(ta.shape, out.shape)) {
      const m = ta.size;
      for (let i = 0, j = 0; i < n; i++) {
        const a = x[j];
        const b = y[i];
        o[i] = a * b;
        if (++j === m) j = 0;
      }
    } else {
      const ia = broadcastMap(out.shape, ta.shape);
      const ib = broadcastMap(out.shape, tb.shape);
      for (let i = 0; i < n; i++) {
        const a = x[ia[i]];
        const b = y[ib[i]];
        o[i] = a * b;
      }
    }
  },
};

export function mul(a: TensorLike, b: TensorLike): Tensor {
  return apply(mulOp, [lift(a), lift(b)], undefined);
}
