import { beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '../../src/ui/params';
import { meta } from '../../src/lessons/dropout/meta';
import { createExperiment, type DropoutExperiment } from '../../src/lessons/dropout/experiment';

const base = defaults(meta.params);

async function train(over: Record<string, number | string | boolean>, steps: number): Promise<DropoutExperiment> {
  const e = await createExperiment({ ...base, ...over });
  for (let i = 0; i < steps && !e.done; i++) await e.step();
  return e;
}

describe('dropout lesson, default seed and settings (p = 0.5, 800 steps)', () => {
  let m: Record<string, number>;
  let frame: Record<string, ArrayLike<number>>;
  beforeAll(async () => {
    const e = await train({}, 800);
    m = await e.metrics();
    frame = await e.frame();
    e.dispose();
  });

  it('without regularization the network overfits: validation loss clearly above training loss', () => {
    expect(m.base_val_loss).toBeGreaterThan(m.base_train_loss + 0.3);
    expect(m.base_val_loss).toBeGreaterThan(m.best_val_loss);
  });

  it('with the default dropout the final validation loss is lower than without', () => {
    expect(m.val_loss).toBeLessThan(m.base_val_loss - 0.15);
    // dropout costs training fit: the thinned networks cannot memorize the noise
    expect(m.train_loss).toBeGreaterThan(m.base_train_loss);
  });

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

  it('at test time, weight scaling and the average of 20 thinned networks agree closely', () => {
    expect(Math.abs(m.mc_acc - m.val_acc)).toBeLessThan(0.05);
    expect(Math.abs(m.mc_loss - m.val_loss)).toBeLessThan(0.05);
  });
});

describe('before the first step', () => {
  it('metrics and frame are complete and finite (the page shows them at once)', async () => {
    const e = await train({}, 0);
    const m = await e.metrics();
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    expect(m.best_step).toBe(0);
    const f = await e.frame();
    expect(f.batch_mask.length).toBe(0);
    expect(Array.from(f.mask1)).toEqual(new Array(48).fill(1));
    e.dispose();
  });
});

describe('L1 against L2', () => {
  it('L1 leaves a larger fraction of near-zero weights than L2, and both shrink the weights', async () => {
    const l1 = await train({ p: 0, l1: 0.003 }, 600);
    const l2 = await train({ p: 0, l2: 0.003 }, 600);
    const a = await l1.metrics();
    const b = await l2.metrics();
    expect(a.zero_frac).toBeGreaterThan(b.zero_frac + 0.3);
    expect(a.zero_frac).toBeGreaterThan(a.base_zero_frac + 0.5);
    expect(b.w_norm).toBeLessThan(b.base_w_norm * 0.8);
    expect(a.w_norm).toBeLessThan(a.base_w_norm * 0.8);
    l1.dispose();
    l2.dispose();
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
    expect(m.base_val_loss).toBeGreaterThan(m.val_loss);
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
