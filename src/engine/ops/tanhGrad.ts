import { apply } from '../engine';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sameShapes } from './reluGrad';

/**
 * tanh's backward op: g (1 - y^2) from g and tanh's output y, in one pass
 * instead of three ops; a real op with a kernel on every backend.
 */
export const tanhGradOp: OpDef = {
  name: 'tanhGrad',
  shape: ([s, t]) => sameShapes('tanhGrad', s, t),
  // d/dg = 1 - y^2; d/dy = -2 g y
  vjp: (gg, [g, y]) => [tanhGrad(gg, y), mul(mul(gg, g), mul(y, -2))],
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

export function tanhGrad(g: Tensor, y: Tensor): Tensor {
  return apply(tanhGradOp, [g, y], undefined);
}
