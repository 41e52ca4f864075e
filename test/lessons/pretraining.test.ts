/**
 * The pretraining lesson's mechanics: the greedy procedure freezes and stacks
 * layers, fine-tuning moves them all, the auto-encoder's held-out
 * reconstruction error falls, the masking noise masks the fraction asked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { Rng, data, type Tensor } from '../../src/engine';
import { digitSets, maskingNoise, type DigitSets } from '../../src/lessons/pretraining/data';
import { MethodRun, type Method, type StackConfig } from '../../src/lessons/pretraining/method';
import { gridPictures } from '../../src/lessons/pretraining/pictures';
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
    expect(run.testError).toBeGreaterThan(0);
    expect(run.testError).toBeLessThan(1);
    run.dispose();
  });
});

it('every method starts from the same weights for the same seed', async () => {
  const runs = (['none', 'supervised', 'autoencoder'] as const).map((m) => new MethodRun(m, small(5), sets));
  const ps = await Promise.all(runs.map(snapshot));
  for (const p of ps.slice(1)) p.forEach((w, i) => expect(same(w, ps[0][i])).toBe(true));
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

describe("scene 'What the first auto-encoder learns' (nu = 0, 128 units), seeds 1-3", () => {
  it.each([1, 2, 3])('seed %i: the held-out reconstruction error of layer 1 falls by at least half in its first 50 minibatches', async (seed) => {
    const p = parseParams(meta.params, { ...meta.scenes[1].params, seed }) as PretrainingParams;
    expect(p.corruption).toBe(0);
    const run = new MethodRun('autoencoder', configOf(p, seed), sets);
    const err = async () => {
      const t = run.heldOutRecon(0);
      const v = (await t.read())[0];
      t.dispose();
      return v;
    };
    const before = await err();
    for (let i = 0; i < 50; i++) await run.step();
    expect(run.phase).toBe('layer 1');
    const after = await err();
    expect(after).toBeLessThan(before / 2);
    // the curve the page draws falls too
    const c = run.recon[0];
    expect(c[c.length - 1]).toBeLessThan(c[1]);
    run.dispose();
  }, 60_000);
});

describe("scene 'Before and after fine-tuning' (defaults), seeds 1-3", () => {
  it.each([1, 2, 3])("seed %i: a read-out of the random network's features stays near chance (test error above 75%)", async (seed) => {
    const p = parseParams(meta.params, { ...meta.scenes[3].params, seed }) as PretrainingParams;
    const run = new MethodRun('none', configOf(p, seed), sets);
    while (run.readoutError === null) await run.step();
    expect(run.readoutError).toBeGreaterThan(0.75);
    run.dispose();
  }, 60_000);
});
