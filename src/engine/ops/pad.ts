import { apply } from '../engine';
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
};

/** Pads x with `value` (0 by default): paddings[i] = [before, after] for axis i. */
export function pad(x: Tensor, paddings: [number, number][], value = 0): Tensor {
  return apply(padOp, [x], { paddings, value });
}
