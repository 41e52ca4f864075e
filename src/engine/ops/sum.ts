import { apply } from '../engine';
import { reduceProgram } from '../backends/webgpu/reduce';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { type Axes, normAxes, reducedShape, walkOffsets, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { broadcastTo } from './broadcastTo';
import { reshape } from './reshape';

interface SumAttrs {
  axes: number[];
  keepDims: boolean;
}

const mapCache = new Map<string, Int32Array>();
/** For each input index, the output index it is summed into (cached per shape). */
export function reduceMap(shape: Shape, axes: readonly number[]): Int32Array {
  const key = shape.join(',') + '|' + axes.join(',');
  let m = mapCache.get(key);
  if (m) return m;
  const outShape = reducedShape(shape, axes, true);
  const outStr: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    outStr[i] = outShape[i] === 1 ? 0 : acc;
    acc *= outShape[i];
  }
  m = walkOffsets(shape, outStr);
  mapCache.set(key, m);
  return m;
}

/** Sum over `axes` (all when omitted); the gradient broadcasts back to the input shape. */
export const sumOp: OpDef<SumAttrs> = {
  name: 'sum',
  shape: ([s], { axes, keepDims }) => reducedShape(s, axes, keepDims),
  vjp: (g, [x], _out, { axes }) => [broadcastTo(reshape(g, reducedShape(x.shape, axes, true)), x.shape)],
  cpu: ([a], out, { axes }) => {
    const x = buf(a);
    const o = buf(out);
    if (o.length === 1) {
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i];
      o[0] = s;
      return;
    }
    o.fill(0);
    // leading axes only (a bias gradient summed over the batch): rows added into o
    let lead = 0;
    while (lead < axes.length && axes[lead] === lead) lead++;
    if (lead === axes.length) {
      const m = o.length;
      for (let i = 0, j = 0; i < x.length; i++) {
        o[j] += x[i];
        if (++j === m) j = 0;
      }
      return;
    }
    // the kept axes one block in the middle (a conv bias gradient: [N, C, H, W] over N, H, W):
    // each value sums a run of `inner` elements in every outer slice
    const kept = a.shape.length - axes.length;
    const lo = lead;
    if (axes.slice(lead).every((ax, i) => ax === lo + kept + i)) {
      let inner = 1;
      for (let d = lo + kept; d < a.shape.length; d++) inner *= a.shape[d];
      const m = o.length;
      // in index order, rounded to f32 at every add: the same bits as the index-map loop below
      for (let i = 0; i < x.length; ) {
        for (let j = 0; j < m; j++) {
          let s = o[j];
          for (const e = i + inner; i < e; i++) s = Math.fround(s + x[i]);
          o[j] = s;
        }
      }
      return;
    }
    const m = reduceMap(a.shape, axes);
    for (let i = 0; i < x.length; i++) o[m[i]] += x[i];
  },
  webgpu: ([x], out, { axes }) => reduceProgram('sum', x, axes, out.size),
  cases: [
    opCase('sum all [3,5]', [S(3, 5)], (x) => sum(x)),
    opCase('sum all [5000]', [S(5000)], (x) => sum(x)),
    opCase('sum axis 0 [40,3]', [S(40, 3)], (x) => sum(x, [0])),
    opCase('sum axis 1 keep [4,70]', [S(4, 70)], (x) => sum(x, [1], true)),
    opCase('sum axes 0,2 [6,2,9]', [S(6, 2, 9)], (x) => sum(x, [0, 2])),
    opCase('sum axis 1 as a number [5,6]', [S(5, 6)], (x) => sum(x, 1)),
  ],
};

export function sum(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return apply(sumOp, [x], { axes: normAxes(axes, x.shape.length), keepDims });
}
