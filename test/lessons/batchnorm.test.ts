/**
 * The batch-norm lesson's mechanism: what its nets and evaluations compute.
 * The scenes' results themselves are claims in meta.ts, measured over seeds by
 * `npm run claims -- --lesson batchnorm` (and on seeds 1-5 inside npm test).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, tensor, tidy } from '../../src/engine';
import { parseParams } from '../../src/ui/params';
import { sceneParams } from '../../src/ui/lesson';
import { meta, params } from '../../src/lessons/batchnorm/meta';
import { loadDigitSets, PIXELS, type DigitSets } from '../../src/lessons/batchnorm/digits';
import { Cnn, Mlp } from '../../src/lessons/batchnorm/model';
import { SweepRun } from '../../src/lessons/batchnorm/sweep';
import { BatchSizeRun } from '../../src/lessons/batchnorm/batchsize';
import { CnnRun } from '../../src/lessons/batchnorm/cnn';
import { SWEEP_LRS } from '../../src/lessons/batchnorm/types';
import { quantile } from '../../src/lessons/batchnorm/probe';
import { RaceRun, mlpOptions } from '../../src/lessons/batchnorm/race';
import { ModesRun } from '../../src/lessons/batchnorm/modes';
import type { BatchNormParams } from '../../src/lessons/batchnorm/types';

const P = (over: Partial<BatchNormParams> = {}) => parseParams(params, over) as BatchNormParams;
let sets: DigitSets;
beforeAll(async () => {
  sets = await loadDigitSets();
});

describe('the lesson MLP with and without batch norm', () => {
  it('from one seed both nets start with the same weights', async () => {
    const p = P({ depth: 3, width: 16 });
    const a = new Mlp(mlpOptions(p, true), new Rng(5));
    const b = new Mlp(mlpOptions(p, false), new Rng(5));
    const wa = await Promise.all(a.weights().map((w) => w.read()));
    const wb = await Promise.all(b.weights().map((w) => w.read()));
    expect(wa).toEqual(wb);
    expect(a.norms).toHaveLength(3);
    expect(b.norms).toHaveLength(0);
    a.dispose();
    b.dispose();
  });

  it('a batch of one digit normalized with its own statistics gives the same output for any digit; evaluating moves no running average', async () => {
    const p = P({ depth: 3, width: 16 });
    const net = new Mlp(mlpOptions(p, true), new Rng(2));
    // a training pass so the running averages are away from their start
    tidy(() => net.forward(tensor(sets.train.subarray(0, 32 * PIXELS), [32, PIXELS])));
    const before = await net.norms[1].runningMean.read();
    const one = (i: number) => tidy(() => net.evaluate(tensor(sets.test.subarray(i * PIXELS, (i + 1) * PIXELS), [1, PIXELS]), 'batch').logits);
    const [x, y] = [one(0), one(1)];
    const [vx, vy] = await Promise.all([x.read(), y.read()]);
    expect(Array.from(vx)).toEqual(Array.from(vy));
    // in test mode the two digits get different outputs
    const r0 = tidy(() => net.evaluate(tensor(sets.test.subarray(0, PIXELS), [1, PIXELS]), 'running').logits);
    const r1 = tidy(() => net.evaluate(tensor(sets.test.subarray(PIXELS, 2 * PIXELS), [1, PIXELS]), 'running').logits);
    expect(Array.from(await r0.read())).not.toEqual(Array.from(await r1.read()));
    tidy(() => net.evaluate(tensor(sets.test.subarray(0, 8 * PIXELS), [8, PIXELS]), 'batch').logits);
    expect(await net.norms[1].runningMean.read()).toEqual(before);
    for (const t of [x, y, r0, r1]) t.dispose();
    net.dispose();
  });
});

describe('the race and the modes', () => {
  it('the race reports both nets, and the batch-norm net is the lesson\'s accuracy and loss; every metric is finite', async () => {
    const run = new RaceRun(P({ depth: 3, width: 16 }), sets);
    for (let i = 0; i < 50; i++) await run.step();
    const m = await run.metrics();
    run.dispose();
    for (const k of ['accuracy_bn', 'accuracy_plain', 'loss_bn', 'loss_plain', 'mu_B', 'var_B', 'gamma', 'beta', 'bn_p50', 'plain_p50']) expect(m[k], k).toBeDefined();
    expect(m.accuracy).toBe(m.accuracy_bn);
    expect(m.loss).toBe(m.loss_bn);
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    // after normalization each unit has the mean β and the spread |γ| it was given
    expect(m.post_mean_off).toBeLessThan(1e-3);
    expect(m.post_std_off).toBeLessThan(1e-2);
  }, 60_000);

  it('the modes run measures every way of normalizing at step 0', async () => {
    const run = new ModesRun(P({ view: 'modes', depth: 2, width: 16 }), sets);
    const m = await run.metrics();
    run.dispose();
    for (const k of ['accuracy_running', 'accuracy_batch', 'accuracy_single', 'accuracy_unupdated', 'answers_single']) expect(m[k], k).toBeGreaterThanOrEqual(0);
    // before any training step the running averages are still at their start: test mode and "never updated" agree
    expect(m.accuracy_running).toBe(m.accuracy_unupdated);
    expect(m.answers_single).toBe(1);
  }, 60_000);
});

describe('the sweep, the batch sizes and the CNN', () => {
  it('the sweep trains one net per rate with and without batch norm; every metric stays finite, and it is done after its steps', async () => {
    const run = new SweepRun(P({ view: 'sweep', activation: 'relu', depth: 2, width: 16 }), sets);
    for (let i = 0; i < 20; i++) await run.step();
    const m = await run.metrics();
    expect(run.bn).toHaveLength(SWEEP_LRS.length);
    expect(run.plain).toHaveLength(SWEEP_LRS.length);
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    for (let k = 0; k < SWEEP_LRS.length; k++) expect(m[`acc_bn_${k}`], `rate ${k}`).toBeGreaterThanOrEqual(0);
    expect(run.done).toBe(false);
    expect(m.accuracy).toBe(m.accuracy_bn);
    run.dispose();
  }, 60_000);

  it('the batch-size run gives every net 32 digits a step: the small-batch nets take 32 / small steps', async () => {
    const run = new BatchSizeRun(P({ view: 'batchsize', activation: 'relu', depth: 2, width: 16, small: '4' }), sets);
    for (let i = 0; i < 3; i++) await run.step();
    expect(run.large.steps).toBe(3);
    expect(run.small.steps).toBe(24);
    expect(run.plain.steps).toBe(24);
    const m = await run.metrics();
    expect(m.digits_seen).toBe(96);
    expect(m.accuracy).toBe(m.accuracy_bn_small);
    run.dispose();
  }, 60_000);

  it('the CNN normalizes each channel over batch and positions: four channels of statistics, then eight', async () => {
    const net = new Cnn({ activation: 'sigmoid', bn: true, momentum: 0.9 }, new Rng(3));
    expect(net.norms.map((n) => n.features)).toEqual([4, 8]);
    expect(net.norms.every((n) => n.axes.join() === '0,2,3')).toBe(true);
    const plain = new Cnn({ activation: 'sigmoid', bn: false, momentum: 0.9 }, new Rng(3));
    // same initial kernels from one seed; the batch-norm net has no conv bias
    expect(await net.convs[0].W.read()).toEqual(await plain.convs[0].W.read());
    expect(net.params().length).toBe(2 + 4 + 2);
    const out = tidy(() => net.forward(tensor(sets.train.subarray(0, 4 * PIXELS), [4, 1, 28, 28])).logits);
    expect(out.shape).toEqual([4, 10]);
    out.dispose();
    net.dispose();
    plain.dispose();
    const run = new CnnRun(P({ view: 'cnn' }), sets);
    for (let i = 0; i < 3; i++) await run.step();
    const m = await run.metrics();
    for (const k of ['accuracy_bn', 'accuracy_plain', 'loss_bn', 'loss_plain', 'grad_bn_1', 'grad_plain_3']) expect(Number.isFinite(m[k]), k).toBe(true);
    run.dispose();
  }, 60_000);
});

describe('the scenes', () => {
  it('every scene\'s params parse to themselves (no value out of range)', () => {
    meta.scenes.forEach((_, i) => {
      const sp = sceneParams(meta, i);
      const parsed = parseParams(params, sp) as Record<string, unknown>;
      for (const [k, v] of Object.entries(sp)) expect(parsed[k], `scene ${i + 1} ${k}`).toBe(v);
    });
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.15)).toBeCloseTo(1.5, 6);
  });
});
