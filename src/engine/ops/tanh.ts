import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sub } from './sub';

/** y = tanh x; dy/dx = 1 - y^2. Elementwise, any shape. */
export const tanhOp: OpDef = {
  name: 'tanh',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [mul(g, sub(1, mul(out, out)))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = Math.tanh(v);
    }
  },
};

export function tanh(x: Tensor): Tensor {
  return apply(tanhOp, [x], undefined);
}
