import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sub } from './sub';

/** y = 1/(1+e^-x), computed stably; dy/dx = y(1-y). Elementwise, any shape. */
export const sigmoidOp: OpDef = {
  name: 'sigmoid',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [g.backend.name === 'cpu' ? apply(sigmoidGradOp, [g, out], undefined) : mul(g, mul(out, sub(1, out)))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      o[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
  },
};

/** cpu-only fused backward op of sigmoid: g y (1 - y) from g and y = sigma(x). */
export const sigmoidGradOp: OpDef = {
  name: 'sigmoidGrad',
  shape: ([s]) => s,
  vjp: (gg, [_g, y]) => [mul(gg, mul(y, sub(1, y))), null],
  cpu: ([tg, ty], out) => {
    const g = buf(tg);
    const y = buf(ty);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = y[i];
      o[i] = g[i] * v * (1 - v);
    }
  },
};

export function sigmoid(x: Tensor): Tensor {
  return apply(sigmoidOp, [x], undefined);
}
