/**
 * The tuning lesson's schedules, normalization and capacity views: the
 * standardization guard keeps σ = 0 pixels finite (and a tiny guard does not
 * keep unseen ink small), the 1/t and halving runs follow their rules, and the
 * capacity control changes the shown net without retraining.
 * Their results are claims in meta.ts (`npm run claims -- --lesson tuning`).
 */
import { describe, expect, it } from 'vitest';
import { CapacityRun } from '../../../src/lessons/tuning/capacity';
import { DecayRun } from '../../../src/lessons/tuning/decay';
import { meta } from '../../../src/lessons/tuning/meta';
import { moments, standardize } from '../../../src/lessons/tuning/normalize';
import { DECAY_CHECK, DECAY_LR0, DECAY_TAU, type TuningParams } from '../../../src/lessons/tuning/types';
import { parseParams } from '../../../src/ui/params';

const P = (over: Partial<TuningParams>) => parseParams(meta.params, over) as TuningParams;

describe('standardizing the inputs', () => {
  // three "digits" of 3 pixels: pixel 0 always 0 (σ = 0), pixel 1 varies, pixel 2 lit in one digit only
  const train = { x: Float32Array.from([0, 0.2, 0, 0, 0.6, 0, 0, 1, 0.9]), labels: new Int32Array(3), n: 3, dim: 3 };
  it('gives each lit pixel zero mean and unit variance over the training set', () => {
    const { mean, sigma } = moments(train);
    expect(sigma[0]).toBe(0);
    const s = standardize(train, mean, sigma, 0.1);
    for (const j of [1, 2]) {
      const col = [0, 1, 2].map((i) => s.x[i * 3 + j]);
      const m = col.reduce((a, b) => a + b) / 3;
      expect(m).toBeCloseTo(0, 5);
      expect(col.reduce((a, b) => a + (b - m) ** 2, 0) / 3).toBeCloseTo(1, 4);
    }
  });
  it('keeps a σ = 0 pixel at 0 in training, and the guard sets how large unseen ink becomes', () => {
    const { mean, sigma } = moments(train);
    expect(Array.from(standardize(train, mean, sigma, 1e-8).x).every(Number.isFinite)).toBe(true);
    const unseen = { x: Float32Array.from([0.5, 0.2, 0]), labels: new Int32Array(1), n: 1, dim: 3 };
    expect(standardize(unseen, mean, sigma, 0.1).x[0]).toBeCloseTo(5, 5);
    expect(standardize(unseen, mean, sigma, 1e-8).x[0]).toBeGreaterThan(1e7);
  });
});

describe('the schedules', () => {
  it('1/t holds ε₀ for τ steps then falls as ε₀τ/t; halving only halves, and only at a check', async () => {
    const run = new DecayRun(P({ view: 'decay', seed: 2 }));
    let last = DECAY_LR0;
    for (let t = 1; t <= 2 * DECAY_CHECK + 1; t++) {
      await run.step();
      const m = await run.metrics();
      expect(m.lr_constant).toBe(DECAY_LR0);
      expect(m.lr_inverse).toBeCloseTo((DECAY_LR0 * DECAY_TAU) / Math.max(t + 1, DECAY_TAU), 10);
      if (t % DECAY_CHECK !== 0) expect(m.lr_halve).toBe(last);
      else expect([last, last / 2]).toContain(m.lr_halve);
      expect(m.lr_halve).toBe(DECAY_LR0 / 2 ** m.halvings);
      last = m.lr_halve;
    }
    run.dispose();
  });
});

describe('the capacity control', () => {
  it('picks the shown net without a rebuild; every width keeps training', async () => {
    const run = new CapacityRun(P({ view: 'capacity', hidden: '2', seed: 1 }));
    for (let t = 0; t < 10; t++) await run.step();
    const a = await run.metrics();
    expect(a.train_error).toBe(a.train_error_2);
    expect(run.setParams({ hidden: '128' })).toBe(true);
    const b = await run.metrics();
    expect(b.train_error).toBe(b.train_error_128);
    expect(b.val_error).toBe(a.val_error_128);
    expect(run.setParams({ seed: 3 })).toBe(false);
    run.dispose();
  });
});
