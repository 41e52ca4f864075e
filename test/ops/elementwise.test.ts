import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

// awkward shapes: batch 1, odd sizes, and broadcasting in both directions
const shapes: [number[], number[]][] = [
  [[3, 5], [3, 5]],
  [[1, 7], [7]],
  [[4, 3], [4, 1]],
  [[2, 3], []],
  [[5], [2, 1, 5]],
];

describe('unary ops: gradients match central finite differences', () => {
  const unary: [string, (x: E.Tensor) => E.Tensor, number, number][] = [
    ['neg', E.neg, -1, 1],
    ['exp', E.exp, -1, 1],
    ['log', E.log, 0.5, 2],
    ['tanh', E.tanh, -2, 2],
    ['sigmoid', E.sigmoid, -3, 3],
    ['relu', E.relu, -1, 1],
    ['abs', E.abs, -1, 1],
    ['sqrt', E.sqrt, 0.5, 2],
  ];
  for (const [name, f, lo, hi] of unary) {
    it(name, () => {
      for (const [shape] of shapes) {
        // keep values away from kinks (relu, abs at 0) where differences are not derivatives
        const v = rand(shape, 3, lo, hi).map((x) => (Math.abs(x) < 0.05 ? 0.3 : x));
        checkGrad(f, [{ values: v, shape }]);
      }
    });
  }
});

describe('binary ops with broadcasting: gradients match central finite differences', () => {
  const binary: [string, (a: E.Tensor, b: E.Tensor) => E.Tensor][] = [
    ['add', E.add],
    ['sub', E.sub],
    ['mul', E.mul],
    ['div', E.div],
    ['maximum', E.maximum],
  ];
  for (const [name, f] of binary) {
    it(name, () => {
      for (const [sa, sb] of shapes) {
        // |a| >= 0.5 so a as a denominator (div, swapped) stays far from its pole
        const a = rand(sa, 1).map((x) => (x < 0 ? x - 0.5 : x + 0.5));
        const b = rand(sb, 2, 0.5, 1.5);
        checkGrad(f, [{ values: a, shape: sa }, { values: b, shape: sb }]);
        checkGrad(f, [{ values: b, shape: sb }, { values: a, shape: sa }]);
      }
    });
  }
});

describe('forward values', () => {
  it('sigmoid is stable for large |x| and relu/step/sign/greater are exact', () => {
    E.tidy(() => {
      const x = E.tensor([-1000, -1, 0, 2, 1000], [5]);
      const s = E.sigmoid(x).values;
      expect(s[0]).toBe(0);
      expect(s[4]).toBe(1);
      expect(s[1]).toBeCloseTo(1 / (1 + Math.E), 6);
      expect(Array.from(E.relu(x).values)).toEqual([0, 0, 0, 2, 1000]);
      expect(Array.from(E.step(x).values)).toEqual([0, 0, 0, 1, 1]);
      expect(Array.from(E.sign(x).values)).toEqual([-1, -1, 0, 1, 1]);
      expect(Array.from(E.greater(x, 0).values)).toEqual([0, 0, 0, 1, 1]);
    });
  });
  it('broadcasts a column against a row', () => {
    E.tidy(() => {
      const c = E.tensor([1, 2], [2, 1]);
      const r = E.tensor([10, 20, 30], [3]);
      const y = E.add(c, r);
      expect(y.shape).toEqual([2, 3]);
      expect(Array.from(y.values)).toEqual([11, 21, 31, 12, 22, 32]);
    });
  });
});
