import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase } from '../opCase';
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
  webgpu: elementwiseKernel('greater', 'select(0.0, 1.0, a > b)'),
  cases: [opCase('greater [3,5] [5]', [{ shape: [3, 5], coarse: true }, { shape: [5], coarse: true }], (a, b) => greater(a, b))],
};

export function greater(a: TensorLike, b: TensorLike): Tensor {
  return apply(greaterOp, [lift(a), lift(b)], undefined);
}
