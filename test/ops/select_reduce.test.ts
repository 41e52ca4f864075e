import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

const inp = (shape: number[], seed = 1, lo = -1, hi = 1) => ({ values: rand(shape, seed, lo, hi), shape });

describe('where', () => {
  it('selects and routes gradients, with broadcasting', () => {
    const c = E.keep(E.tensor([1, 0, 0, 1, 1, 0], [2, 3]));
    E.tidy(() => {
      const r = E.where(c, E.tensor([1, 2, 3, 4, 5, 6], [2, 3]), -1);
      expect(Array.from(r.values)).toEqual([1, -1, -1, 4, 5, -1]);
    });
    checkGrad((a, b) => E.where(c, a, b), [inp([2, 3], 1), inp([2, 3], 2)]);
    checkGrad((a, b) => E.where(c, a, b), [inp([3], 1), inp([2, 1], 2)]);
    c.dispose();
  });
});

describe('max reduction', () => {
  it('forward values', () => {
    E.tidy(() => {
      const x = E.tensor([1, 5, 3, 4, 2, 6], [2, 3]);
      expect(Array.from(E.max(x, [1]).values)).toEqual([5, 6]);
      expect(Array.from(E.max(x, [0], true).values)).toEqual([4, 5, 6]);
      expect(E.max(x).item()).toBe(6);
    });
  });
  it('gradients over all, one, and several axes', () => {
    checkGrad((x) => E.max(x), [inp([3, 4])]);
    checkGrad((x) => E.max(x, [1]), [inp([3, 5])]);
    checkGrad((x) => E.max(x, [0, 2], true), [inp([2, 3, 4])]);
    checkGrad((x) => E.max(x, [-1]), [inp([1, 7])]);
  });
  it('splits the gradient between tied maxima', () => {
    E.tidy(() => {
      const x = E.variable([2, 2, 1], [3]);
      const { result, tape } = E.record(() => E.max(x));
      const [g] = E.gradients(tape, result, [x]);
      expect(Array.from(g!.values)).toEqual([0.5, 0.5, 0]);
      x.dispose();
    });
  });
});

describe('clip, leaky relu, pow', () => {
  it('gradients away from kinks', () => {
    const v = rand([4, 5], 3, -2, 2).map((x) => (Math.abs(Math.abs(x) - 1) < 0.05 || Math.abs(x) < 0.05 ? 0.5 : x));
    checkGrad((x) => E.clip(x, -1, 1), [{ values: v, shape: [4, 5] }]);
    checkGrad((x) => E.leakyRelu(x, 0.1), [{ values: v, shape: [4, 5] }]);
    checkGrad((x) => E.pow(x, 3), [{ values: v, shape: [4, 5] }]);
    checkGrad((x) => E.pow(x, 0.5), [inp([3, 2], 2, 0.5, 2)]);
  });
  it('forward values', () => {
    E.tidy(() => {
      expect(Array.from(E.clip(E.tensor([-3, 0.5, 3], [3]), -1, 1).values)).toEqual([-1, 0.5, 1]);
      expect(Array.from(E.leakyRelu(E.tensor([-2, 3], [2]), 0.5).values)).toEqual([-1, 3]);
    });
  });
});

describe('softmax and log-softmax (composites)', () => {
  it('rows sum to one and are stable for huge logits', () => {
    E.tidy(() => {
      const s = E.softmax(E.tensor([1000, 1001, 1002, -1000, 0, 1000], [2, 3]));
      const v = s.values;
      expect(v[0] + v[1] + v[2]).toBeCloseTo(1, 5);
      expect(v[5]).toBeCloseTo(1, 5);
      expect(Number.isFinite(v[3])).toBe(true);
      const ls = E.logSoftmax(E.tensor([1000, 0], [1, 2])).values;
      expect(ls[0]).toBeCloseTo(0, 5);
      expect(ls[1]).toBeCloseTo(-1000, 2);
    });
  });
  it('gradients, along last and first axes', () => {
    checkGrad((x) => E.softmax(x), [inp([3, 4], 1, -2, 2)]);
    checkGrad((x) => E.logSoftmax(x), [inp([1, 5], 2, -2, 2)]);
    checkGrad((x) => E.softmax(x, 0), [inp([3, 2], 3, -2, 2)]);
  });
});
