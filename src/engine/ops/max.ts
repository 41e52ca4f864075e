import { apply } from '../engine';
import { reduceProgram } from '../backends/webgpu/reduce';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { type Axes, normAxes, reducedShape } from '../shape';
import type { Tensor } from '../tensor';
import { broadcastTo } from './broadcastTo';
import { div } from './div';
import { equal } from './equal';
import { mul } from './mul';
import { reshape } from './reshape';
import { reduceMap, sum } from './sum';

interface MaxAttrs {
  axes: number[];
  keepDims: boolean;
}

/** Maximum over `axes`; the gradient goes to the arg-max entries (shared equally on ties). */
export const maxOp: OpDef<MaxAttrs> = {
  name: 'max',
  shape: ([s], { axes, keepDims }) => reducedShape(s, axes, keepDims),
  vjp: (g, [x], out, { axes }) => {
    const kept = reducedShape(x.shape, axes, true);
    const mask = equal(x, broadcastTo(reshape(out, kept), x.shape));
    const count = sum(mask, axes, true);
    return [mul(broadcastTo(reshape(div(g, reshape(count, out.shape)), kept), x.shape), mask)];
  },
  cpu: ([a], out, { axes }) => {
    const x = buf(a);
    const o = buf(out);
    o.fill(-Infinity);
    if (o.length === 1) {
      let m = -Infinity;
      for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
      o[0] = m;
      return;
    }
    const r = reduceMap(a.shape, axes);
    for (let i = 0; i < x.length; i++) {
      const j = r[i];
      if (x[i] > o[j]) o[j] = x[i];
    }
  },
  webgpu: ([x], out, { axes }) => reduceProgram('max', x, axes, out.size),
  cases: [
    opCase('max all [3,5]', [S(3, 5)], (x) => max(x)),
    opCase('max axis 1 [4,70]', [S(4, 70)], (x) => max(x, [1])),
    opCase('max axis 0 keep [6,3]', [S(6, 3)], (x) => max(x, [0], true)),
    opCase('max axis -1 as a number [4,7]', [S(4, 7)], (x) => max(x, -1)),
  ],
};

/** Max over `axes` (all when omitted). */
export function max(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  return apply(maxOp, [x], { axes: normAxes(axes, x.shape.length), keepDims });
}
