import { afterAll, describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { gemm } from '../../src/engine/backends/gemm';
import { setWasmEnabled } from '../../src/engine/wasm/enabled';
import { wasmSimdAvailable } from '../../src/engine/wasm/gemmKernel';
import { checkGrad, rand } from '../gradcheck';

function naive(a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, m: number, n: number, k: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  return c;
}

describe('gemm core (WebAssembly SIMD and JS)', () => {
  afterAll(() => setWasmEnabled(true));
  it('the SIMD kernel builds here', () => {
    expect(wasmSimdAvailable()).toBe(true);
  });
  for (const wasm of [true, false]) {
    it(`${wasm ? 'wasm' : 'js'}: all transpose cases, odd and large sizes, accumulate`, () => {
      setWasmEnabled(wasm);
      // [5, 130, 60] and [16, 300, 200] with B transposed take the transposed product (C^T = B A^T)
      for (const [m, n, k] of [[1, 1, 1], [3, 5, 7], [37, 29, 41], [64, 80, 33], [5, 130, 60], [16, 300, 200]]) {
        for (const ta of [false, true])
          for (const tb of [false, true])
            for (const acc of [true, false]) {
              const a = rand([m * k], m + k);
              const b = rand([k * n], n + k + 1);
              const want = naive(a, ta, b, tb, m, n, k);
              const c = new Float32Array(m * n + 3).fill(1);
              gemm(a, 0, ta, b, 0, tb, c, 3, m, n, k, acc);
              const base = acc ? 1 : 0;
              for (let i = 0; i < m * n; i++) expect(Math.abs(c[i + 3] - base - want[i])).toBeLessThan(1e-4 * Math.max(1, k / 8));
              expect(c[0]).toBe(1);
            }
      }
    });
  }
  it('a B operand that writes itself (OperandFill) gives the same bits as the array, every path', () => {
    // in place (B [k, n] with n a multiple of 8; transposed B that becomes A of C^T = B A^T),
    // materialized (other layouts), and the JS kernels below the SIMD threshold
    for (const wasm of [true, false]) {
      setWasmEnabled(wasm);
      for (const [m, n, k] of [[8, 64, 40], [5, 130, 60], [16, 300, 200], [7, 9, 11], [33, 24, 100]])
        for (const tb of [false, true]) {
          const a = rand([m * k], m + k);
          const b = rand([k * n], n + k + 1);
          const viaArray = new Float32Array(m * n);
          gemm(a, 0, false, b, 0, tb, viaArray, 0, m, n, k, false);
          let writes = 0;
          const fill = {
            work: 13,
            write(dst: Float32Array, at: number, workAt: number) {
              writes++;
              dst.fill(NaN, workAt, workAt + 13); // the work area is the fill's own
              dst.set(b, at);
            },
          };
          const viaFill = new Float32Array(m * n);
          gemm(a, 0, false, fill, 0, tb, viaFill, 0, m, n, k, false);
          expect(writes).toBe(1);
          expect(Array.from(viaFill), `${wasm ? 'wasm' : 'js'} ${m}x${n}x${k} ${tb ? 'B^T' : 'B'}`).toEqual(Array.from(viaArray));
        }
    }
    setWasmEnabled(true);
  });
  it('matmul and conv gradients hold on sizes that take the SIMD path', () => {
    setWasmEnabled(true);
    checkGrad((a, b) => E.matmul(a, b), [
      { values: rand([20, 30], 1), shape: [20, 30] },
      { values: rand([30, 40], 2), shape: [30, 40] },
    ], { h: 1e-2, tol: 3e-2 });
    checkGrad((x, w) => E.conv2d(x, w, { pad: 1 }), [
      { values: rand([1, 4, 10, 10], 3), shape: [1, 4, 10, 10] },
      { values: rand([8, 4, 3, 3], 4), shape: [8, 4, 3, 3] },
    ], { h: 1e-2, tol: 3e-2 });
  });
});
