/**
 * The pretraining lesson's mechanics: the greedy procedure freezes and stacks
 * layers, fine-tuning moves them all, the shallow net is one layer without
 * pretraining, the validation digits are held out of training, the errors
 * after fine-tuning are measured on the sets they name, the masking noise
 * masks the fraction asked. The scenes' results are their claims (meta.ts,
 * `npm run claims`), not tests on chosen seeds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { Rng, data, type Tensor } from '../../src/engine';
import { VALID_DIGITS, digitSets, maskingNoise, type DigitSets } from '../../src/lessons/pretraining/data';
import { MethodRun, type Method, type StackConfig } from '../../src/lessons/pretraining/method';
import { gridPictures } from '../../src/lessons/pretraining/pictureData';
import { configOf } from '../../src/lessons/pretraining/compare';
import { meta } from '../../src/lessons/pretraining/meta';
import { parseParams } from '../../src/ui/params';
import type { PretrainingParams } from '../../src/lessons/pretraining/types';

let sets: DigitSets;
beforeAll(async () => {
  execSync('node --import tsx scripts/pack-digits.ts');
  sets = digitSets(await data.loadDigits());
}, 60_000);

/** A small stack for the mechanics: 2 layers of 32 units, a handful of minibatches per stage. */
const small = (seed: number): StackConfig => ({
  hidden: [32, 32], labels: 250, batch: 16, pretrainSteps: 6, readoutSteps: 4, finetuneSteps: 4, corruption: 0.25,
  lrPretrain: 0.005, lrReadout: 0.03, lrFinetune: 0.002, seed,
});

const copy = async (t: Tensor) => Float32Array.from(await t.read());
const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Steps `run` until its current task is no longer `(kind, layer)`. */
async function finishTask(run: MethodRun): Promise<void> {
  const t = run.task;
  while (run.task === t) await run.step();
}

async function snapshot(run: MethodRun): Promise<Float32Array[]> {
  return Promise.all(run.net.params().map(copy));
}

describe.each<Method>(['supervised', 'autoencoder'])('greedy %s pretraining', (method) => {
  it('trains only layer k while k is pretrained, keeps finished layers fixed, then fine-tuning changes every layer', async () => {
    const run = new MethodRun(method, small(3), sets);
    // params(): [W1, b1, W2, b2, V, c]
    const p0 = await snapshot(run);
    expect(run.phase).toBe('layer 1');
    await finishTask(run);
    const p1 = await snapshot(run);
    expect(same(p1[0], p0[0])).toBe(false); // W1 learned
    expect(same(p1[2], p0[2]) && same(p1[3], p0[3])).toBe(true); // layer 2 untouched
    expect(run.phase).toBe('layer 2');
    await finishTask(run);
    const p2 = await snapshot(run);
    expect(same(p2[0], p1[0]) && same(p2[1], p1[1])).toBe(true); // layer 1 frozen while layer 2 trains
    expect(same(p2[2], p1[2])).toBe(false); // W2 learned
    expect(run.phase).toBe('read-out');
    await finishTask(run); // the read-out: only the output layer learns
    const p3 = await snapshot(run);
    for (const i of [0, 1, 2, 3]) expect(same(p3[i], p2[i])).toBe(true);
    expect(same(p3[4], p2[4])).toBe(false);
    await finishTask(run); // test error of the read-out
    expect(run.readoutError).toBeGreaterThan(0);
    expect(run.phase).toBe('fine-tune');
    await finishTask(run);
    const p4 = await snapshot(run);
    for (const i of [0, 2, 4]) expect(same(p4[i], p3[i])).toBe(false); // fine-tuning moves every layer
    while (!run.done) await run.step();
    for (const e of [run.testError, run.validError, run.trainError]) {
      expect(e).not.toBeNull();
      expect(e).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThan(1);
    }
    run.dispose();
  });
});

it('the validation digits are the last of the training split, apart from the digits any stage trains on', async () => {
  const d = await data.loadDigits();
  expect(sets.nValid).toBe(VALID_DIGITS);
  expect(sets.nTrain + sets.nValid).toBe(d.train.count);
  const pixels = (i: number) => data.digitPixels(d, Int32Array.of(i));
  expect(same(sets.valid.subarray(0, 784), pixels(sets.nTrain))).toBe(true);
  expect(same(sets.train.subarray((sets.nTrain - 1) * 784, sets.nTrain * 784), pixels(sets.nTrain - 1))).toBe(true);
});

