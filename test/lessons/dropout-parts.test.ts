import { describe, expect, it } from 'vitest';
import { Rng, keep, tensor } from '../../src/engine';
import { EarlyStopping } from '../../src/lessons/dropout/earlyStopping';
import { Batcher } from '../../src/lessons/dropout/data';
import { RegRun } from '../../src/lessons/dropout/run';
import { sampledAverage, scoreProbabilities, weightScaled } from '../../src/lessons/dropout/testTime';
import { accuracyOf, lossOf, probabilities, probLoss } from '../../src/lessons/dropout/model';
import { makeDigitsSplit, targets } from '../../src/lessons/dropout/data';
import { softmaxCrossEntropy } from '../../src/engine';
import { createExperiment } from '../../src/lessons/dropout/experiment';
import { params } from '../../src/lessons/dropout/meta';
import { parseParams } from '../../src/ui/params';
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
    const run = new RegRun({ inputs: 2, outputs: 1, hidden: 32, p, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.01, initSeed: 1, dropSeed: 2 });
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
    const run = new RegRun({ inputs: 2, outputs: 1, hidden: 16, p: 0, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.01, initSeed: 1, dropSeed: 2 });
    const x = keep(tensor(new Float32Array(20).map((_, i) => Math.cos(i)), [10, 2]));
    const avg = sampledAverage(run.net, x, 5, new Rng(1));
    const z = run.net.forward(x, false).values;
    const a = avg.values;
    for (let i = 0; i < 10; i++) expect(a[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i])), 6);
    run.dispose();
  });
});

describe('one loss for both test-time rules', () => {
  it('with p = 0 the two rows are the same numbers exactly (same step, same loss); with p > 0 they differ', async () => {
    const x = keep(tensor(new Float32Array(40).map((_, i) => Math.sin(3 * i)), [20, 2]));
    const y = keep(targets(Array.from({ length: 20 }, (_, i) => i % 2), 2));
    const score = (p: number) => {
      const run = new RegRun({ inputs: 2, outputs: 1, hidden: 16, p, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.5, initSeed: 1, dropSeed: 2 });
      for (let i = 0; i < 30; i++) run.step(x, y);
      const a = scoreProbabilities(weightScaled(run.net, x), y);
      const b = scoreProbabilities(sampledAverage(run.net, x, 20, new Rng(4)), y);
      const out = [a.acc.values[0], a.loss.values[0], b.acc.values[0], b.loss.values[0]];
      run.dispose();
      return out;
    };
    const [wsAcc, wsLoss, mcAcc, mcLoss] = score(0);
    expect(mcLoss).toBe(wsLoss);
    expect(mcAcc).toBe(wsAcc);
    const d = score(0.5);
    expect(d[3]).not.toBe(d[1]);
  });

  it('the test-time loss of the full network is the training loss up to the probability floor', () => {
    const z = tensor([2, -1, 0.3, 4], [4, 1]);
    const y = targets([1, 0, 0, 1], 2);
    expect(probLoss(probabilities(z), y).values[0]).toBeCloseTo(lossOf(z, y).values[0], 5);
    const z10 = tensor(Float32Array.from({ length: 30 }, (_, i) => Math.cos(i)), [3, 10]);
    const y10 = targets([3, 0, 9], 10);
    expect(probLoss(probabilities(z10), y10).values[0]).toBeCloseTo(softmaxCrossEntropy(z10, y10).values[0], 5);
    // accuracy: row 0's largest logit is class 0 (cos 0 = 1), so 1 of 3 rows is right for these labels [3, 0, 9]... computed by hand
    const want = [0, 1, 2].filter((r) => {
      const row = Array.from({ length: 10 }, (_, k) => Math.cos(r * 10 + k));
      return row.indexOf(Math.max(...row)) === [3, 0, 9][r];
    }).length / 3;
    expect(accuracyOf(z10, y10, 0).values[0]).toBeCloseTo(want, 6);
  });
});

describe('L1 by its proximal step', () => {
  it('one step is the soft threshold sign(w) max(|w| - eta lambda1, 0) of the SGD step: exact zeros, never a flip across 0', () => {
    const run = new RegRun({ inputs: 2, outputs: 1, hidden: 8, p: 0, pIn: 0, l2: 0, l1: 0.05 }, { optimizer: 'sgd', lr: 0.2, initSeed: 3, dropSeed: 2 });
    const plain = new RegRun({ inputs: 2, outputs: 1, hidden: 8, p: 0, pIn: 0, l2: 0, l1: 0 }, { optimizer: 'sgd', lr: 0.2, initSeed: 3, dropSeed: 2 });
    const x = keep(tensor([0.5, -1, 1, 0.2, -0.3, 0.8], [3, 2]));
    const y = keep(targets([1, 0, 1], 2));
    run.step(x, y);
    plain.step(x, y);
    const tau = 0.2 * 0.05;
    let zeros = 0;
    run.net.weights().forEach((w, l) => {
      const got = w.values;
      const sgd = plain.net.weights()[l].values;
      for (let i = 0; i < got.length; i++) {
        const want = Math.sign(sgd[i]) * Math.max(Math.abs(sgd[i]) - tau, 0);
        expect(got[i]).toBeCloseTo(want, 6);
        if (want === 0) {
          expect(Math.abs(got[i])).toBe(0);
          zeros++;
        }
      }
    });
    expect(zeros).toBeGreaterThan(0);
    // biases are not penalized
    expect(Array.from(run.net.l1.b.values)).toEqual(Array.from(plain.net.l1.b.values));
    run.dispose();
    plain.dispose();
  });
});

describe('the digits subset', () => {
  it('draws the asked number of real digits (784 pixels in [0, 1], labels 0-9, one-hot targets) from one seed', async () => {
    const a = await makeDigitsSplit(60, 5);
    const b = await makeDigitsSplit(60, 5);
    expect(a.classes).toBe(10);
    expect([a.train.n, a.train.dim, a.val.n, a.test.n]).toEqual([60, 784, 300, 300]);
    expect(Array.from(a.train.y)).toEqual(Array.from(b.train.y));
    expect(new Set(a.train.y).size).toBeGreaterThan(5);
    expect(Math.max(...a.train.x)).toBeLessThanOrEqual(1);
    expect(a.trainY.shape).toEqual([60, 10]);
    const row = Array.from(a.trainY.values.slice(0, 10));
    expect(row.indexOf(1)).toBe(a.train.y[0]);
  });

  it('a digits run trains 10 classes and its frame can be transferred: every array has its own buffer (a shared one failed postMessage)', async () => {
    const e = await createExperiment(parseParams(params, { dataset: 'digits', points: 40, p: 0.5 }));
    const m0 = await e.metrics();
    for (let i = 0; i < 30; i++) await e.step();
    const m = await e.metrics();
    expect(m.train_loss).toBeLessThan(m0.train_loss);
    expect(m0.base_val_loss).toBeCloseTo(Math.log(10), 0);
    const f = Object.values(await e.frame()) as Float32Array[];
    expect(new Set(f.map((a) => a.buffer)).size).toBe(f.length);
    e.dispose();
  }, 60_000);
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
