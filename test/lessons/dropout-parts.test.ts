import { describe, expect, it } from 'vitest';
import { Rng, keep, tensor } from '../../src/engine';
import { EarlyStopping } from '../../src/lessons/dropout/earlyStopping';
import { Batcher } from '../../src/lessons/dropout/data';
import { RegRun } from '../../src/lessons/dropout/run';
import { sampledAverage } from '../../src/lessons/dropout/testTime';
import { isoline } from '../../src/lessons/dropout/isoline';
import { binCounts } from '../../src/ui/plots/WeightHistogram';

describe('EarlyStopping', () => {
  it('remembers the best step and stops exactly `patience` steps after it', () => {
    const es = new EarlyStopping(3);
    const losses = [1, 0.8, 0.9, 0.7, 0.75, 0.72, 0.71, 0.6];
    const out = losses.map((v, t) => es.update(t, v));
    expect(out.map((o) => o.improved)).toEqual([true, true, false, true, false, false, false, true]);
    expect(out.map((o) => o.stop)).toEqual([false, false, false, false, false, false, true, false]);
    expect(es.bestStep).toBe(7);
  });
});

describe('Batcher', () => {
  it('visits every training point once per epoch', () => {
    const b = new Batcher(10, 4, new Rng(3));
    const seen = [...b.next(), ...b.next(), ...b.next().slice(0, 2)];
    expect(new Set(seen).size).toBe(10);
  });
});

describe('dropout masks in training', () => {
  it('keep each hidden unit with probability 1 - p and scale kept units by 1/(1-p)', () => {
    const p = 0.3;
    const run = new RegRun({ hidden: 32, p, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.01, initSeed: 1, dropSeed: 2 });
    const x = keep(tensor(new Float32Array(32).map((_, i) => Math.sin(i)), [16, 2]));
    const y = keep(tensor(new Float32Array(16).map((_, i) => i % 2), [16, 1]));
    let kept = 0;
    let total = 0;
    let sum = 0;
    const masksDiffer = new Set<string>();
    for (let s = 0; s < 200; s++) {
      run.step(x, y);
      const m = run.net.drop1.mask!.values;
      for (const v of m) {
        expect(v === 0 || Math.abs(v - 1 / (1 - p)) < 1e-6).toBe(true);
        if (v > 0) kept++;
        sum += v;
      }
      total += m.length;
      if (s < 5) masksDiffer.add(Array.from(m.slice(0, 32)).join(','));
    }
    expect(kept / total).toBeCloseTo(1 - p, 2);
    // inverted dropout: E[m] = 1, so the expected activation is unchanged
    expect(sum / total).toBeCloseTo(1, 1);
    expect(masksDiffer.size).toBe(5);
    run.dispose();
  });

  it('averaging thinned networks with p = 0 is exactly the full network', async () => {
    const run = new RegRun({ hidden: 16, p: 0, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.01, initSeed: 1, dropSeed: 2 });
    const x = keep(tensor(new Float32Array(20).map((_, i) => Math.cos(i)), [10, 2]));
    const avg = sampledAverage(run.net, x, 5, new Rng(1));
    const z = run.net.forward(x, false).values;
    const a = avg.values;
    for (let i = 0; i < 10; i++) expect(a[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i])), 6);
    run.dispose();
  });
});

describe('isoline', () => {
  it('traces the level set of a linear ramp as a straight vertical line through the crossing', () => {
    // v = c / 3 on a 4 x 4 grid: the 1/2 level lies between columns 1 and 2 (c = 1.5)
    const v = Array.from({ length: 16 }, (_, i) => (i % 4) / 3);
    const d = isoline(v, 4, 4, 0.5);
    const xs = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    expect(xs.length).toBe(6);
    for (const x of xs) expect(x).toBeCloseTo((1.5 + 0.5) / 4, 6);
    expect(isoline(v, 4, 4, 2)).toBe('');
  });
});

describe('binCounts (weight histogram)', () => {
  it('counts values in equal bins over [-range, range], clamping the outside into the end bins', () => {
    expect(binCounts([-1, -0.6, -0.1, 0, 0.1, 0.99, 5, -5], 4, 1)).toEqual([3, 1, 2, 2]);
  });
});
