import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../src/ui/params';
import { params } from '../../src/lessons/dropout/meta';
import { createExperiment, type DropoutExperiment } from '../../src/lessons/dropout/experiment';

async function train(over: Record<string, number | string | boolean>, steps: number): Promise<DropoutExperiment> {
  const e = await createExperiment(parseParams(params, over));
  for (let i = 0; i < steps && !e.done; i++) await e.step();
  return e;
}

// results about overfitting and dropout are the scenes' claims (meta.ts, npm run claims); these check the mechanism
describe('dropout lesson, default settings (p = 0.5, 800 steps)', () => {
  let m: Record<string, number>;
  let frame: Record<string, Float32Array>;
  beforeAll(async () => {
    const e = await train({}, 800);
    m = await e.metrics();
    frame = (await e.frame()) as Record<string, Float32Array>;
    e.dispose();
  }, 120_000);

  it('the mean of the dropout mask over many steps is 1 - p', () => {
    expect(m.kept_frac).toBeCloseTo(0.5, 2);
  });

  it('the frame holds the first example\'s masks with values 0 or 1/(1-p), and both decision surfaces', () => {
    const mask = Array.from(frame.mask1).concat(Array.from(frame.mask2));
    expect(mask.length).toBe(2 * 48);
    for (const v of mask) expect([0, 2]).toContain(v);
    expect(mask.filter((v) => v === 0).length).toBeGreaterThan(0);
    expect(mask.filter((v) => v === 2).length).toBeGreaterThan(0);
    expect(Array.from(frame.mask_in)).toEqual([1, 1]);
    // the whole mini-batch's masks: row 0 is the example drawn in the diagram, other rows differ
    const bm = Array.from(frame.batch_mask);
    expect(bm.length).toBe(16 * 96);
    expect(bm.slice(0, 48)).toEqual(Array.from(frame.mask1, (v) => (v > 0 ? 1 : 0)));
    expect(bm.slice(48, 96)).toEqual(Array.from(frame.mask2, (v) => (v > 0 ? 1 : 0)));
    expect(bm.slice(96, 192)).not.toEqual(bm.slice(0, 96));
    expect(frame.surf.length).toBe(frame.base_surf.length);
    const differs = Array.from(frame.surf).some((v, i) => Math.abs(v - frame.base_surf[i]) > 0.1);
    expect(differs).toBe(true);
  });

  it('at test time both rules are scored at one step; the weight-scaling row is the full network of the curves', () => {
    expect(m.tt_step).toBe(800);
    expect(Math.abs(m.mc_acc - m.ws_acc)).toBeLessThan(0.05);
    expect(m.ws_acc).toBe(m.val_acc);
  });
});

describe('before the first step', () => {
  it('metrics and frame are complete and finite (the page shows them at once)', async () => {
    const e = await train({}, 0);
    const m = await e.metrics();
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    expect(m.best_step).toBe(0);
    const f = await e.frame();
    expect(f.batch_mask!.length).toBe(0);
    expect(Array.from(f.mask1!)).toEqual(new Array(48).fill(1));
    e.dispose();
  });
});

describe('early stopping', () => {
  it('stops within patience steps of the best validation loss and restores those weights', async () => {
    const patience = 100;
    const e = await train({ p: 0, earlyStop: true, patience }, 4000);
    expect(e.done).toBe(true);
    const m = await e.metrics();
    expect(m.stopped_at).toBe(e.t);
    expect(m.stopped_at - m.best_step).toBeGreaterThan(0);
    expect(m.stopped_at - m.best_step).toBeLessThanOrEqual(patience);
    // the reported validation loss is recomputed from the network's weights: equal to the best only if they were restored
    expect(m.val_loss).toBe(m.best_val_loss);
    // a stopped run takes no more steps
    await e.step();
    expect(e.t).toBe(m.stopped_at);
    e.dispose();
  });

  it('without early stopping the best step is still tracked but the run goes on', async () => {
    const e = await train({ p: 0, earlyStop: false, patience: 20 }, 400);
    expect(e.done).toBe(false);
    const m = await e.metrics();
    expect(m.best_step).toBeLessThan(400);
    expect(m.stopped_at).toBeUndefined();
    expect(m.val_loss).toBeGreaterThanOrEqual(m.best_val_loss);
    e.dispose();
  });
});

