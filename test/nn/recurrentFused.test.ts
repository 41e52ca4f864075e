import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

// The fused LSTM/GRU steps (one op per time step) against the same cells
// written from primitives, on random shapes, and their ops against finite differences.

function maxErr(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return w;
}

type Kind = 'lstm' | 'gru';
function run(kind: Kind, fused: boolean, B: number, D: number, H: number, T: number, seed: number, withH0: boolean) {
  return E.tidy(() => {
    const rng = new E.Rng(seed);
    const cell = kind === 'lstm' ? new E.LSTM(D, H, rng, { fused }) : new E.GRU(D, H, rng, { fused });
    const head = new E.Dense(H, 3, rng);
    const xs = Array.from({ length: T }, (_, t) => {
      const x = E.tensor(rand([B, D], seed * 100 + t, -2, 2), [B, D]);
      x.requiresGrad = true;
      return x;
    });
    const h0 = E.tensor(rand([B, H], seed + 7), [B, H]);
    h0.requiresGrad = true;
    const c0 = E.tensor(rand([B, H], seed + 8), [B, H]);
    c0.requiresGrad = true;
    const y = E.oneHot(Int32Array.from({ length: B }, (_, i) => i % 3), 3);
    const { result, tape } = E.record(() => {
      const out = withH0 ? (cell instanceof E.LSTM ? cell.forward(xs, h0, c0) : cell.forward(xs, h0)) : cell.forward(xs);
      // the loss reads the last h and one gate of the middle step (gate gradients flow too)
      const mid = out.gates[Math.floor(T / 2)];
      const gate = kind === 'lstm' ? mid.f : mid.r;
      const L = E.add(E.softmaxCrossEntropy(head.forward(out.hs[T - 1]), y), E.mul(E.sum(E.mul(gate, gate)), 0.1));
      return { out, L };
    });
    const wrt = [...cell.params(), ...xs, ...(withH0 ? [h0, ...(kind === 'lstm' ? [c0] : [])] : [])];
    const grads = E.gradients(tape, result.L, wrt).map((g) => g!.values.slice());
    const dh = E.hiddenGradients(tape, result.L, result.out).map((g) => (g ? g.values.slice() : null));
    const hs = result.out.hs.map((h) => h.values.slice());
    const cs = result.out.cs.map((c) => c.values.slice());
    const gates = result.out.gates.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.values.slice()])));
    cell.dispose();
    head.dispose();
    return { L: result.L.item(), grads, dh, hs, cs, gates };
  });
}

describe.each(['lstm', 'gru'] as Kind[])('fused %s matches the composite cell', (kind) => {
  const shapes: [number, number, number, number][] = [
    [1, 1, 1, 1],
    [3, 5, 4, 6],
    [2, 3, 7, 9],
    [5, 2, 13, 4],
  ];
  for (const [B, D, H, T] of shapes) {
    for (const withH0 of [false, true]) {
      it(`B ${B}, D ${D}, H ${H}, T ${T}${withH0 ? ', given h0/c0' : ''}`, () => {
        const seed = B * 31 + D * 7 + H + T + (withH0 ? 1000 : 0);
        const f = run(kind, true, B, D, H, T, seed, withH0);
        const c = run(kind, false, B, D, H, T, seed, withH0);
        expect(Math.abs(f.L - c.L)).toBeLessThan(1e-5);
        f.hs.forEach((h, t) => expect(maxErr(h, c.hs[t])).toBeLessThan(1e-5));
        f.cs.forEach((x, t) => expect(maxErr(x, c.cs[t])).toBeLessThan(1e-5));
        f.gates.forEach((g, t) => Object.keys(g).forEach((k) => expect(maxErr(g[k], c.gates[t][k])).toBeLessThan(1e-5)));
        f.grads.forEach((g, k) => expect(maxErr(g, c.grads[k]), `gradient ${k}`).toBeLessThan(1e-4));
        // dL/dh_t through the later steps, both ways
        f.dh.forEach((g, t) => {
          expect(g === null).toBe(c.dh[t] === null);
          if (g && c.dh[t]) expect(maxErr(g, c.dh[t]!), `dL/dh_${t}`).toBeLessThan(1e-4);
        });
      });
    }
  }
});

describe('fused cell ops against finite differences', () => {
  it('lstmCell: x, state and W (every block of the output carries a gradient)', () => {
    const B = 2, D = 3, H = 3;
    checkGrad(E.lstmCell, [
      { values: rand([B, D], 1), shape: [B, D] },
      { values: rand([B, 6 * H], 2), shape: [B, 6 * H] },
      { values: rand([D + H + 1, 4 * H], 3), shape: [D + H + 1, 4 * H] },
    ], { h: 1e-2, tol: 2e-2 });
  });
  it('gruCell: x, state and W', () => {
    const B = 2, D = 3, H = 3;
    checkGrad(E.gruCell, [
      { values: rand([B, D], 4), shape: [B, D] },
      { values: rand([B, 4 * H], 5), shape: [B, 4 * H] },
      { values: rand([D + H + 1, 3 * H], 6), shape: [D + H + 1, 3 * H] },
    ], { h: 1e-2, tol: 2e-2 });
  });
  it('rejects a state of the wrong width with a message naming the layouts', () => {
    E.tidy(() => {
      expect(() => E.lstmCell(E.zeros([2, 3]), E.zeros([2, 8]), E.zeros([8, 16]))).toThrow(/state \[B, 6H\]/);
      expect(() => E.gruCell(E.zeros([2, 3]), E.zeros([2, 8]), E.zeros([8, 12]))).toThrow(/state \[B, 4H\]/);
    });
  });
});
