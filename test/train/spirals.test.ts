import { expect, it } from 'vitest';
import * as E from '../../src/engine';
import { accuracy, argmaxRows, trainStep } from './helpers';

it('a 2-16-16-2 MLP reaches >= 95% train accuracy on spirals', () => {
  const rng = new E.Rng(42);
  const d = E.data.spirals(400, 0.03, rng);
  const x = E.keep(E.tensor(d.x, [d.n, 2]));
  const y = E.keep(E.oneHot(d.y, 2));
  const net = new E.Sequential([
    new E.Dense(2, 16, rng),
    new E.Fn(E.tanh),
    new E.Dense(16, 16, rng),
    new E.Fn(E.tanh),
    new E.Dense(16, 2, rng),
  ]);
  const params = net.params();
  const opt = new E.Adam({ lr: 0.02 });
  let acc = 0;
  for (let it = 0; it < 3000 && acc < 0.97; it++) {
    trainStep(opt, params, () => E.softmaxCrossEntropy(net.forward(x), y));
    if (it % 100 === 99) acc = E.tidy(() => accuracy(argmaxRows(net.forward(x).values, 2), d.y));
  }
  acc = E.tidy(() => accuracy(argmaxRows(net.forward(x).values, 2), d.y));
  console.log('spirals train accuracy', acc, 'after', opt.t, 'steps');
  expect(acc).toBeGreaterThanOrEqual(0.95);
});
