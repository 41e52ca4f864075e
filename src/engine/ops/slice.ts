import { apply } from '../engine';
import { mapProgram, strides } from '../backends/webgpu/program';
import { opCase, S } from '../opCase';
import { buf, type OpDef } from '../op';
import { stridesOf } from '../shape';
import type { Tensor } from '../tensor';
import { pad } from './pad';

export interface SliceAttrs {
  begin: number[];
  size: number[];
}

/**
 * The block x[begin_i : begin_i + size_i] along every axis; the gradient pads
 * g back with zeros to x's shape.
 */
export const sliceOp: OpDef<SliceAttrs> = {
  name: 'slice',
  shape: ([s], { begin, size }) => {
    if (begin.length !== s.length || size.length !== s.length) throw new Error('slice: begin/size rank mismatch');
    s.forEach((d, i) => {
      if (begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > d) throw new Error(`slice: [${begin}]+[${size}] outside [${s}]`);
    });
    return size;
  },
  vjp: (g, [x], _out, { begin, size }) => [pad(g, x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]))],
  cpu: ([a], out, { begin, size }) => {
    const x = buf(a);
    const o = buf(out);
    const n = size.length;
    if (o.length === 0) return;
    if (n === 0) {
      o[0] = x[0];
      return;
    }
    const str = stridesOf(a.shape);
    // copy contiguous runs along the last axis
    const run = size[n - 1];
    const idx = new Array<number>(n).fill(0);
    let off = 0;
    for (let d = 0; d < n; d++) off += begin[d] * str[d];
    for (let k = 0; k < o.length; k += run) {
      for (let j = 0; j < run; j++) o[k + j] = x[off + j];
      for (let d = n - 2; d >= 0; d--) {
        idx[d]++;
        off += str[d];
        if (idx[d] < size[d]) break;
        off -= str[d] * size[d];
        idx[d] = 0;
      }
    }
  },
  webgpu: ([x], out, { begin }) => {
    const st = strides(x.shape);
    const offset = begin.reduce((s, b, k) => s + b * st[k], 0);
    return mapProgram('slice', { shape: [...out.shape], inputs: [{ strides: st, offset }], body: 'a' });
  },
  cases: [opCase('slice [1:3, 2:]', [S(4, 6)], (x) => slice(x, [1, 2], [2, -1])), opCase('slice 3-d', [S(3, 4, 5)], (x) => slice(x, [1, 0, 2], [2, 3, 2]))],
};

/** x[begin : begin + size] on every axis; a size of -1 runs to the end. */
export function slice(x: Tensor, begin: number[], size: number[]): Tensor {
  const sz = size.map((s, i) => (s === -1 ? x.shape[i] - begin[i] : s));
  return apply(sliceOp, [x], { begin, size: sz });
}
