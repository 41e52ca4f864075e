import { apply } from '../engine';
import { mapProgram, strides } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { stridesOf } from '../shape';
import type { Tensor } from '../tensor';
import { slice } from './slice';

export interface PadAttrs {
  paddings: [number, number][];
  value: number;
}

/** Pads each axis i with paddings[i][0] values before and paddings[i][1] after; the gradient slices g back. */
export const padOp: OpDef<PadAttrs> = {
  name: 'pad',
  shape: ([s], { paddings }) => {
    if (paddings.length !== s.length) throw new Error('pad: one [before, after] per axis');
    return s.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  },
  vjp: (g, [x], _out, { paddings }) => [slice(g, paddings.map((p) => p[0]), [...x.shape])],
  cpu: ([a], out, { paddings, value }) => {
    const x = buf(a);
    const o = buf(out);
    o.fill(value);
    const n = a.shape.length;
    if (x.length === 0) return;
    if (n === 0) {
      o[0] = x[0];
      return;
    }
    const ostr = stridesOf(out.shape);
    const run = a.shape[n - 1];
    const idx = new Array<number>(n).fill(0);
    let off = 0;
    for (let d = 0; d < n; d++) off += paddings[d][0] * ostr[d];
    for (let k = 0; k < x.length; k += run) {
      for (let j = 0; j < run; j++) o[off + j] = x[k + j];
      for (let d = n - 2; d >= 0; d--) {
        idx[d]++;
        off += ostr[d];
        if (idx[d] < a.shape[d]) break;
        off -= ostr[d] * a.shape[d];
        idx[d] = 0;
      }
    }
  },
  webgpu: ([x], out, { paddings, value }) => {
    const st = strides(x.shape);
    const guard = x.shape.map((d, k) => `c${k} >= ${paddings[k][0]}u && c${k} < ${paddings[k][0] + d}u`).join(' && ') || 'true';
    const offset = -x.shape.reduce((s, _d, k) => s + paddings[k][0] * st[k], 0);
    // the index is only evaluated under the guard; u32 arithmetic wraps, so a negative offset is exact
    return mapProgram('pad', { shape: [...out.shape], inputs: [{ strides: st, offset: offset >>> 0, guard, otherwise: value }], body: 'a' });
  },
  cases: [opCase('pad [[1,2],[0,3]] value 0.5', [S(3, 4)], (x) => pad(x, [[1, 2], [0, 3]], 0.5)), opCase('pad 3-d', [S(2, 1, 3)], (x) => pad(x, [[0, 1], [2, 0], [1, 1]]))],
};

/** Pads x with `value` (0 by default): paddings[i] = [before, after] for axis i. */
export function pad(x: Tensor, paddings: [number, number][], value = 0): Tensor {
  return apply(padOp, [x], { paddings, value });
}
