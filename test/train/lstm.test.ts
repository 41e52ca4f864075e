import { expect, it } from 'vitest';
import * as E from '../../src/engine';
import { accuracy, argmaxRows } from './helpers';

// "Remember the first of 20 one-hot symbols (4 kinds)": 19 distractors of the
// same kind follow the symbol that decides the label; chance is 25%.
const T = 20;
const K = 4;
const H = 16;
const STEPS = 600;

function seqTensors(b: E.SequenceBatch): E.Tensor[] {
  return Array.from({ length: b.length }, (_, t) => E.tensor(E.data.stepSlice(b, t), [b.n, b.features]));
}

/** Trains a cell + dense head (Adam 0.005, clipping at norm 1, batch 32) and returns test accuracy. */
function run(kind: 'rnn' | 'lstm', seed: number): number {
  const rng = new E.Rng(seed);
  const cell = kind === 'lstm' ? new E.LSTM(K, H, rng, { forgetBias: 1 }) : new E.RNN(K, H, rng);
  const head = new E.Dense(H, K, rng);
  const params = [...cell.params(), ...head.params()];
  const opt = new E.Adam({ lr: 0.005 });
  const dataRng = new E.Rng(seed + 1000);
  for (let s = 0; s < STEPS; s++) {
    const b = E.data.firstSymbolTask(32, T, K, dataRng);
    E.tidy(() => {
      const { grads } = E.valueAndGrad(() => E.softmaxCrossEntropy(head.forward(cell.forward(seqTensors(b)).hs[T - 1]), E.oneHot(b.y, K)), params);
      opt.step(params, E.clipByGlobalNorm(grads, 1).grads);
    });
  }
  const test = E.data.firstSymbolTask(500, T, K, new E.Rng(seed + 2000));
  const acc = E.tidy(() => accuracy(argmaxRows(head.forward(cell.forward(seqTensors(test)).hs[T - 1]).values, K), test.y));
  cell.dispose();
  head.dispose();
  return acc;
}

it('an LSTM learns a length-20 long-dependency task that a same-size tanh RNN fails', () => {
  const lstm = run('lstm', 1);
  const rnn = run('rnn', 1);
  console.log(`first-symbol recall at length ${T}: lstm ${lstm}, rnn ${rnn} (chance ${1 / K})`);
  expect(lstm).toBeGreaterThanOrEqual(0.95);
  expect(rnn).toBeLessThan(0.5);
}, 60_000);

