import { describe, expect, it } from 'vitest';
import { gateScratch, squashColumns } from '../../src/engine/wasm/exp';
import { Rng } from '../../src/engine/rng';
import * as E from '../../src/engine';
import { bitsWithAndWithoutWasm } from '../helpers/wasmBits';
import { rand } from '../gradcheck';

// The recurrent cells' gate squashing in WebAssembly f64x2 (wasm/exp.ts) against the JS formulas
// with Math.exp: sigmoid 1 / (1 + e^-z) and tanh 1 - 2 / (e^2z + 1) in f64, then rounded to f32.
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const tanh = (z: number) => 1 - 2 / (Math.exp(2 * z) + 1);

describe('wasm gate squashing (f64x2 exp)', () => {
  const r = new Rng(11);
  it('sigmoid, tanh and unsquashed columns over rows, the in-place tanh on a ragged length, and the edges', () => {
    const rows = 7;
    const sq = squashColumns([['sigmoid', 4], ['tanh', 4], ['none', 2]]);
    const cols = sq.m.length;
    const s = gateScratch(rows, sq, 13)!;
    expect(s).not.toBeNull();
    const z = Float32Array.from({ length: rows * cols }, () => r.uniform(-30, 30));
    z.set([NaN, Infinity, -Infinity, 1e30, 1e30, -1e30, 0, -0], 0);
    const got = s.squashRows(z);
    for (let i = 0; i < rows * cols; i++) {
      const j = i % cols;
      const want = j < 4 ? sigmoid(z[i]) : j < 8 ? tanh(z[i]) : 0;
      if (Number.isNaN(want)) expect(got[i]).toBeNaN();
      else {
        // the same f32 everywhere (at +-Infinity the clamped exp gives 1e-308 where Math.exp gives 0), and
        // within 1e-15 of the f64 value away from the tails
        expect(Math.fround(got[i]), `column ${j}, z = ${z[i]}`).toBe(Math.fround(want));
        if (Math.abs(want) > 1e-300) expect(Math.abs(got[i] - want), `column ${j}, z = ${z[i]}`).toBeLessThanOrEqual(1e-15 * Math.abs(want));
      }
    }
    const v = Array.from({ length: 13 }, () => r.uniform(-50, 50));
    s.v.set(v);
    s.tanhHalf();
    v.forEach((x, i) => expect(Math.abs(s.v[i] - tanh(x / 2))).toBeLessThanOrEqual(1e-15 * Math.abs(tanh(x / 2))));
  });
  it('rounded to f32 they have the bits of the Math.exp formulas (200,000 values)', () => {
    const n = 100_000;
    const s = gateScratch(n / 2, squashColumns([['sigmoid', 1], ['tanh', 1]]), 0)!;
    const z = Float32Array.from({ length: n }, (_, i) => r.uniform(-1, 1) * (i % 4 < 2 ? 6 : 40));
    const got = s.squashRows(z);
    let differ = 0;
    for (let i = 0; i < n; i++) if (Math.fround(got[i]) !== Math.fround(i % 2 ? tanh(z[i]) : sigmoid(z[i]))) differ++;
    expect(differ).toBe(0);
  });
});

describe('tanh and its gradient with the exps in WebAssembly', () => {
  it('have the bits of the Math.exp loops (past two runs of 8,192, an odd length, tiny and special values)', () => {
    for (const n of [65, 20_011]) {
      const x = rand([n], 7, -6, 6);
      x.set([0, -0, 5e-5, -5e-5, 1e-4, Infinity, -Infinity, NaN, 40, -40], 0);
      const g = rand([n], 8, -2, 2);
      const [a, b] = bitsWithAndWithoutWasm(() => E.tanh(E.tensor(x, [n])));
      expect(a).toEqual(b);
      const [c, d] = bitsWithAndWithoutWasm(() => E.tanhGrad(E.tensor(g, [n]), E.tensor(x, [n])));
      expect(c).toEqual(d);
    }
  });
});
