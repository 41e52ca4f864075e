import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { rand } from '../gradcheck';

// Max pooling keeps its arg-max indices from the forward pass for the backward
// pass (ops/keptForBackward.ts). When later forward passes have taken the slot,
// the backward op recomputes them: the gradients must have the same bits either way.

/** Gradients of sum(f(x, w) * r), with `between` run after the forward pass and before the backward. */
function grads(f: (x: E.Tensor, w: E.Tensor) => E.Tensor, xs: number[], ws: number[], between: () => void): Float32Array[] {
  return E.tidy(() => {
    const x = E.variable(rand(xs, 1), xs);
    const w = E.variable(rand(ws, 2), ws);
    const { grads: g } = E.valueAndGrad(() => {
      const y = f(x, w);
      const loss = E.sum(E.mul(y, E.tensor(rand([...y.shape], 3), y.shape)));
      between();
      return loss;
    }, [x, w]);
    return g.map((t) => t.values.slice());
  });
}

/** Enough forward passes on other inputs to take every slot. */
function evict(): void {
  for (let i = 0; i < 12; i++) {
    const z = E.tensor(rand([1, 2, 6, 6], 10 + i), [1, 2, 6, 6]);
    E.conv2d(z, E.tensor(rand([2, 2, 3, 3], 30 + i), [2, 2, 3, 3]), { pad: 1 });
    E.maxPool2d(z, 2);
  }
}

describe('work kept from the forward pass for the backward pass', () => {
  it('maxPool2d: the input gradient has the same bits with the kept arg-maxes and with recomputed ones', () => {
    for (const [size, stride] of [[2, 2], [3, 2], [3, 3]]) {
      const f = (x: E.Tensor, w: E.Tensor) => E.maxPool2d(E.mul(x, w), size, stride);
      const kept = grads(f, [2, 3, 8, 7], [1, 3, 1, 1], () => {});
      const rebuilt = grads(f, [2, 3, 8, 7], [1, 3, 1, 1], evict);
      expect(Array.from(kept[0])).toEqual(Array.from(rebuilt[0]));
      expect(kept[0].filter((v) => v !== 0).length).toBeGreaterThan(0);
    }
  });

  it('a kept result is not used for a different input with the same shape', () => {
    E.tidy(() => {
      const a = E.tensor(rand([1, 1, 4, 4], 5), [1, 1, 4, 4]);
      const b = E.variable(rand([1, 1, 4, 4], 6), [1, 1, 4, 4]);
      E.maxPool2d(a, 2); // keeps a's arg-maxes
      const g = E.tensor(new Float32Array(4).fill(1), [1, 1, 2, 2]);
      // b's gradient routes to b's maxima, whatever a left behind
      const { grads: [gb] } = E.valueAndGrad(() => E.sum(E.mul(E.maxPool2d(b, 2), g)), [b]);
      const v = b.values;
      const gv = gb.values;
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++) {
          const win = [0, 1].flatMap((di) => [0, 1].map((dj) => (2 * i + di) * 4 + 2 * j + dj));
          const arg = win.reduce((m, k) => (v[k] > v[m] ? k : m));
          for (const k of win) expect(gv[k]).toBe(k === arg ? 1 : 0);
        }
    });
  });
});
