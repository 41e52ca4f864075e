/** Own data in the 2-D lessons: the experiments train on the points the `data` param decodes to. */
import { describe, expect, it } from 'vitest';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { experiment as xorTyped } from '../../src/lessons/xor/experiment';
import { meta as xorMeta } from '../../src/lessons/xor/meta';
import { XOR_RANGE, XOR_X, XOR_Y, type XorFrame } from '../../src/lessons/xor/types';
import { createExperiment } from '../../src/lessons/dropout/experiment';
import { params as dropoutParams } from '../../src/lessons/dropout/meta';
import { PLANE_RANGE, type DropoutFrame } from '../../src/lessons/dropout/types';
import { decodePoints, encodePoints, type DataPoint } from '../../src/ui/pointData';
import { parseParams } from '../../src/ui/params';

const xorExperiment = lessonExperiment(xorMeta.params, xorTyped);

/** Class 1 above the line x2 = x1, class 0 below: 8 points in the XOR square. */
const SEPARABLE: DataPoint[] = [
  { x: -0.3, y: 0.2, cls: 1 }, { x: 0.1, y: 0.9, cls: 1 }, { x: 0.6, y: 1.3, cls: 1 }, { x: 1.0, y: 1.4, cls: 1 },
  { x: 0.2, y: -0.3, cls: 0 }, { x: 0.9, y: 0.1, cls: 0 }, { x: 1.3, y: 0.6, cls: 0 }, { x: 1.4, y: 1.0, cls: 0 },
];

describe('XOR on own data', () => {
  it('trains on the decoded points: training-set size, inputs and labels in the frame; an edit rebuilds the run', async () => {
    const data = encodePoints(SEPARABLE, XOR_RANGE);
    const want = decodePoints(data, XOR_RANGE).points!;
    const exp = await xorExperiment({ model: 'mlp', data }, { backend: 'cpu' });
    expect((await exp.metrics()).points).toBe(8);
    const f = (await exp.frame!()) as Partial<XorFrame>;
    expect(Array.from(f.labels!)).toEqual(want.map((p) => p.cls));
    expect(f.labels![1]).toBe(1);
    expect(f.labels![5]).toBe(0);
    expect(Array.from(f.inputs!)).toEqual(Array.from(Float32Array.from(want.flatMap((p) => [p.x, p.y]))));
    expect(f.outputs).toHaveLength(8);
    expect(f.hidden).toHaveLength(8 * 4);
    // a new data set cannot be swapped into a running network: the run restarts on it
    expect(exp.setParams!({ data: '' })).toBe(false);
    exp.dispose?.();
  });

  it('the network fits the own points (seeds 1-3: MSE under 0.05 after 1,500 steps) and its outputs follow their labels', async () => {
    const data = encodePoints(SEPARABLE, XOR_RANGE);
    for (const seed of [1, 2, 3]) {
      const exp = await xorExperiment({ model: 'mlp', activation: 'tanh', hidden: 4, lr: 0.2, seed, data }, { backend: 'cpu' });
      const before = (await exp.metrics()).loss;
      for (let i = 0; i < 1500; i++) exp.step();
      const { loss } = await exp.metrics();
      expect(loss, `seed ${seed}`).toBeLessThan(0.05);
      expect(loss).toBeLessThan(before);
      const f = (await exp.frame!()) as Partial<XorFrame>;
      SEPARABLE.forEach((p, i) => expect(f.outputs![i] > 0.5 ? 1 : 0, `seed ${seed}, point ${i}`).toBe(p.cls));
      exp.dispose?.();
    }
  });

  it('an empty or malformed data text trains on the four XOR points', async () => {
    for (const data of ['', 'AAAA', '!!']) {
      const exp = await xorExperiment({ model: 'mlp', data }, { backend: 'cpu' });
      expect((await exp.metrics()).points).toBe(4);
      const f = (await exp.frame!()) as Partial<XorFrame>;
      expect(Array.from(f.inputs!)).toEqual(XOR_X);
      expect(Array.from(f.labels!)).toEqual(XOR_Y);
      exp.dispose?.();
    }
  });

  it('the many-seeds race trains every run on the own points', async () => {
    const data = encodePoints(SEPARABLE, XOR_RANGE);
    const exp = await xorExperiment({ model: 'mlp', runs: 3, data }, { backend: 'cpu' });
    expect((await exp.metrics()).points).toBe(8);
    exp.dispose?.();
  });

  it('the hand-set network is never trained: its loss on own points stays where it starts', async () => {
    const exp = await xorExperiment({ model: 'handset', data: encodePoints(SEPARABLE, XOR_RANGE) }, { backend: 'cpu' });
    const first = (await exp.metrics()).loss;
    expect(first).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) exp.step();
    expect((await exp.metrics()).loss).toBe(first);
    exp.dispose?.();
  });
});

describe('dropout on own data', () => {
  const own: DataPoint[] = [
    { x: -1, y: -1, cls: 0 }, { x: -0.5, y: -0.8, cls: 0 }, { x: -1.2, y: 0.1, cls: 0 },
    { x: 1, y: 1, cls: 1 }, { x: 0.6, y: 0.9, cls: 1 }, { x: 1.3, y: -0.2, cls: 1 },
  ];

  it('own points are the training set (size, coordinates, labels); the validation points stay the lesson’s', async () => {
    const data = encodePoints(own, PLANE_RANGE);
    const want = decodePoints(data, PLANE_RANGE).points!;
    const lesson = await createExperiment(parseParams(dropoutParams, {}));
    const mine = await createExperiment(parseParams(dropoutParams, { data }));
    expect((await lesson.metrics()).points).toBe(80);
    expect((await mine.metrics()).points).toBe(6);
    const a = (await lesson.frame()) as Partial<DropoutFrame>;
    const b = (await mine.frame()) as Partial<DropoutFrame>;
    expect(Array.from(b.train_x!)).toEqual(Array.from(Float32Array.from(want.flatMap((p) => [p.x, p.y]))));
    expect(Array.from(b.train_y!)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(b.val_x!)).toEqual(Array.from(a.val_x!));
    expect(Array.from(b.val_y!)).toEqual(Array.from(a.val_y!));
    lesson.dispose();
    mine.dispose();
  });

  it('the networks fit the own points: training loss falls below 0.1 within 300 steps (seeds 1-3)', async () => {
    const data = encodePoints(own, PLANE_RANGE);
    for (const seed of [1, 2, 3]) {
      const e = await createExperiment(parseParams(dropoutParams, { data, p: 0, seed }));
      const start = (await e.metrics()).train_loss;
      for (let i = 0; i < 300; i++) await e.step();
      const m = await e.metrics();
      expect(m.train_loss, `seed ${seed}`).toBeLessThan(0.1);
      expect(m.train_loss).toBeLessThan(start);
      e.dispose();
    }
  });

  it('own data does not apply to the digits set', async () => {
    const e = await createExperiment(parseParams(dropoutParams, { dataset: 'digits', points: 30, data: encodePoints(own, PLANE_RANGE) }));
    expect((await e.metrics()).points).toBe(30);
    e.dispose();
  });
});