describe('two runs from one seed', () => {
  it('with no regularization chosen, the two runs are the same network bit for bit', async () => {
    const e = await train({ p: 0, l2: 0, l1: 0 }, 150);
    const m = await e.metrics();
    expect(m.train_loss).toBe(m.base_train_loss);
    expect(m.val_loss).toBe(m.base_val_loss);
    e.dispose();
  });

  it('a seed reproduces a run exactly; another seed does not', async () => {
    const run = async (seed: number) => {
      const e = await train({ seed }, 100);
      const m = await e.metrics();
      e.dispose();
      return m.val_loss;
    };
    expect(await run(5)).toBe(await run(5));
    expect(await run(5)).not.toBe(await run(6));
  });
});

describe('the three-way split and each run at its best validation step', () => {
  it('training, validation and test sets are disjoint, of the stated sizes (2-D and digits)', async () => {
    const key = (d: { x: Float32Array; dim: number }, i: number) => Array.from(d.x.subarray(i * d.dim, (i + 1) * d.dim)).join(',');
    for (const over of [{}, { dataset: 'digits', points: 300 }] as Record<string, string | number>[]) {
      const e = await train(over, 0);
      const { train: tr, val, test } = e.split;
      const digits = 'dataset' in over;
      expect([tr.n, val.n, test.n]).toEqual(digits ? [300, 300, 300] : [80, 200, 200]);
      const seen = new Set<string>();
      for (const d of [tr, val, test]) for (let i = 0; i < d.n; i++) seen.add(key(d, i));
      // no example (by its inputs) is in two sets; a few digits repeat pixel for pixel only if MNIST has twins, so allow none
      expect(seen.size).toBe(tr.n + val.n + test.n);
      e.dispose();
    }
  }, 60_000);

  it('the test score at the best step is the test score of the weights early stopping restores', async () => {
    const e = await train({ p: 0.5, earlyStop: true, patience: 50 }, 4000);
    expect(e.done).toBe(true);
    const m = await e.metrics();
    const { loss, acc } = e.reg.evaluate(e.split.testX, e.split.testY);
    const [l, a] = [(await loss.read())[0], (await acc.read())[0]];
    loss.dispose();
    acc.dispose();
    expect(l).toBe(m.best_test_loss);
    expect(a).toBe(m.best_test_acc);
    expect(m.base_best_step).toBeGreaterThanOrEqual(0);
    expect(m.base_best_val_loss).toBeLessThanOrEqual(m.base_val_loss);
    e.dispose();
  }, 60_000);

  it('with no regularizer the runs are one network: the same best step and scores, and the regularized run is never below', async () => {
    const e = await train({ p: 0 }, 300);
    const m = await e.metrics();
    expect(m.best_step).toBe(m.base_best_step);
    expect(m.best_val_loss).toBe(m.base_best_val_loss);
    expect(m.best_test_acc).toBe(m.base_best_test_acc);
    expect(m.below_since).toBe(301);
    e.dispose();
  });

  it('below_since is the step after the last one at which the regularized run was not below the baseline', async () => {
    const e = await train({ p: 0.5 }, 0);
    let lastNotBelow = 0;
    for (let t = 1; t <= 400; t++) {
      await e.step();
      const m = await e.metrics();
      if (!(m.val_loss < m.base_val_loss)) lastNotBelow = t;
      expect(m.below_since).toBe(lastNotBelow + 1);
    }
    e.dispose();
  }, 120_000);
});
