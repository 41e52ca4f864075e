import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { step } from './step';

/** y = max(0, x); dy/dx = [x > 0]. Elementwise, any shape. */
export const reluOp: OpDef = {
  name: 'relu',
  shape: ([s]) => s,
  vjp: (g, [x]) => [g.backend.name === 'cpu' ? apply(reluGradOp, [g, x], undefined) : mul(g, step(x))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v > 0 ? v : 0;
    }
  },
};

/** cpu-only fused backward op of relu: g [x > 0] from g and x. */
export const reluGradOp: OpDef = {
  name: 'reluGrad',
  shape: ([s]) => s,
  vjp: (gg, [_g, x]) => [mul(gg, step(x)), null],
  cpu: ([tg, tx], out) => {
    const g = buf(tg);
    const x = buf(tx);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) o[i] = x[i] > 0 ? g[i] : 0;
  },
};

export function relu(x: Tensor): Tensor {
  return apply(reluOp, [x], undefined);
}
