import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { ops } from '../../src/engine/ops';
import { compileKernel, fallbackKernel } from '../../src/engine/ops/binary';
import { addKernel } from '../../src/engine/ops/add';
import { setWasmEnabled } from '../../src/engine/wasm/enabled';
import { rand } from '../gradcheck';
import { broadcastShapes } from '../../src/engine/shape';

// The one broadcasting loop behind the binary ops: every op, every index
// pattern, the compiled kernel and the fallback (strict-CSP) kernel, against
// a plain element-by-element reference with NumPy broadcasting.
const RULES = {
  add: (a: number, b: number) => a + b,
  sub: (a: number, b: number) => a - b,
  mul: (a: number, b: number) => a * b,
  div: (a: number, b: number) => a / b,
  maximum: (a: number, b: number) => Math.max(a, b),
  greater: (a: number, b: number) => (a > b ? 1 : 0),
  equal: (a: number, b: number) => (a === b ? 1 : 0),
};
const PATTERNS: [string, number[], number[]][] = [
  ['same shape', [3, 4], [3, 4]],
  ['scalar b', [3, 4], []],
  ['scalar a', [1], [2, 5]],
  ['row b (bias)', [4, 3], [3]],
  ['row a', [1, 3], [4, 3]],
  ['column b (a run per row)', [4, 3], [4, 1]],
  ['per-channel b (conv bias)', [2, 3, 4, 5], [1, 3, 1, 1]],
  ['per-channel b, batch axis implied', [2, 3, 4, 5], [3, 1, 1]],
  ['block of two axes b', [2, 3, 4, 5], [3, 4, 1]],
  ['index map', [2, 3, 4], [2, 1, 4]],
  ['both broadcast', [4, 1], [1, 3]],
  ['rank 3', [5], [2, 1, 5]],
];

function reference(f: (a: number, b: number) => number, x: Float32Array, sa: number[], y: Float32Array, sb: number[]): { shape: number[]; values: number[] } {
  const shape = broadcastShapes(sa, sb);
  const n = shape.reduce((p, d) => p * d, 1);
  const at = (v: Float32Array, s: number[], idx: number[]) => {
    let off = 0;
    for (let k = 0; k < s.length; k++) off = off * s[k] + (s[k] === 1 ? 0 : idx[idx.length - s.length + k]);
    return v[off];
  };
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const idx: number[] = [];
    let r = i;
    for (let k = shape.length - 1; k >= 0; k--) {
      idx[k] = r % shape[k];
      r = Math.floor(r / shape[k]);
    }
    values.push(Math.fround(f(at(x, sa, idx), at(y, sb, idx))));
  }
  return { shape, values };
}

describe('one broadcasting loop for add, sub, mul, div, maximum, greater, equal', () => {
  for (const [name, f] of Object.entries(RULES) as [keyof typeof RULES, (a: number, b: number) => number][]) {
    it(`${name}: every index pattern, compiled and fallback kernels`, () => {
      const fallback = fallbackKernel(f);
      for (const [label, sa, sb] of PATTERNS) {
        E.tidy(() => {
          // coarse values so that ties (maximum, greater, equal) occur
          const coarse = (v: Float32Array) => v.map((t) => Math.round(t * 2) / 2 + (name === 'div' ? 2 : 0));
          const xv = coarse(rand(sa, 1, -1.5, 1.5));
          const yv = coarse(rand(sb, 2, -1.5, 1.5));
          const want = reference(f, xv, sa, yv, sb);
          const got = (E as unknown as Record<string, (a: E.Tensor, b: E.Tensor) => E.Tensor>)[name](E.tensor(xv, sa), E.tensor(yv, sb));
          expect(got.shape, label).toEqual(want.shape);
          expect(Array.from(got.values), `${name} ${label}`).toEqual(want.values);
          const out = E.zeros(want.shape);
          fallback([E.tensor(xv, sa), E.tensor(yv, sb)], out);
          expect(Array.from(out.values), `${name} ${label} (fallback)`).toEqual(want.values);
        });
      }
    });
  }
  it('the kernels are compiled per op here (no CSP in Node)', () => {
    // add's cpu kernel first tries the SIMD loop on two arrays of one shape, then runs the compiled one
    for (const name of Object.keys(RULES) as (keyof typeof RULES)[]) expect((name === 'add' ? addKernel : ops[name].cpu).name).toBe(`${name}Kernel`);
  });
  it('add of two large arrays of one shape (the SIMD loop, ragged length) has the bits of a + b, with and without WebAssembly', () => {
    for (const wasm of [true, false]) {
      setWasmEnabled(wasm);
      E.tidy(() => {
        const shape = [37, 129];
        const a = rand(shape, 3, -5, 5);
        const b = rand(shape, 4, -5, 5);
        const got = E.add(E.tensor(a, shape), E.tensor(b, shape)).values;
        expect(Array.from(got)).toEqual(Array.from(a, (v, i) => Math.fround(v + b[i])));
      });
    }
    setWasmEnabled(true);
  });
  it('only an expression of a and b is ever compiled', () => {
    expect(() => compileKernel({ name: 'bad', expr: 'a + globalThis.x', fn: (a) => a })).toThrow('unexpected characters');
    expect(() => compileKernel({ name: 'x;y', expr: 'a + b', fn: (a) => a })).toThrow('unexpected characters');
  });
});
