import { apply } from '../engine';
import type { OpDef } from '../op';
import { broadcastShapes } from '../shape';
import { binaryKernel } from './binary';
import type { Tensor } from '../tensor';
import { lift, type TensorLike } from './lift';

/** [a == b] as 0/1; no gradient. Elementwise with NumPy broadcasting. */
export const equalOp: OpDef = {
  name: 'equal',
  shape: ([s, t]) => broadcastShapes(s, t),
  cpu: binaryKernel({ name: 'equal', expr: 'a === b ? 1 : 0', fn: (a, b) => (a === b ? 1 : 0) }),
};

export function equal(a: TensorLike, b: TensorLike): Tensor {
  return apply(equalOp, [lift(a), lift(b)], undefined);
}
