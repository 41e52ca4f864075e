import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';

/** 100 steps of a dropout MLP on spirals with the named optimizer; returns every weight. */
function train(seed: number, opt: E.OptimizerName): Float32Array[] {
  const rng = new E.Rng(seed);
  const d = E.data.spirals(64, 0.05, rng);
  const drop = new E.Dropout(0.3, rng);
  const net = new E.Sequential([new E.Dense(2, 16, rng), new E.Fn(E.tanh), drop, new E.Dense(16, 2, rng)]);
  const params = net.params();
  const o = E.makeOptimizer(opt, { lr: E.inverseTime(0.05, 50), weightDecay: 1e-3 });
  for (let s = 0; s < 100; s++) {
    E.tidy(() => {
      const idx = Array.from({ length: 16 }, () => rng.int(d.n));
      const sub = E.data.subset(d, idx);
      const { grads } = E.valueAndGrad(() => E.softmaxCrossEntropy(net.forward(E.tensor(sub.x, [16, 2])), E.oneHot(sub.y, 2)), params);
      o.step(params, E.clipByGlobalNorm(grads, 5).grads);
    });
  }
  const out = params.map((p) => p.values.slice());
  params.forEach((p) => p.dispose());
  drop.dispose();
  o.dispose();
  return out;
}

describe('seeded determinism', () => {
  for (const opt of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const) {
    it(`${opt}: same seed, same weights after 100 steps, bit for bit`, () => {
      const a = train(3, opt);
      const b = train(3, opt);
      const c = train(4, opt);
      a.forEach((w, i) => expect(Buffer.from(w.buffer).equals(Buffer.from(b[i].buffer))).toBe(true));
      expect(Buffer.from(a[0].buffer).equals(Buffer.from(c[0].buffer))).toBe(false);
    });
  }
});
