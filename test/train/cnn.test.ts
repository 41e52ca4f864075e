import { expect, it } from 'vitest';
import * as E from '../../src/engine';
import { accuracy, argmaxRows, trainStep } from './helpers';

it('a small CNN reaches >= 90% test accuracy on digits after training on 5,000 of them', async () => {
  const d = await E.data.loadDigits();
  const rng = new E.Rng(7);
  const net = E.digitsCnn(rng);
  const params = net.params();
  const opt = new E.Adam({ lr: 0.002 });
  const B = 25;
  const trainIdx = E.data.range(0, 5000);
  const t0 = performance.now();
  const epochs = Number(process.env.EPOCHS ?? 1);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(trainIdx);
    for (let s = 0; s + B <= trainIdx.length; s += B) {
      const idx = trainIdx.subarray(s, s + B);
      const x = E.data.digitPixels(d, idx);
      const y = E.data.digitLabels(d, idx);
      trainStep(opt, params, () => E.softmaxCrossEntropy(net.forward(E.tensor(x, [B, 1, 28, 28])), E.oneHot(y, 10)));
    }
  }
  const trainS = (performance.now() - t0) / 1000;
  let correct = 0;
  const test = d.test;
  for (let s = 0; s < test.count; s += 500) {
    const idx = E.data.range(test.start + s, 500);
    const x = E.data.digitPixels(d, idx);
    correct += E.tidy(() => accuracy(argmaxRows(net.forward(E.tensor(x, [500, 1, 28, 28])).values, 10), E.data.digitLabels(d, idx))) * 500;
  }
  const acc = correct / test.count;
  console.log(`cnn test accuracy ${acc} after ${epochs * 5000} examples, ${trainS.toFixed(1)} s (${((epochs * 5000) / trainS).toFixed(0)} ex/s)`);
  expect(acc).toBeGreaterThanOrEqual(0.9);
}, 90_000);
