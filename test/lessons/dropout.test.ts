import { beforeAll, describe, expect, it } from 'vitest';
import { parseParams } from '../../src/ui/params';
import { params } from '../../src/lessons/dropout/meta';
import { createExperiment, type DropoutExperiment } from '../../src/lessons/dropout/experiment';
import { meta } from '../../src/lessons/dropout/meta';
import { sceneParams } from '../../src/ui/lesson';

const SEEDS = [1, 2, 3];
/** Scene i's own params (it fixes every one it depends on) with a seed. */
const scene = (i: number, seed: number) => ({ ...sceneParams(meta, i), seed });

/** Trains `steps` steps and returns the metrics at every `every`-th step. */
async function trace(over: Record<string, number | string | boolean>, steps: number, every: number): Promise<Record<string, number>[]> {
  const e = await train(over, 0);
  const out: Record<string, number>[] = [];
  for (let i = 1; i <= steps; i++) {
    await e.step();
    if (i % every === 0) out.push(await e.metrics());
  }
  e.dispose();
  return out;
}

async function train(over: Record<string, number | string | boolean>, steps: number): Promise<DropoutExperiment> {
  const e = await createExperiment(parseParams(params, over));
  for (let i = 0; i < steps && !e.done; i++) await e.step();
  return e;
}

describe('dropout lesson, default seed and settings (p = 0.5, 800 steps)', () => {
  let m: Record<string, number>;
  let frame: Record<string, Float32Array>;
  beforeAll(async () => {
    const e = await train({}, 800);
    m = await e.metrics();
    frame = (await e.frame()) as Record<string, Float32Array>;
    e.dispose();
  }, 120_000);

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

// Each scene's caption, checked on the scene's own settings over seeds 1-3.
describe('every scene’s caption holds on its settings, seeds 1-3', () => {
  it('scene 1, overfitting: the training loss keeps falling while the validation loss turns and climbs (past twice its best by step 1,500)', async () => {
    for (const seed of SEEDS) {
      const t = await trace(scene(0, seed), 1500, 50);
      const first = t[4];
      const last = t[t.length - 1];
      expect(last.train_loss, `seed ${seed}`).toBeLessThan(first.train_loss / 2);
      const best = Math.min(...t.map((m) => m.base_val_loss));
      expect(last.base_val_loss, `seed ${seed}`).toBeGreaterThan(2 * best);
      // no regularizer: the two runs are one network, and the two test-time rows one prediction
      expect(last.val_loss).toBe(last.base_val_loss);
      expect(last.mc_loss).toBe(last.ws_loss);
      expect(last.mc_acc).toBe(last.ws_acc);
    }
  }, 240_000);

  it('scene 2, dropout: the validation loss stays below the baseline’s at every 250th step to 3,000, and the test-time accuracies agree within 0.05', async () => {
    for (const seed of SEEDS) {
      const t = await trace(scene(1, seed), 3000, 250);
      for (const m of t) expect(m.val_loss, `seed ${seed}`).toBeLessThan(m.base_val_loss);
      expect(Math.abs(t[3].ws_acc - t[3].mc_acc), `seed ${seed} at step 1000`).toBeLessThan(0.05);
      expect(t[3].tt_step).toBe(1000);
    }
  }, 600_000);

  it('scene 3, L2 against L1 on plain SGD: L1 sets over 90% of the weights to exactly 0 by step 1,000; L2 halves their norm but leaves under 15% below 0.01', async () => {
    for (const seed of SEEDS) {
      const l1 = (await trace(scene(2, seed), 1000, 1000))[0];
      const l2 = (await trace({ ...scene(2, seed), l1: 0, l2: 0.003 }, 1000, 1000))[0];
      expect(l1.exact_zero_frac, `seed ${seed}`).toBeGreaterThan(0.9);
      expect(l1.base_zero_frac, `seed ${seed}`).toBeLessThan(0.1);
      expect(l2.zero_frac, `seed ${seed}`).toBeLessThan(0.15);
      expect(l2.exact_zero_frac, `seed ${seed}`).toBe(0);
      expect(l2.w_norm, `seed ${seed}`).toBeLessThan(0.65 * l2.base_w_norm);
    }
  }, 300_000);

  it('scene 4, early stopping: stops within the patience of the best step and puts those weights back', async () => {
    for (const seed of SEEDS) {
      const e = await train(scene(3, seed), 4000);
      expect(e.done, `seed ${seed}`).toBe(true);
      const m = await e.metrics();
      expect(m.stopped_at - m.best_step).toBe(200);
      expect(m.val_loss).toBe(m.best_val_loss);
      expect(m.base_val_loss).toBeGreaterThan(m.val_loss);
      e.dispose();
    }
  }, 300_000);

  it('scene 5, digits: the baseline’s validation loss climbs (past 1.15 times its best by step 1,000) while its accuracy stays above 0.8; dropout p = 0.5 ends less accurate', async () => {
    for (const seed of SEEDS) {
      const t = await trace(scene(4, seed), 1000, 50);
      const last = t[t.length - 1];
      const best = Math.min(...t.map((m) => m.base_val_loss));
      expect(last.base_val_loss, `seed ${seed}`).toBeGreaterThan(1.15 * best);
      expect(last.base_val_acc, `seed ${seed}`).toBeGreaterThan(0.8);
      expect(last.val_acc, `seed ${seed}`).toBeLessThan(last.base_val_acc);
    }
  }, 600_000);
});
