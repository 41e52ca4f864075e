import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { rand } from '../gradcheck';

describe('BatchNorm layer', () => {
  it('trains on batch statistics and moves the running averages by momentum; gamma and beta are its params', () => {
    const bn = new E.BatchNorm(3, { momentum: 0.8 });
    expect(bn.params()).toEqual([bn.gamma, bn.beta]);
    expect(Array.from(bn.runningMean.values)).toEqual([0, 0, 0]);
    expect(Array.from(bn.runningVar.values)).toEqual([1, 1, 1]);
    E.tidy(() => {
      const x = E.tensor(rand([10, 3], 1, -1, 3), [10, 3]);
      const y = bn.forward(x);
      const batch = E.batchNorm(x, bn.gamma, bn.beta);
      expect(Array.from(y.values)).toEqual(Array.from(batch.y.values));
      const mean = batch.mean.values;
      const variance = batch.variance.values;
      expect(bn.trained).toBe(true);
      expect(Array.from(bn.batchMean.values)).toEqual(Array.from(mean));
      expect(Array.from(bn.batchVar.values)).toEqual(Array.from(variance));
      bn.runningMean.values.forEach((v, i) => expect(v).toBeCloseTo(0.2 * mean[i], 6));
      bn.runningVar.values.forEach((v, i) => expect(v).toBeCloseTo(0.8 + 0.2 * variance[i], 6));
    });
    bn.dispose();
  });

  it('in inference mode uses the running averages: one example is normalized alone, and nothing updates', () => {
    const bn = new E.BatchNorm(2, { eps: 1e-3 });
    E.tidy(() => {
      for (let s = 0; s < 5; s++) bn.forward(E.tensor(rand([8, 2], s + 2, 1, 4), [8, 2]));
    });
    const rm = bn.runningMean.values.slice();
    const rv = bn.runningVar.values.slice();
    bn.training = false;
    E.tidy(() => {
      const y = bn.forward(E.tensor([2, 3], [1, 2])).values;
      for (let f = 0; f < 2; f++) expect(y[f]).toBeCloseTo(([2, 3][f] - rm[f]) / Math.sqrt(rv[f] + 1e-3), 5);
    });
    expect(Array.from(bn.runningMean.values)).toEqual(Array.from(rm));
    expect(Array.from(bn.runningVar.values)).toEqual(Array.from(rv));
    bn.dispose();
  });

  it('per channel on NCHW input, and gamma and beta get gradients (the running averages do not)', () => {
    const bn = new E.BatchNorm(2, { axes: [0, 2, 3] });
    E.tidy(() => {
      const x = E.tensor(rand([3, 2, 2, 2], 9), [3, 2, 2, 2]);
      const { result, tape } = E.record(() => E.sum(E.mul(bn.forward(x), E.tensor(rand([3, 2, 2, 2], 10), [3, 2, 2, 2]))));
      const [dg, db, dm] = E.gradients(tape, result, [bn.gamma, bn.beta, bn.runningMean]);
      expect(dg!.shape).toEqual([2]);
      expect(db!.shape).toEqual([2]);
      expect(dm).toBeNull();
      expect(bn.batchMean.shape).toEqual([2]);
    });
    bn.dispose();
  });

  it('keeps the last batch statistics on the device and reads them only when asked; null before any training pass', async () => {
    const bn = new E.BatchNorm(3);
    expect(await bn.lastStats()).toBeNull();
    const x = E.tensor(rand([6, 3], 4, -1, 2), [6, 3]);
    E.tidy(() => bn.forward(x));
    const want = E.tidy(() => E.keep(E.batchNorm(x, bn.gamma, bn.beta).variance));
    // evaluating in inference mode changes neither the statistics nor the flag
    bn.training = false;
    E.tidy(() => bn.forward(E.tensor(rand([2, 3], 5), [2, 3])));
    const s = await bn.lastStats();
    expect(Array.from(s!.variance)).toEqual(Array.from(await want.read()));
    expect(s!.mean).toHaveLength(3);
    want.dispose();
    x.dispose();
    bn.dispose();
  });
});
