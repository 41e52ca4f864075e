import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';

// gradients: every op's cases are checked against central differences by test/ops/gradients.test.ts

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
