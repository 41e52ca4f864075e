import { expect, it } from 'vitest';
import * as E from '../../src/engine';
import { trainStep } from './helpers';

it("a 784-128-784 auto-encoder's reconstruction loss falls by at least half", async () => {
  const d = await E.data.loadDigits();
  const rng = new E.Rng(11);
  const ae = new E.AutoEncoder(784, 128, rng, { tied: false, activation: 'sigmoid', output: 'sigmoid' });
  const params = ae.params();
  const opt = new E.Adam({ lr: 0.005 });
  const B = 50;
  const evalIdx = E.data.range(d.test.start, 200);
  const xEval = E.keep(E.tensor(E.data.digitPixels(d, evalIdx), [200, 784]));
  const evalLoss = () => E.tidy(() => E.mse(ae.forward(xEval), xEval).item());
  const before = evalLoss();
  const idx = E.data.range(0, 2000);
  for (let s = 0; s < 120; s++) {
    const start = (s * B) % idx.length;
    const x = E.tensor(E.data.digitPixels(d, idx.subarray(start, start + B)), [B, 784]);
    trainStep(opt, params, () => E.bceWithLogits(ae.decodeLogits(ae.encode(x)), x));
    x.dispose();
  }
  const after = evalLoss();
  console.log(`auto-encoder reconstruction MSE on held-out digits: ${before.toFixed(4)} -> ${after.toFixed(4)}`);
  expect(after).toBeLessThanOrEqual(before / 2);
}, 60_000);

it('the tied auto-encoder trains too', async () => {
  const d = await E.data.loadDigits();
  const rng = new E.Rng(12);
  const ae = new E.AutoEncoder(784, 128, rng, { tied: true });
  const opt = new E.Adam({ lr: 0.005 });
  const x = E.keep(E.tensor(E.data.digitPixels(d, E.data.range(0, 100)), [100, 784]));
  const first = E.tidy(() => E.mse(ae.forward(x), x).item());
  for (let s = 0; s < 40; s++) trainStep(opt, ae.params(), () => E.bceWithLogits(ae.decodeLogits(ae.encode(x)), x));
  const last = E.tidy(() => E.mse(ae.forward(x), x).item());
  expect(last).toBeLessThan(first / 2);
}, 60_000);
