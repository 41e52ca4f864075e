import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';
import type { Backend } from '../../src/engine/backend';

// The activations' backward ops are real ops (cpu and webgpu kernels; the
// webgpu side is held to the cpu by the op suite, test/webgpu/opSuite.ts).
describe('fused activation backward ops', () => {
  const cases: [string, (g: E.Tensor, x: E.Tensor) => E.Tensor, (x: E.Tensor) => E.Tensor, (g: E.Tensor, x: E.Tensor) => E.Tensor][] = [
    ['tanhGrad', E.tanhGrad, (x) => x, (g, x) => E.mul(g, E.sub(1, E.mul(E.tanh(x), E.tanh(x))))],
    ['sigmoidGrad', E.sigmoidGrad, E.sigmoid, (g, x) => E.mul(g, E.mul(E.sigmoid(x), E.sub(1, E.sigmoid(x))))],
    ['reluGrad', E.reluGrad, (x) => x, (g, x) => E.mul(g, E.step(x))],
  ];
  for (const [name, op, second, composite] of cases) {
    it(`${name} equals its composite`, () => {
      E.tidy(() => {
        const x = E.tensor(rand([7, 5], 1, -4, 4), [7, 5]);
        const g = E.tensor(rand([7, 5], 2), [7, 5]);
        const fused = op(g, second(x)).values;
        const want = composite(g, x).values;
        fused.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
      });
    });
  }

  it('gradients of the ops themselves (both inputs) match finite differences', () => {
    const away = (v: Float32Array) => v.map((x) => (Math.abs(x) < 0.05 ? 0.3 : x));
    checkGrad(E.tanhGrad, [{ values: rand([3, 4], 3), shape: [3, 4] }, { values: rand([3, 4], 4, -3, 3), shape: [3, 4] }]);
    checkGrad(E.sigmoidGrad, [{ values: rand([3, 4], 5), shape: [3, 4] }, { values: rand([3, 4], 6, 0.05, 0.95), shape: [3, 4] }]);
    checkGrad(E.reluGrad, [{ values: rand([3, 4], 7), shape: [3, 4] }, { values: away(rand([3, 4], 8)), shape: [3, 4] }]);
  });

  it('a backward pass runs the same ops whatever the backend is called (no branch on the backend)', () => {
    // a cpu backend under the webgpu name, logging every op it runs
    const run = (name: 'cpu' | 'webgpu') => {
      const ran: string[] = [];
      const spy: Backend = { ...E.cpuBackend, name, exec: (op, ins, out, attrs) => (ran.push(op.name), E.cpuBackend.exec(op, ins, out, attrs)) };
      const prev = E.getBackend();
      E.setBackend(spy);
      try {
        E.tidy(() => {
          const x = E.tensor(rand([2, 3], 11), [2, 3]);
          x.requiresGrad = true;
          const { result, tape } = E.record(() => E.sum(E.add(E.add(E.tanh(x), E.sigmoid(x)), E.relu(x))));
          ran.length = 0;
          E.gradients(tape, result, [x]);
        });
      } finally {
        E.setBackend(prev);
      }
      return ran;
    };
    const cpu = run('cpu');
    expect(cpu).toEqual(expect.arrayContaining(['tanhGrad', 'sigmoidGrad', 'reluGrad']));
    expect(run('webgpu')).toEqual(cpu);
  });

  it('fast tanh kernel agrees with Math.tanh', () => {
    E.tidy(() => {
      const v = new Float32Array([-30, -5, -1, -1e-3, -1e-6, 0, 1e-6, 1e-3, 0.5, 2, 30]);
      const y = E.tanh(E.tensor(v, [v.length])).values;
      v.forEach((x, i) => expect(Math.abs(y[i] - Math.tanh(x))).toBeLessThanOrEqual(2e-7 * Math.max(1e-6, Math.abs(Math.tanh(x))) + 1e-9));
    });
  });
});
