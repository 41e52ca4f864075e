import { describe, expect, it } from 'vitest';
import { atRest, experiment as typedExperiment, XorRun } from '../src/lessons/xor/experiment';
import { lessonExperiment } from '../src/lessons/experimentEntry';
import { meta } from '../src/lessons/xor/meta';
import { defaults, parseParams } from '../src/ui/params';
import { sceneParams } from '../src/ui/lesson';
import { handSetNet, xorData, xorLoss, XOR_X, XOR_Y } from '../src/lessons/xor/model';
import { PLATEAUS, SEED_RACE_STEPS, STUCK_LOSS, type XorFrame } from '../src/lessons/xor/types';
import { noGradEval, tidy } from '../src/engine';

const experiment = lessonExperiment(meta.params, typedExperiment);
const readParams = (raw: Record<string, unknown>) => parseParams(meta.params, raw);
const scene = (title: string) => sceneParams(meta, meta.scenes.findIndex((s) => s.title.startsWith(title)));

describe('XOR (Goodfellow 6.1)', () => {
  it('the lesson default and scene 3 (4 ReLU units, seed 2, the seed the scene opens on) reach loss < 0.01 in 1,000 steps', async () => {
    for (const p of [defaults(meta.params), scene('Training from random')]) {
      const exp = await experiment(p, { backend: 'cpu' });
      for (let i = 0; i < 1000; i++) exp.step();
      expect((await exp.metrics()).loss).toBeLessThan(0.01);
      exp.dispose?.();
    }
  });

  it('every scene fixes the seed it depends on', () => {
    for (const s of meta.scenes) if (s.params?.model !== 'handset') expect(s.params, s.title).toHaveProperty('seed');
  });

  it('the linear model trained by gradient descent reaches the closed form w = 0, b = 1/2, loss 0.25', async () => {
    const exp = await experiment({ ...scene('A linear model') }, { backend: 'cpu' });
    for (let i = 0; i < 3000; i++) exp.step();
    const m = await exp.metrics();
    expect(m.loss).toBeCloseTo(0.25, 5);
    expect(m.w1).toBeCloseTo(0, 4);
    expect(m.w2).toBeCloseTo(0, 4);
    expect(m.b).toBeCloseTo(0.5, 4);
    const f = ((await exp.frame!()) as Partial<XorFrame>).surface!;
    for (const v of f) expect(v).toBeCloseTo(0.5, 3);
    exp.dispose?.();
  });

  it('the hand-set ReLU network has loss exactly 0 and maps [0,1] and [1,0] to h = [1,0]', () => {
    const net = handSetNet();
    const data = xorData();
    tidy(() => {
      expect(xorLoss(net, data.x, data.y).item()).toBe(0);
      const h = noGradEval(() => net.hidden(data.x))!;
      expect(Array.from(h.values)).toEqual([0, 0, 1, 0, 1, 0, 2, 1]);
      expect(Array.from(net.forward(data.x).values)).toEqual([0, 1, 1, 0]);
    });
  });

  it('no linear model beats 0.25: the normal equations give w = 0, b = 1/2, and training from any start never goes below', async () => {
    // least squares by hand: X^T X theta = X^T y with a bias column; the MSE is a convex quadratic, so this is its minimum
    const rows = [0, 1, 2, 3].map((i) => [XOR_X[2 * i], XOR_X[2 * i + 1], 1]);
    const A = [0, 1, 2].map((a) => [0, 1, 2].map((b) => rows.reduce((s, r) => s + r[a] * r[b], 0)));
    const v = [0, 1, 2].map((a) => rows.reduce((s, r, i) => s + r[a] * XOR_Y[i], 0));
    // Gauss-Jordan on the 3x3 system
    const M = A.map((r, i) => [...r, v[i]]);
    for (let c = 0; c < 3; c++) {
      for (let r = 0; r < 3; r++) {
        if (r === c) continue;
        const f = M[r][c] / M[c][c];
        for (let k = 0; k < 4; k++) M[r][k] -= f * M[c][k];
      }
    }
    const theta = M.map((r, i) => r[3] / r[i]);
    expect(theta[0]).toBeCloseTo(0, 12);
    expect(theta[1]).toBeCloseTo(0, 12);
    expect(theta[2]).toBeCloseTo(0.5, 12);
    const best = rows.reduce((s, r, i) => s + (r[0] * theta[0] + r[1] * theta[1] + theta[2] - XOR_Y[i]) ** 2, 0) / 4;
    expect(best).toBeCloseTo(0.25, 12);
    // and gradient descent on the engine's linear model, from five starts, approaches it from above
    for (const seed of [0, 1, 2, 3, 4]) {
      const exp = await experiment({ model: 'linear', lr: 0.2, seed }, { backend: 'cpu' });
      let lowest = Infinity;
      for (let i = 0; i < 500; i++) {
        exp.step();
        if (i % 50 === 0) lowest = Math.min(lowest, (await exp.metrics()).loss);
      }
      const last = (await exp.metrics()).loss;
      expect(Math.min(lowest, last)).toBeGreaterThanOrEqual(0.25 - 1e-6);
      expect(last).toBeLessThan(0.2501);
      exp.dispose?.();
    }
  });

  it('the race reports, once finished, counts that agree with its own final losses (stuck above STUCK_LOSS; elsewhere: neither 0 nor a plateau)', async () => {
    const exp = await experiment({ ...scene('Many seeds'), runs: 8 }, { backend: 'cpu' });
    expect((await exp.metrics()).stuck).toBeUndefined();
    while (!exp.done) exp.step();
    const m = await exp.metrics();
    const losses = Array.from(((await exp.frame!()) as Partial<XorFrame>).losses!);
    exp.dispose?.();
    expect(m.runs).toBe(8);
    expect(m.stuck).toBe(losses.filter((v) => v > STUCK_LOSS).length);
    expect(m.solved).toBe(8 - m.stuck);
    expect(m.elsewhere).toBe(losses.filter((v) => !atRest(v)).length);
  }, 60_000);

  it('atRest: 0 and the three plateaus, nothing else', () => {
    for (const v of [0, 5e-4, ...PLATEAUS, 1 / 8 + 1e-3]) expect(atRest(v), String(v)).toBe(true);
    for (const v of [0.01, 0.05, 0.2, 1 / 12, 0.3]) expect(atRest(v), String(v)).toBe(false);
  });

  it('the race opens any of its runs: the frame carries that seed’s hidden values, equal to a single run of that seed', async () => {
    const exp = await experiment({ ...scene('Many seeds'), runs: 5, inspect: 3 }, { backend: 'cpu' });
    for (let i = 0; i < 200; i++) exp.step();
    const f = (await exp.frame!()) as Partial<XorFrame>;
    expect(f.inspected![0]).toBe(3);
    // opening another run needs no rebuild
    expect(exp.setParams!({ inspect: 5 })).toBe(true);
    const g = (await exp.frame!()) as Partial<XorFrame>;
    expect(g.inspected![0]).toBe(5);
    const single = new XorRun(readParams({ ...scene('Many seeds'), runs: 1 }), 5, xorData());
    for (let i = 0; i < 200; i++) single.step();
    const h = tidy(() => Array.from(noGradEval(() => single.net.hidden(xorData().x))!.values));
    expect(Array.from(g.hidden!)).toEqual(h);
    // a seed outside the race shows its first run
    exp.setParams!({ inspect: 99 });
    expect(((await exp.frame!()) as Partial<XorFrame>).inspected![0]).toBe(1);
    expect(exp.setParams!({ hidden: 3 })).toBe(false);
    exp.dispose?.();
    expect(SEED_RACE_STEPS).toBe(3000);
  });

  it('the same seed gives the same loss bit for bit; another seed does not', async () => {
    const data = xorData();
    const run = (seed: number) => {
      const r = new XorRun(readParams({ seed }), seed, data);
      for (let i = 0; i < 100; i++) r.step();
      return r.loss();
    };
    expect(await run(7)).toBe(await run(7));
    expect(await run(7)).not.toBe(await run(8));
  });
});
