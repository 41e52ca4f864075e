import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { setWasmEnabled } from '../../src/engine/wasm/enabled';
import { wasmSimdAvailable } from '../../src/engine/wasm/gemmKernel';
import { checkGrad, rand } from '../gradcheck';

const inp = (shape: number[], seed = 1) => ({ values: rand(shape, seed, -1, 1), shape });

describe('addScaled', () => {
  it('is a + s b, with gradients of a, b and the scale against finite differences', () => {
    E.tidy(() => {
      const r = E.addScaled(E.tensor([1, 2, 3], [3]), E.tensor([10, 20, 30], [3]), 0.5);
      expect(Array.from(r.values)).toEqual([6, 12, 18]);
    });
    checkGrad((a, b, s) => E.addScaled(a, b, s), [inp([3, 4], 1), inp([3, 4], 2), inp([1], 3)]);
  });

  it('gives the same bits as sub(a, mul(b, lr)), the SGD update it replaces', () => {
    E.tidy(() => {
      const a = E.tensor(rand([257, 33], 4, -3, 3), [257, 33]);
      const b = E.tensor(rand([257, 33], 5, -1e3, 1e3), [257, 33]);
      for (const lr of [0.1, 0.0317, 3, 1e-7]) {
        expect(Array.from(E.addScaled(a, b, -lr).values)).toEqual(Array.from(E.sub(a, E.mul(b, lr)).values));
      }
    });
  });

  it('the WebAssembly SIMD loop (large arrays) gives the bits of the JS loop, ragged sizes included', () => {
    expect(wasmSimdAvailable()).toBe(true);
    for (const n of [2048, 5003, 65_539]) {
      E.tidy(() => {
        const a = E.tensor(rand([n], 6, -3, 3), [n]);
        const b = E.tensor(rand([n], 7, -1e3, 1e3), [n]);
        const simd = Array.from(E.addScaled(a, b, -0.0123).values);
        setWasmEnabled(false);
        try {
          expect(simd).toEqual(Array.from(E.addScaled(a, b, -0.0123).values));
        } finally {
          setWasmEnabled(true);
        }
      });
    }
  });

  it('rejects shapes that differ and a scale that is not a scalar', () => {
    E.tidy(() => {
      expect(() => E.addScaled(E.zeros([2, 3]), E.zeros([3, 2]), 1)).toThrow(/differ/);
      expect(() => E.addScaled(E.zeros([2]), E.zeros([2]), E.zeros([2]))).toThrow(/scalar/);
    });
  });
});
