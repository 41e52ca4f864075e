import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sign } from './sign';

/** y = |x|; dy/dx = sign(x). Elementwise, any shape. */
export const absOp: OpDef = {
  name: 'abs',
  shape: ([s]) => s,
  vjp: (g, [x]) => [mul(g, sign(x))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = Math.abs(v);
    }
  },
};

export function abs(x: Tensor): Tensor {
  return apply(absOp, [x], undefined);
}
