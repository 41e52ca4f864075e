import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { rand } from '../gradcheck';
import type { OpDef } from '../../src/engine/op';

// Each fused backward op must equal the composite it replaces.
describe('fused cpu backward ops match their composites', () => {
  const cases: [string, OpDef, (g: E.Tensor, x: E.Tensor) => E.Tensor, (g: E.Tensor, x: E.Tensor) => E.Tensor][] = [
    ['tanhGrad', E.tanhGradOp, (g, x) => E.tanh(x), (g, x) => E.mul(g, E.sub(1, E.mul(E.tanh(x), E.tanh(x))))],
    ['sigmoidGrad', E.sigmoidGradOp, (g, x) => E.sigmoid(x), (g, x) => E.mul(g, E.mul(E.sigmoid(x), E.sub(1, E.sigmoid(x))))],
    ['reluGrad', E.reluGradOp, (g, x) => x, (g, x) => E.mul(g, E.step(x))],
  ];
  for (const [name, op, second, composite] of cases) {
    it(name, () => {
      E.tidy(() => {
        const x = E.tensor(rand([7, 5], 1, -4, 4), [7, 5]);
        const g = E.tensor(rand([7, 5], 2), [7, 5]);
        const fused = E.apply(op, [g, second(g, x)], undefined).values;
        const want = composite(g, x).values;
        fused.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
      });
    });
  }
  it('fast tanh kernel agrees with Math.tanh', () => {
    E.tidy(() => {
      const v = new Float32Array([-30, -5, -1, -1e-3, -1e-6, 0, 1e-6, 1e-3, 0.5, 2, 30]);
      const y = E.tanh(E.tensor(v, [v.length])).values;
      v.forEach((x, i) => expect(Math.abs(y[i] - Math.tanh(x))).toBeLessThanOrEqual(2e-7 * Math.max(1e-6, Math.abs(Math.tanh(x))) + 1e-9));
    });
  });
});
