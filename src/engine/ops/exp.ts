import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';

/** y = e^x; dy/dx = y. Elementwise, any shape. */
export const expOp: OpDef = {
  name: 'exp',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [mul(g, out)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = Math.exp(v);
    }
  },
};

export function exp(x: Tensor): Tensor {
  return apply(expOp, [x], undefined);
}
