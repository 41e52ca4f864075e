import { apply } from '../engine';
import { mapProgram, strides } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import type { Tensor } from '../tensor';
import { needsGrad } from './lift';
import { slice } from './slice';

/** Joins tensors along `axis` (all other sizes equal); the gradient slices g into the pieces. */
export const concatOp: OpDef<{ axis: number }> = {
  name: 'concat',
  shape: (ss, { axis }) => {
    const first = ss[0];
    let total = 0;
    for (const s of ss) {
      if (s.length !== first.length || s.some((d, i) => i !== axis && d !== first[i])) throw new Error(`concat: shapes differ off axis ${axis}`);
      total += s[axis];
    }
    return first.map((d, i) => (i === axis ? total : d));
  },
  vjp: (g, xs, _out, { axis }) => {
    let at = 0;
    return xs.map((x) => {
      const begin = g.shape.map((_, i) => (i === axis ? at : 0));
      at += x.shape[axis];
      return needsGrad(x) ? slice(g, begin, [...x.shape]) : null;
    });
  },
  cpu: (xs, out, { axis }) => {
    const o = buf(out);
    let outer = 1;
    for (let i = 0; i < axis; i++) outer *= out.shape[i];
    const outRow = o.length / Math.max(outer, 1);
    let col = 0;
    for (const t of xs) {
      const x = buf(t);
      const row = x.length / Math.max(outer, 1);
      for (let r = 0; r < outer; r++) {
        const src = r * row;
        const dst = r * outRow + col;
        for (let j = 0; j < row; j++) o[dst + j] = x[src + j];
      }
      col += row;
    }
  },
  webgpu: (xs, out, { axis }) => {
    // one dispatch per piece, each writing its block of the output
    const ost = strides(out.shape);
    let at = 0;
    return xs
      .filter((x) => x.size > 0)
      .map((x) => {
        const offset = at * ost[axis];
        at += x.shape[axis];
        return mapProgram('concat', { shape: [...x.shape], inputs: [{ strides: strides(x.shape) }], out: { strides: ost, offset }, body: 'a' }, [x]);
      });
  },
  cases: [
    opCase('concat axis 0', [S(2, 3), S(4, 3)], (a, b) => concat([a, b], 0)),
    opCase('concat axis 1 of 3', [S(2, 3, 2), S(2, 1, 2), S(2, 4, 2)], (a, b, d) => concat([a, b, d], 1)),
    opCase('concat axis -1', [S(3, 2), S(3, 5)], (a, b) => concat([a, b], -1)),
  ],
};

/** Concatenates `xs` along `axis` (negative counts from the end). */
export function concat(xs: Tensor[], axis = 0): Tensor {
  const ax = axis < 0 ? axis + xs[0].shape.length : axis;
  return apply(concatOp, xs, { axis: ax });
}
