import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase } from '../opCase';
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
  webgpu: elementwiseKernel('equal', 'select(0.0, 1.0, a == b)'),
  cases: [opCase('equal [3,5] [3,1]', [{ shape: [3, 5], coarse: true }, { shape: [3, 1], coarse: true }], (a, b) => equal(a, b))],
};

export function equal(a: TensorLike, b: TensorLike): Tensor {
  return apply(equalOp, [lift(a), lift(b)], undefined);
}
