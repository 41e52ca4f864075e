import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { binaryCases } from '../opCase';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { mul } from './mul';
import { neg } from './neg';
import { unbroadcast } from './unbroadcast';

/** a / b; d/db = -(a/b)/b. Elementwise with NumPy broadcasting. */
export const divOp: OpDef = {
  name: 'div',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b], out) => [
    needsGrad(a) ? unbroadcast(div(g, b), a.shape) : null,
    needsGrad(b) ? unbroadcast(neg(div(mul(g, out), b)), b.shape) : null,
  ],
  cpu: binaryKernel({ name: 'div', expr: 'a / b', fn: (a, b) => a / b }),
  webgpu: elementwiseKernel('div', 'a / b'),
  cases: binaryCases('div', (a, b) => div(a, b), { lo: 0.5, hi: 1.5 }),
};

export function div(a: TensorLike, b: TensorLike): Tensor {
  return apply(divOp, [lift(a), lift(b)], undefined);
}
