import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

describe('sum, mean, reshape, broadcastTo', () => {
  it('sum over all, one, and several axes (keepDims both ways)', () => {
    const v = rand([2, 3, 4], 5);
    checkGrad((x) => E.sum(x), [{ values: v, shape: [2, 3, 4] }]);
    checkGrad((x) => E.sum(x, [1]), [{ values: v, shape: [2, 3, 4] }]);
    checkGrad((x) => E.sum(x, [0, 2], true), [{ values: v, shape: [2, 3, 4] }]);
    checkGrad((x) => E.mean(x, [-1]), [{ values: v, shape: [2, 3, 4] }]);
  });
  it('sum forward values', () => {
    E.tidy(() => {
      const x = E.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      expect(Array.from(E.sum(x, [0]).values)).toEqual([5, 7, 9]);
      expect(Array.from(E.sum(x, [1]).values)).toEqual([6, 15]);
      expect(E.sum(x).item()).toBe(21);
      expect(E.mean(x).item()).toBe(3.5);
    });
  });
  it('one axis as a number works like a one-element array (sum, max, mean)', () => {
    E.tidy(() => {
      const x = E.tensor([1, 5, 3, 4, 2, 6], [2, 3]);
      expect(Array.from(E.sum(x, 1).values)).toEqual([9, 12]);
      expect(Array.from(E.sum(x, -1, true).values)).toEqual(Array.from(E.sum(x, [1], true).values));
      expect(E.sum(x, 0).shape).toEqual([3]);
      expect(Array.from(E.max(x, 1).values)).toEqual([5, 6]);
      expect(Array.from(E.max(x, 0, true).values)).toEqual([4, 5, 6]);
      expect(E.max(x, 0, true).shape).toEqual([1, 3]);
      expect(Array.from(E.mean(x, 1).values)).toEqual([3, 4]);
    });
    checkGrad((x) => E.sum(x, 1), [{ values: rand([2, 3, 4], 5), shape: [2, 3, 4] }]);
  });
  it('an axis out of range or repeated is a clear error', () => {
    E.tidy(() => {
      const x = E.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      expect(() => E.sum(x, 2)).toThrow('axis 2 is out of range for rank 2');
      expect(() => E.max(x, [-3])).toThrow('axis -3 is out of range for rank 2');
      expect(() => E.sum(x, [1, -1])).toThrow('axis 1 is repeated');
    });
  });
  it('reshape and broadcastTo', () => {
    checkGrad((x) => E.reshape(x, [3, -1]), [{ values: rand([2, 3], 1), shape: [2, 3] }]);
    checkGrad((x) => E.broadcastTo(x, [4, 3]), [{ values: rand([3], 1), shape: [3] }]);
    checkGrad((x) => E.broadcastTo(x, [2, 3, 5]), [{ values: rand([3, 1], 1), shape: [3, 1] }]);
  });
});

describe('matmul', () => {
  it('gradients in all four transpose cases, batch 1 and odd sizes', () => {
    for (const [m, k, n] of [
      [1, 3, 2],
      [5, 4, 3],
      [2, 1, 7],
    ]) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const sa = ta ? [k, m] : [m, k];
          const sb = tb ? [n, k] : [k, n];
          checkGrad((a, b) => E.matmul(a, b, ta, tb), [
            { values: rand(sa, 1), shape: sa },
            { values: rand(sb, 2), shape: sb },
          ]);
        }
      }
    }
  });
  it('forward values', () => {
    E.tidy(() => {
      const a = E.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      const b = E.tensor([7, 8, 9, 10, 11, 12], [3, 2]);
      expect(Array.from(E.matmul(a, b).values)).toEqual([58, 64, 139, 154]);
      expect(Array.from(E.matmul(b, a, true, true).values)).toEqual([58, 139, 64, 154]);
    });
  });
});

describe('sum keeping a block of middle axes (a conv bias gradient)', () => {
  it('matches an element-by-element reference', () => {
    for (const [shape, axes] of [
      [[2, 3, 4, 5], [0, 2, 3]],
      [[2, 3, 4, 5], [0, 3]],
      [[2, 3, 4, 5], [2, 3]],
      [[3, 4, 2], [0, 2]],
    ] as [number[], number[]][]) {
      E.tidy(() => {
        const v = rand(shape, 7);
        const got = E.sum(E.tensor(v, shape), axes).values;
        const kept = shape.map((_, d) => d).filter((d) => !axes.includes(d));
        const want = new Float64Array(got.length);
        for (let i = 0; i < v.length; i++) {
          let r = i;
          const idx: number[] = [];
          for (let d = shape.length - 1; d >= 0; d--) {
            idx[d] = r % shape[d];
            r = Math.floor(r / shape[d]);
          }
          let o = 0;
          for (const d of kept) o = o * shape[d] + idx[d];
          want[o] += v[i];
        }
        Array.from(got).forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
      });
    }
  });
});
