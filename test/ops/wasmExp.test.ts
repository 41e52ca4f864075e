import { describe, expect, it } from 'vitest';
import { expScratch } from '../../src/engine/wasm/exp';
import { Rng } from '../../src/engine/rng';

// The f64x2 exp behind the recurrent cells' gates (wasm/exp.ts) against Math.exp:
// within a few ulp of f64, and the f32 gate values it feeds have the same bits.
describe('wasm exp (f64x2)', () => {
  const r = new Rng(11);
  it('exp(m_j z_ij) over rows, ragged in-place length, and the edges (NaN, infinities, huge)', () => {
    const rows = 7, cols = 10;
    const m = Float64Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? 2 : -1));
    const s = expScratch(rows, cols, m, 13)!;
    expect(s).not.toBeNull();
    const z = Float32Array.from({ length: rows * cols }, () => r.uniform(-30, 30));
    z.set([NaN, Infinity, -Infinity, 1e30, -1e30, 0], 0);
    const e = s.expRows(z);
    for (let i = 0; i < rows * cols; i++) {
      const x = m[i % cols] * z[i];
      const want = Math.exp(x);
      if (Number.isNaN(x)) expect(e[i]).toBeNaN();
      else if (x > 709) expect(e[i]).toBeGreaterThan(8e307); // clamped: the gates give the same f32 as at Infinity
      else if (x < -708) expect(e[i]).toBeLessThan(1e-307);
      else expect(Math.abs(e[i] - want) / want, `exp(${x})`).toBeLessThan(5e-16);
    }
    const v = Array.from({ length: 13 }, () => r.uniform(-50, 50));
    s.v.set(v);
    s.expV();
    v.forEach((x, i) => expect(Math.abs(s.v[i] - Math.exp(x)) / Math.exp(x)).toBeLessThan(5e-16));
  });
  it('sigmoid and tanh rounded to f32 from it have the bits of the Math.exp formulas (200,000 values)', () => {
    const n = 100_000, cols = 2;
    const s = expScratch(n / cols, cols, Float64Array.from([-1, 2]), 0)!;
    const z = Float32Array.from({ length: n }, (_, i) => r.uniform(-1, 1) * (i % 4 < 2 ? 6 : 40));
    const e = s.expRows(z);
    let differ = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.exp((i % 2 ? 2 : -1) * z[i]);
      const f = (t: number) => (i % 2 ? Math.fround(1 - 2 / (t + 1)) : Math.fround(1 / (1 + t)));
      if (f(a) !== f(e[i])) differ++;
    }
    expect(differ).toBe(0);
  });
});
