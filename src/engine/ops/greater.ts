import { apply } from '../engine';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, type TensorLike } from './lift';

/** [a > b] as 0/1; no gradient. Elementwise with NumPy broadcasting. */
export const greaterOp: OpDef = {
  name: 'greater',
  shape: ([s, t]) => broadcastShapes(s, t),
  cpu: binaryKernel({ name: 'greater', expr: 'a > b ? 1 : 0', fn: (a, b) => (a > b ? 1 : 0) }),
};

export function greater(a: TensorLike, b: TensorLike): Tensor {
  return apply(greaterOp, [lift(a), lift(b)], undefined);
}
