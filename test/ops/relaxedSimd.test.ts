import v8 from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { gemm } from '../../src/engine/backends/gemm';
import { relaxedSimdSupported } from '../../src/engine/wasm/features';
import { setWasmRelaxed, wasmRelaxedEnabled } from '../../src/engine/wasm/enabled';
import { wasmRelaxedAvailable } from '../../src/engine/wasm/gemmKernel';
import { rand } from '../gradcheck';

// Node 20 has relaxed SIMD behind a flag (Chromium and Node 22+ ship it); the
// kernel is compiled on first use, so turning the flag on here is early enough.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function run(relaxed: boolean, a: Float32Array, ta: boolean, b: Float32Array, tb: boolean, m: number, n: number, k: number): Float32Array {
  setWasmRelaxed(relaxed);
  const c = new Float32Array(m * n).fill(0.5);
  gemm(a, 0, ta, b, 0, tb, c, 0, m, n, k, true);
  return c;
}

describe('relaxed SIMD (fused multiply-add) gemm', () => {
  afterAll(() => setWasmRelaxed(true));
  it('is detected by validating a one-instruction module, and the fused build compiles', () => {
    expect(relaxedSimdSupported()).toBe(true);
    expect(wasmRelaxedAvailable()).toBe(true);
  });
  it('agrees with the multiply-then-add build on ragged sizes, every transpose case', () => {
    for (const [m, n, k] of [[4, 8, 512], [5, 9, 700], [33, 17, 101], [61, 130, 29], [128, 127, 255]]) {
      for (const ta of [false, true])
        for (const tb of [false, true]) {
          const a = rand([m * k], m * 3 + k);
          const b = rand([k * n], n * 5 + k);
          const fused = run(true, a, ta, b, tb, m, n, k);
          const plain = run(false, a, ta, b, tb, m, n, k);
          let worst = 0;
          for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(fused[i] - plain[i]));
          // one rounding per update fewer: differences of a few ulps of the running sums, never more
          expect(worst, `[${m}, ${n}, ${k}] ${ta} ${tb}`).toBeLessThan(2e-5 * Math.sqrt(k));
        }
    }
  });
  it('can be turned off: the plain build runs (the fallback where relaxed SIMD is missing)', () => {
    setWasmRelaxed(false);
    expect(wasmRelaxedEnabled()).toBe(false);
    setWasmRelaxed(true);
    expect(wasmRelaxedEnabled()).toBe(true);
  });
});
