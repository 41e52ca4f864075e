/** The convolution lesson's codecs, digit preparation and worker experiment. */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { decodeImage, decodeWeights, encodeImage, encodeWeights, PIXELS, SIDE } from '../../src/lessons/convolution/codec';
import { prepareDigit } from '../../src/lessons/convolution/prepare';
import { experiment } from '../../src/lessons/convolution/experiment';
import { meta } from '../../src/lessons/convolution/meta';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { checkValue } from '../../src/ui/params';
import { EVAL_CHUNK, EVAL_EVERY } from '../../src/lessons/convolution/types';
import { confusionSummary } from '../../src/lessons/convolution/experiment';
import { sceneParams } from '../../src/ui/lesson';

describe('image and kernel codecs', () => {
  it('round-trip a digit to 16 grey levels, within the schema', async () => {
    const d = await E.data.loadDigits();
    const imageParam = meta.params.find((p) => p.key === 'image')!;
    for (const i of [0, 1, 2, 3]) {
      const img = E.data.digitPixels(d, [d.test.start + i]);
      const text = encodeImage(img);
      expect(text.length).toBeLessThan(PIXELS);
      expect(checkValue(imageParam, text).problem).toBeUndefined();
      const back = decodeImage(text)!;
      back.forEach((v, p) => expect(Math.abs(v - img[p])).toBeLessThanOrEqual(0.5 / 15 + 1e-6));
    }
    expect(decodeImage(encodeImage(new Float32Array(PIXELS)))).toEqual(new Float32Array(PIXELS));
  });

  it('reject text that is not a whole image or kernel', () => {
    expect(decodeImage('abc')).toBeNull();
    expect(decodeImage('z')).toBeNull();
    expect(decodeImage('zzz' + 'f'.repeat(800))).toBeNull();
    expect(decodeWeights(encodeWeights([1, 0, -1.5, 2, 0, -2, 1, 0, -1]), 3)).toEqual(Float32Array.from([1, 0, -1.5, 2, 0, -2, 1, 0, -1]));
    expect(decodeWeights('1_2_3', 3)).toBeNull();
    expect(decodeWeights('1_2_3_4_5_6_7_8_--', 3)).toBeNull();
    const weights = meta.params.find((p) => p.key === 'weights')!;
    expect(checkValue(weights, '<b>').problem).toBeDefined();
  });
});

describe('preparing a drawing like the MNIST digits', () => {
  it('fits the ink in a 20-pixel box with its centre of mass at the centre', () => {
    const size = 200;
    for (const [r0, r1, c0, c1] of [[10, 190, 90, 110], [5, 60, 5, 150], [120, 190, 150, 195]]) {
      const ink = new Float32Array(size * size);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) ink[r * size + c] = 1;
      const img = prepareDigit(ink, size);
      let mass = 0, my = 0, mx = 0, rows = new Set<number>(), cols = new Set<number>();
      img.forEach((v, i) => {
        if (v <= 0) return;
        mass += v;
        my += v * (Math.floor(i / SIDE) + 0.5);
        mx += v * ((i % SIDE) + 0.5);
        rows.add(Math.floor(i / SIDE));
        cols.add(i % SIDE);
      });
      expect(Math.max(rows.size, cols.size)).toBe(20);
      expect(Math.abs(my / mass - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(mx / mass - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.max(...img)).toBeCloseTo(1, 5);
    }
    expect(prepareDigit(new Float32Array(100), 10)).toEqual(new Float32Array(PIXELS));
  });
});

describe('the worker experiment', () => {
  it('trains, measures the 2,000 held-out digits and follows the drawn image', async () => {
    const make = lessonExperiment(meta.params, experiment);
    const exp = await make({ seed: 3 }, { backend: 'cpu' });
    const m0 = await exp.metrics();
    expect(m0.test_accuracy).toBeUndefined();
    for (let i = 0; i < 2000 / EVAL_CHUNK; i++) await exp.step();
    const m1 = await exp.metrics();
    expect(m1.tested_at_step).toBe(0);
    expect(m1.test_accuracy).toBeLessThan(0.4);
    const f1 = (await exp.frame!()) as Record<string, Float32Array>;
    expect(f1.confusion.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(f1.maps1).toHaveLength(8 * 24 * 24);
    expect(f1.maps2).toHaveLength(16 * 8 * 8);
    expect(f1.kernels).toHaveLength(8 * 25);
    expect(f1.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    for (let i = 2000 / EVAL_CHUNK; i < EVAL_EVERY + 2000 / EVAL_CHUNK; i++) await exp.step();
    const m2 = await exp.metrics();
    expect(m2.tested_at_step).toBe(EVAL_EVERY);
    expect(m2.test_accuracy).toBeGreaterThan(0.8);
    expect(m2.prediction).toBe(7); // test digit 4 is a 7
    // a blank drawing replaces the test digit: the maps of the first layer become the ReLU of its biases alone
    expect(exp.setParams!({ image: encodeImage(new Float32Array(PIXELS)) })).toBe(true);
    const f2 = (await exp.frame!()) as Record<string, Float32Array>;
    for (let c = 0; c < 8; c++) {
      const plane = f2.maps1.subarray(c * 576, (c + 1) * 576);
      expect(Math.max(...plane) - Math.min(...plane)).toBeLessThan(1e-6);
    }
    expect(exp.setParams!({ lr: 0.001, batch: 16 })).toBe(true);
    expect(exp.setParams!({ seed: 4 })).toBe(false);
    exp.dispose?.();
  }, 120_000);
});

describe('the measures of the scenes without training, in the worker', () => {
  it('are in the metrics at step 0, finite, and follow the kernel, the pooling and the digit', async () => {
    const make = lessonExperiment(meta.params, experiment);
    const exp = await make({ ...sceneParams(meta, 3), seed: 1 }, { backend: 'cpu' });
    const m0 = await exp.metrics();
    for (const k of ['conv_side', 'conv_formula_side', 'conv_max_err', 'edge_transpose_err', 'box_step_ratio', 'shift_det_change', 'shift_max_change', 'shift_avg_change', 'shift_max_moved', 'shift_avg_moved', 'conv_params', 'dense_params', 'digit_label', 'kernel_change']) {
      expect(Number.isFinite(m0[k]), k).toBe(true);
    }
    expect(m0.digit_label).toBe(7);
    expect(m0.kernel_change).toBe(0);
    expect(exp.setParams!({ poolSize: 2, poolStride: 2 })).toBe(true);
    const m1 = await exp.metrics();
    expect(m1.shift_det_change).toBe(m0.shift_det_change);
    expect(m1.shift_max_change).not.toBe(m0.shift_max_change);
    expect(exp.setParams!({ kernel: 'box' })).toBe(true);
    expect((await exp.metrics()).shift_det_change).not.toBe(m1.shift_det_change);
    expect(exp.setParams!({ image: encodeImage(new Float32Array(PIXELS)) })).toBe(true);
    const blank = await exp.metrics();
    expect(blank.digit_label).toBe(-1);
    expect(blank.shift_det_change).toBe(0);
    exp.dispose?.();
  });

  it('confusionSummary: the worst row’s diagonal share and the largest off-diagonal share', () => {
    const c = new Float32Array(100);
    for (let t = 0; t < 10; t++) c[t * 10 + t] = 10;
    c[3 * 10 + 5] = 10; // digit 3: half right, half called 5
    expect(confusionSummary(c)).toEqual({ min_recall: 0.5, max_confusion: 0.5 });
  });
});
