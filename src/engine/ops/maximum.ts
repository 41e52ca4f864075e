import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { binaryCases } from '../opCase';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { step } from './step';
import { sub } from './sub';
import { mul } from './mul';
import { unbroadcast } from './unbroadcast';

/** max(a, b); the gradient goes to the larger (neither on ties). Elementwise with NumPy broadcasting. */
export const maximumOp: OpDef = {
  name: 'maximum',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [
    needsGrad(a) ? unbroadcast(mul(g, step(sub(a, b))), a.shape) : null,
    needsGrad(b) ? unbroadcast(mul(g, step(sub(b, a))), b.shape) : null,
  ],
  cpu: binaryKernel({ name: 'maximum', expr: 'a > b ? a : b', fn: (a, b) => (a > b ? a : b) }),
  webgpu: elementwiseKernel('maximum', 'select(b, a, a > b)'),
  cases: binaryCases('maximum', (a, b) => maximum(a, b)),
};

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return apply(maximumOp, [lift(a), lift(b)], undefined);
}
