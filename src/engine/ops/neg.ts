import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';

/** y = -x. Elementwise, any shape. */
export const negOp: OpDef = {
  name: 'neg',
  shape: ([s]) => s,
  vjp: (g, [_x]) => [neg(g)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = -v;
    }
  },
};

export function neg(x: Tensor): Tensor {
  return apply(negOp, [x], undefined);
}
