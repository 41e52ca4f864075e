/**
 * The tuning lesson's code: the planted bugs keep the forward pass and break
 * only the backward rule, the finite differences agree with autodiff on a
 * function we can differentiate by hand, and the search plans what it says.
 * The scenes' results are claims in meta.ts (`npm run claims -- --lesson tuning`).
 */
import { describe, expect, it } from 'vitest';
import { Rng, gradients, record, sum, tensor, tidy, variable, mul } from '../../src/engine';
import { BUGS, BUG_INFO, scaledGrad } from '../../src/lessons/tuning/bugs';
import { CheckNet, GradCheckRun, finiteDifferences, relativeError } from '../../src/lessons/tuning/gradcheck';
import { gridValues, planSearch, runningBest, gridValuesSpread } from '../../src/lessons/tuning/search';
import { meta } from '../../src/lessons/tuning/meta';
import { parseParams } from '../../src/ui/params';
import type { TuningParams } from '../../src/lessons/tuning/types';

const P = (over: Partial<TuningParams>) => parseParams(meta.params, over) as TuningParams;

describe('planted bugs', () => {
  it('scaledGrad keeps the value bit for bit and scales the gradient', () => {
    const x = variable([0.3, -1.7, 2.5], [3]);
    const { result, tape } = record(() => sum(mul(scaledGrad(x, -3), scaledGrad(x, 1))));
    const [g] = gradients(tape, result, [x]);
    // d/dx of x² with one factor's gradient scaled by -3: (-3 + 1) x
    expect(Array.from(g!.values)).toEqual([0.3, -1.7, 2.5].map((v) => Math.fround(-2 * Math.fround(v))).map((v) => expect.closeTo(v, 5)));
    x.dispose();
  });

  it('a buggy net computes the same loss as the correct one', () => {
    const x = tensor(Float32Array.from({ length: 8 * 6 }, (_, i) => Math.sin(i)), [8, 6]);
    const y = tensor(Float32Array.from({ length: 8 * 3 }, (_, i) => (i % 3 === 0 ? 1 : 0)), [8, 3]);
    const ok = new CheckNet(5, 'none');
    const want = tidy(() => ok.loss(x, y).values[0]);
    for (const bug of BUGS) {
      const net = new CheckNet(5, bug);
      expect(tidy(() => net.loss(x, y).values[0])).toBe(want);
      net.dispose();
    }
    ok.dispose();
  });
});

describe('finite differences', () => {
  it('match the gradient of sum(w³) within float32 rounding', async () => {
    const w = variable([0.5, -1, 2], [3]);
    const fd = await finiteDifferences(async () => tidy(() => sum(mul(mul(w, w), w)).values[0]), [w], 1e-2);
    expect(relativeError(fd[0], [0.75, 3, 12])).toBeLessThan(1e-3);
    // the parameter is put back exactly
    expect(Array.from(w.values)).toEqual([0.5, -1, 2]);
    w.dispose();
  });

  it('relativeError is 0 for equal vectors and 1 for opposite ones', () => {
    expect(relativeError([1, 2], [1, 2])).toBe(0);
    expect(relativeError([1, 2], [-1, -2])).toBe(1);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
  });
});

describe('the gradient check flags the layer that has the bug', () => {
  for (const bug of BUGS) {
    it(`bug ${bug}`, async () => {
      const run = new GradCheckRun(P({ view: 'gradcheck', bug, seed: 3, eps: 1e-3 }));
      const m = await run.metrics();
      run.dispose();
      if (bug === 'none') {
        expect(m.grad_rel_error).toBeLessThan(1e-2);
        expect(m.flagged_layer).toBe(0);
      } else {
        expect(m.flagged_layer).toBe(BUG_INFO[bug].layer);
        expect(m.grad_rel_error).toBeGreaterThan(0.1);
      }
    });
  }
});

describe('the search plan', () => {
  it('the grid takes cell centres; random draws stay inside the square; the trials alternate', () => {
    expect(gridValues([-3, 1], 3).map((v) => +v.toFixed(6))).toEqual([-2.333333, -1, 0.333333]);
    const plan = planSearch(0, new Rng(7));
    expect(plan.length).toBe(18);
    expect(plan.map((t) => t.kind)).toEqual(Array.from({ length: 18 }, (_, i) => i % 2));
    const random = plan.filter((t) => t.kind === 1);
    expect(new Set(random.map((t) => t.logLr)).size).toBe(9);
    for (const t of random) {
      expect(t.logLr).toBeGreaterThanOrEqual(-3);
      expect(t.logLr).toBeLessThanOrEqual(1);
      expect(t.logWd).toBeGreaterThanOrEqual(-6);
      expect(t.logWd).toBeLessThanOrEqual(-3);
    }
    expect(new Set(plan.filter((t) => t.kind === 0).map((t) => t.logLr)).size).toBe(3);
  });

  it('runningBest and the λ spread at the grid’s best η', () => {
    expect(runningBest([0.5, 0.7, 0.2, 0.3])).toEqual([0.5, 0.5, 0.2, 0.2]);
    // rows are λ, columns η; the best (0.1) is in column 1, whose values are 0.1, 0.15, 0.12
    expect(gridValuesSpread([0.9, 0.1, 1, 0.9, 0.15, 1, 0.9, 0.12, 1])).toBeCloseTo(0.05, 6);
    expect(gridValuesSpread([0.5])).toBeNull();
  });
});
