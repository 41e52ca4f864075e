import { afterAll, describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { setWasmEnabled } from '../../src/engine/wasm/enabled';
import { bitsWithAndWithoutWasm } from '../helpers/wasmBits';
import { rand } from '../gradcheck';

// The WebAssembly SIMD loops of relu, its gradient and the bias-row add (wasm/elementwise.ts) against
// the JS loops they replace: the same bit patterns, on arrays past one chunk, with a ragged tail,
// and on the special values (-0, NaNs of both signs, infinities).
function specials(v: Float32Array): Float32Array {
  const bits = new Int32Array(v.buffer);
  v.set([0, -0, Infinity, -Infinity, NaN, 1e-45, -1e-45], 0);
  bits[7] = 0xffc00000 | 0; // a NaN with its sign bit set
  return v;
}
describe('elementwise WebAssembly loops', () => {
  afterAll(() => setWasmEnabled(true));
  const n = 20_011; // more than two chunks of 8,192, and n % 4 = 3
  it('relu and reluGrad have the JS select\'s bits', () => {
    const x = specials(rand([n], 1, -3, 3));
    const g = rand([n], 2, -3, 3);
    const [a, b] = bitsWithAndWithoutWasm(() => E.relu(E.tensor(x, [n])));
    expect(a).toEqual(b);
    const [c, d] = bitsWithAndWithoutWasm(() => E.reluGrad(E.tensor(g, [n]), E.tensor(x, [n])));
    expect(c).toEqual(d);
    // 0, -0, +Inf, -Inf, +NaN, +denormal, -denormal, -NaN: g passes where x > 0, and for the NaN with a clear sign bit
    const gb = new Int32Array(g.buffer);
    expect(c.slice(0, 8)).toEqual([0, 0, gb[2], 0, gb[4], gb[5], 0, 0]);
  });
  it('a bias row added down the batch (either side) has the bits of the JS add', () => {
    for (const [rows, cols] of [[64, 500], [33, 16], [5, 8192]]) {
      const x = specials(rand([rows * cols], 3, -9, 9));
      const bias = specials(rand([cols], 4, -9, 9));
      const [a, b] = bitsWithAndWithoutWasm(() => E.add(E.tensor(x, [rows, cols]), E.tensor(bias, [cols])));
      expect(a).toEqual(b);
      const [c, d] = bitsWithAndWithoutWasm(() => E.add(E.tensor(bias, [cols]), E.tensor(x, [rows, cols])));
      expect(c).toEqual(d);
      expect(c).toEqual(a);
    }
  });
});
