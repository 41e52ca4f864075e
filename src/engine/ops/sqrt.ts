import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { div } from './div';
import { mul } from './mul';

/** y = sqrt(x); dy/dx = 1/(2y). Elementwise, any shape. */
export const sqrtOp: OpDef = {
  name: 'sqrt',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [div(g, mul(2, out))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = Math.sqrt(v);
    }
  },
};

export function sqrt(x: Tensor): Tensor {
  return apply(sqrtOp, [x], undefined);
}
