import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';

/** sign(x) in {-1, 0, 1}; no gradient. Elementwise, any shape. */
export const signOp: OpDef = {
  name: 'sign',
  shape: ([s]) => s,
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
    }
  },
};

export function sign(x: Tensor): Tensor {
  return apply(signOp, [x], undefined);
}
