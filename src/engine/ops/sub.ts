import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { binaryCases } from '../opCase';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { neg } from './neg';
import { unbroadcast } from './unbroadcast';

/** a - b. Elementwise with NumPy broadcasting. */
export const subOp: OpDef = {
  name: 'sub',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [needsGrad(a) ? unbroadcast(g, a.shape) : null, needsGrad(b) ? unbroadcast(neg(g), b.shape) : null],
  cpu: binaryKernel({ name: 'sub', expr: 'a - b', fn: (a, b) => a - b }),
  webgpu: elementwiseKernel('sub', 'a - b'),
  cases: binaryCases('sub', (a, b) => sub(a, b)),
};

export function sub(a: TensorLike, b: TensorLike): Tensor {
  return apply(subOp, [lift(a), lift(b)], undefined);
}