it('the shallow net has one hidden layer and no pretraining: read-out, then fine-tuning, then its three errors', async () => {
  const run = new MethodRun('shallow', small(4), sets);
  expect(run.net.layers.length).toBe(1);
  expect(run.tasks.map((t) => t.kind)).toEqual(['readout', 'eval', 'finetune', 'eval', 'eval', 'eval']);
  expect(run.tasks.filter((t) => t.kind === 'eval').map((t) => t.set)).toEqual(['test', 'test', 'valid', 'train']);
  while (!run.done) await run.step();
  expect(run.readoutError).toBeGreaterThan(0);
  expect(run.trainError).not.toBeNull();
  run.dispose();
});

it('the training error counts exactly the labelled digits', async () => {
  const run = new MethodRun('none', { ...small(2), labels: 300 }, sets);
  const train = run.tasks.find((t) => t.set === 'train')!;
  expect(train.units).toBe(2); // 250 + 50
  while (!run.done) await run.step();
  expect(Math.round(run.trainError! * 300)).toBeCloseTo(run.trainError! * 300, 3);
  run.dispose();
});

it('every method starts from the same weights for the same seed (the shallow net: the same first layer)', async () => {
  const runs = (['none', 'supervised', 'autoencoder', 'shallow'] as const).map((m) => new MethodRun(m, small(5), sets));
  const ps = await Promise.all(runs.map(snapshot));
  for (const p of ps.slice(1, 3)) p.forEach((w, i) => expect(same(w, ps[0][i])).toBe(true));
  for (const i of [0, 1]) expect(same(ps[3][i], ps[0][i])).toBe(true);
  for (const r of runs) r.dispose();
});

describe('masking noise', () => {
  it.each([0, 0.25, 0.5, 0.75])('zeroes a fraction %f of the entries', (level) => {
    const m = maskingNoise(100_000, level, new Rng(1));
    const zeros = m.reduce((s, v) => s + (v === 0 ? 1 : 0), 0) / m.length;
    expect(Math.abs(zeros - level)).toBeLessThan(0.01);
    expect(m.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it("the denoising scene's grid masks half of each input (nu = 0.5), as its caption says", async () => {
    const p = parseParams(meta.params, meta.scenes[2].params ?? {}) as PretrainingParams;
    expect(p.corruption).toBe(0.5);
    const run = new MethodRun('autoencoder', configOf(p, p.seed), sets);
    const g = await gridPictures(run);
    expect(Math.abs(g.masked - 0.5)).toBeLessThan(0.03);
    // the corrupted row is the clean row with those pixels zeroed
    const n = g.grid.length / 3;
    let kept = 0;
    let nonzero = 0;
    for (let i = 0; i < n; i++) {
      if (g.grid[i] === 0) continue;
      nonzero++;
      if (g.grid[n + i] === g.grid[i]) kept++;
      else expect(g.grid[n + i]).toBe(0);
    }
    expect(Math.abs(kept / nonzero - 0.5)).toBeLessThan(0.06);
    run.dispose();
  });
});

describe('the auto-encoder curves and the denoising measurement', () => {
  it('the held-out reconstruction curve starts before the first minibatch; the denoising error is measured when the layer ends', async () => {
    const run = new MethodRun('autoencoder', { ...small(1), corruption: 0.5 }, sets);
    const before = run.heldOutRecon(0);
    const v0 = (await before.read())[0];
    before.dispose();
    await finishTask(run);
    const c = run.recon[0];
    expect(c[0]).toBe(0);
    expect(c[1]).toBeCloseTo(v0, 6);
    expect(c[c.length - 2]).toBe(6);
    const [rec, masked] = run.denoise[0];
    expect(rec).toBeGreaterThan(0);
    // the masked copy's own error: the mean of x^2 over the values the mask zeroed, about half the mean of x^2 at nu = 0.5
    const x = sets.test.subarray(0, 100 * 784);
    const meanSq = x.reduce((s, v) => s + v * v, 0) / x.length;
    expect(masked / meanSq).toBeGreaterThan(0.4);
    expect(masked / meanSq).toBeLessThan(0.6);
    run.dispose();
  });
});
