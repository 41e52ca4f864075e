import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import { broadcastMap, broadcastShapes, sameShape } from '../shape';
import type { Tensor } from '../tensor';
import { lift, type TensorLike } from './lift';

/** [a == b] as 0/1; no gradient. Elementwise with NumPy broadcasting. */
export const equalOp: OpDef = {
  name: 'equal',
  shape: ([s, t]) => broadcastShapes(s, t),
  cpu: ([ta, tb], out) => {
    const x = buf(ta);
    const y = buf(tb);
    const o = buf(out);
    const n = o.length;
    if (sameShape(ta.shape, tb.shape)) {
      for (let i = 0; i < n; i++) o[i] = x[i] === y[i] ? 1 : 0;
    } else {
      const ia = broadcastMap(out.shape, ta.shape);
      const ib = broadcastMap(out.shape, tb.shape);
      for (let i = 0; i < n; i++) o[i] = x[ia[i]] === y[ib[i]] ? 1 : 0;
    }
  },
};

export function equal(a: TensorLike, b: TensorLike): Tensor {
  return apply(equalOp, [lift(a), lift(b)], undefined);
}
