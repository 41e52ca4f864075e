import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { binaryCases } from '../opCase';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { unbroadcast } from './unbroadcast';

/** a * b. Elementwise with NumPy broadcasting. */
export const mulOp: OpDef = {
  name: 'mul',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [needsGrad(a) ? unbroadcast(mul(g, b), a.shape) : null, needsGrad(b) ? unbroadcast(mul(g, a), b.shape) : null],
  cpu: binaryKernel({ name: 'mul', expr: 'a * b', fn: (a, b) => a * b }),
  webgpu: elementwiseKernel('mul', 'a * b'),
  cases: binaryCases('mul', (a, b) => mul(a, b)),
};

export function mul(a: TensorLike, b: TensorLike): Tensor {
  return apply(mulOp, [lift(a), lift(b)], undefined);
}
