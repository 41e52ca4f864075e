import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { sameShapes } from './reluGrad';
import { sub } from './sub';

/**
 * sigmoid's backward op: g y (1 - y) from g and sigmoid's output y, in one
 * pass instead of three ops; a real op with a kernel on every backend.
 */
export const sigmoidGradOp: OpDef = {
  name: 'sigmoidGrad',
  shape: ([s, t]) => sameShapes('sigmoidGrad', s, t),
  // d/dg = y (1 - y); d/dy = g (1 - 2y)
  vjp: (gg, [g, y]) => [sigmoidGrad(gg, y), mul(mul(gg, g), sub(1, mul(y, 2)))],
  cpu: ([tg, ty], out) => {
    const g = buf(tg);
    const y = buf(ty);
    const o = buf(out);
    for (let i = 0; i < o.length; i++) {
      const v = y[i];
      o[i] = g[i] * v * (1 - v);
    }
  },
  webgpu: elementwiseKernel('sigmoidGrad', 'a * b * (1.0 - b)'),
  cases: [
    opCase('sigmoidGrad [6,5]', [S(6, 5), { shape: [6, 5], lo: 0.02, hi: 0.98 }], (g, y) => sigmoidGrad(g, y)),
    opCase('sigmoidGrad []', [S(), { shape: [], lo: 0.02, hi: 0.98 }], (g, y) => sigmoidGrad(g, y)),
  ],
};

export function sigmoidGrad(g: Tensor, y: Tensor): Tensor {
  return apply(sigmoidGradOp, [g, y], undefined);
}
