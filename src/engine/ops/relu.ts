import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { reluGrad } from './reluGrad';

/** y = max(0, x); dy/dx = [x > 0]. Elementwise, any shape. */
export const reluOp: OpDef = {
  name: 'relu',
  shape: ([s]) => s,
  vjp: (g, [x]) => [reluGrad(g, x)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v > 0 ? v : 0;
    }
  },
};


export function relu(x: Tensor): Tensor {
  return apply(reluOp, [x], undefined);
}
