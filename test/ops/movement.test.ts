import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

const inp = (shape: number[], seed = 1, lo = -1, hi = 1) => ({ values: rand(shape, seed, lo, hi), shape });

describe('transpose', () => {
  it('forward values', () => {
    E.tidy(() => {
      const x = E.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      expect(Array.from(E.transpose(x).values)).toEqual([1, 4, 2, 5, 3, 6]);
      const y = E.tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
      const t = E.transpose(y, [2, 0, 1]);
      expect(t.shape).toEqual([4, 2, 3]);
      // t[k, i, j] = y[i, j, k]
      expect(t.values[1 * 6 + 1 * 3 + 2]).toBe(1 * 12 + 2 * 4 + 1);
    });
  });
  it('gradients: 2-D, 3-D permutations, batch 1', () => {
    checkGrad((x) => E.transpose(x), [inp([3, 5])]);
    checkGrad((x) => E.transpose(x, [2, 0, 1]), [inp([2, 3, 4])]);
    checkGrad((x) => E.transpose(x, [1, 0, 2]), [inp([1, 3, 2])]);
    checkGrad((x) => E.transpose(x, [0, 2, 3, 1]), [inp([1, 2, 3, 3])]);
  });
});

describe('slice and pad', () => {
  it('forward values', () => {
    E.tidy(() => {
      const x = E.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
      expect(Array.from(E.slice(x, [0, 1], [2, 2]).values)).toEqual([2, 3, 5, 6]);
      expect(Array.from(E.slice(x, [1, 0], [1, -1]).values)).toEqual([4, 5, 6]);
      expect(Array.from(E.pad(E.tensor([1, 2], [1, 2]), [[1, 0], [0, 1]], 9).values)).toEqual([9, 9, 9, 1, 2, 9]);
    });
  });
  it('gradients with odd sizes', () => {
    checkGrad((x) => E.slice(x, [1, 0, 2], [2, 3, 1]), [inp([3, 3, 5])]);
    checkGrad((x) => E.slice(x, [2], [3]), [inp([7])]);
    checkGrad((x) => E.pad(x, [[1, 2], [0, 3]]), [inp([3, 2])]);
    checkGrad((x) => E.pad(x, [[0, 0], [1, 1], [2, 0]], 0.5), [inp([1, 2, 3])]);
  });
});

describe('concat', () => {
  it('forward values on each axis', () => {
    E.tidy(() => {
      const a = E.tensor([1, 2, 3, 4], [2, 2]);
      const b = E.tensor([5, 6], [2, 1]);
      expect(Array.from(E.concat([a, b], 1).values)).toEqual([1, 2, 5, 3, 4, 6]);
      expect(Array.from(E.concat([a, E.tensor([7, 8], [1, 2])], 0).values)).toEqual([1, 2, 3, 4, 7, 8]);
    });
  });
  it('gradients for two and three pieces', () => {
    checkGrad((a, b) => E.concat([a, b], 1), [inp([2, 3], 1), inp([2, 1], 2)]);
    checkGrad((a, b, c) => E.concat([a, b, c], 0), [inp([1, 3], 1), inp([2, 3], 2), inp([1, 3], 3)]);
    checkGrad((a, b) => E.concat([a, b], -1), [inp([2, 2, 3], 1), inp([2, 2, 2], 2)]);
  });
});
