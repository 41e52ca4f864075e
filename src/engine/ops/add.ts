import { apply } from '../engine';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, needsGrad, type TensorLike } from './lift';
import { unbroadcast } from './unbroadcast';

/** a + b. Elementwise with NumPy broadcasting. */
export const addOp: OpDef = {
  name: 'add',
  shape: ([s, t]) => broadcastShapes(s, t),
  vjp: (g, [a, b]) => [needsGrad(a) ? unbroadcast(g, a.shape) : null, needsGrad(b) ? unbroadcast(g, b.shape) : null],
  cpu: binaryKernel({ name: 'add', expr: 'a + b', fn: (a, b) => a + b }),
};

export function add(a: TensorLike, b: TensorLike): Tensor {
  return apply(addOp, [lift(a), lift(b)], undefined);
}
