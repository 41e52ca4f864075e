import { apply } from '../engine';
import { elementwiseKernel } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { broadcastMap, broadcastShapes, sameShape, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { unbroadcast } from './unbroadcast';

/** Repeats x along size-1 (or missing leading) axes to `shape`; gradient sums back. */
export const broadcastToOp: OpDef<{ shape: Shape }> = {
  name: 'broadcastTo',
  shape: ([s], { shape }) => {
    if (!sameShape(broadcastShapes(s, shape), shape)) throw new Error(`cannot broadcast [${s}] to [${shape}]`);
    return shape;
  },
  vjp: (g, [x]) => [unbroadcast(g, x.shape)],
  cpu: ([a], out) => {
    const x = buf(a);
    const o = buf(out);
    if (a.size === 1) {
      o.fill(x[0]);
      return;
    }
    const m = broadcastMap(out.shape, a.shape);
    for (let i = 0; i < o.length; i++) o[i] = x[m[i]];
  },
  webgpu: elementwiseKernel('broadcastTo', 'a'),
  cases: [opCase('broadcastTo [3,1]->[2,3,4]', [S(3, 1)], (x) => broadcastTo(x, [2, 3, 4])), opCase('broadcastTo []->[5]', [S()], (x) => broadcastTo(x, [5]))],
};

export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  return apply(broadcastToOp, [x], { shape });
}
