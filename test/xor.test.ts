import { describe, expect, it } from 'vitest';
import { experiment as typedExperiment, XorRun } from '../src/lessons/xor/experiment';
import { lessonExperiment } from '../src/lessons/experimentEntry';
import { meta } from '../src/lessons/xor/meta';
import { defaults, parseParams } from '../src/ui/params';
import { handSetNet, linearModel, xorData, xorLoss } from '../src/lessons/xor/model';
import { noGradEval, Rng, tidy } from '../src/engine';

const experiment = lessonExperiment(meta.params, typedExperiment);
const readParams = (raw: Record<string, unknown>) => parseParams(meta.params, raw);

describe('XOR (Goodfellow 6.1)', () => {
  it('the lesson default network reaches loss < 0.01 in Node', async () => {
    const exp = await experiment(defaults(meta.params), { backend: 'cpu' });
    for (let i = 0; i < 1000; i++) exp.step();
    const m = await exp.metrics();
    expect(m.loss).toBeLessThan(0.01);
    exp.dispose?.();
  });

  it('the linear model trained by gradient descent reaches the closed form w = 0, b = 1/2, loss 0.25', async () => {
    const exp = await experiment({ ...defaults(meta.params), model: 'linear', lr: 0.2 }, { backend: 'cpu' });
    for (let i = 0; i < 3000; i++) exp.step();
    const m = await exp.metrics();
    expect(m.loss).toBeCloseTo(0.25, 5);
    expect(m.w1).toBeCloseTo(0, 4);
    expect(m.w2).toBeCloseTo(0, 4);
    expect(m.b).toBeCloseTo(0.5, 4);
    const f = (await exp.frame!()).surface as Float32Array;
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

  it('a linear model cannot do better than 0.25 from any start', () => {
    const data = xorData();
    for (let seed = 0; seed < 5; seed++) {
      const net = linearModel(new Rng(seed));
      tidy(() => expect(xorLoss(net, data.x, data.y).item()).toBeGreaterThanOrEqual(0.25 - 1e-6));
    }
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
