import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { div } from './div';

/** y = ln x; dy/dx = 1/x. Elementwise, any shape. */
export const logOp: OpDef = {
  name: 'log',
  shape: ([s]) => s,
  vjp: (g, [x]) => [div(g, x)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = Math.log(v);
    }
  },
};

export function log(x: Tensor): Tensor {
  return apply(logOp, [x], undefined);
}
