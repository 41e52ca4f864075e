/** The fused cells' per-step views (hs, cs, gates) behave as arrays: map and forEach see every step. */
import { describe, expect, it } from 'vitest';
import { LSTM, GRU, Rng, tensor, tidy } from '../../src/engine';

describe('fused recurrent outputs as arrays', () => {
  it('map/forEach over hs, cs and gates visit every time step', () => {
    tidy(() => {
      const xs = [0, 1, 2].map((t) => tensor(Float32Array.from({ length: 6 }, (_, i) => Math.sin(i + t)), [2, 3]));
      for (const cell of [new LSTM(3, 4, new Rng(1)), new GRU(3, 4, new Rng(1))]) {
        const out = cell.forward(xs);
        expect(out.hs.map((h) => h.shape[1])).toEqual([4, 4, 4]);
        let n = 0;
        out.gates.forEach((g) => (n += Object.keys(g).length > 0 ? 1 : 0));
        expect(n).toBe(3);
        if (cell instanceof LSTM) expect(out.cs.map((c) => c.shape)).toEqual([[2, 4], [2, 4], [2, 4]]);
      }
    });
  });
});
