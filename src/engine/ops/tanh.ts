import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sub } from './sub';

/** y = tanh x; dy/dx = 1 - y^2. Elementwise, any shape. */
export const tanhOp: OpDef = {
  name: 'tanh',
  shape: ([s]) => s,
  vjp: (g, [_x], out) => [g.backend.name === 'cpu' ? apply(tanhGradOp, [g, out], undefined) : mul(g, sub(1, mul(out, out)))],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = x[i];
      // 1 - 2 / (e^{2v} + 1) is exact at both tails and costs one exp (Math.tanh is several times slower)
      o[i] = v > -1e-4 && v < 1e-4 ? v : 1 - 2 / (Math.exp(2 * v) + 1);
    }
  },
};

/** cpu-only fused backward op of tanh: g (1 - y^2) from g and y = tanh x (one pass instead of three ops). */
export const tanhGradOp: OpDef = {
  name: 'tanhGrad',
  shape: ([s]) => s,
  vjp: (gg, [_g, y]) => [mul(gg, sub(1, mul(y, y))), null],
  cpu: ([tg, ty], out) => {
    const g = buf(tg);
    const y = buf(ty);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = y[i];
      o[i] = g[i] * (1 - v * v);
    }
  },
};

export function tanh(x: Tensor): Tensor {
  return apply(tanhOp, [x], undefined);
}
