/**
 * The lstm lesson's race measured in Node (not a test): a tanh RNN, an LSTM and a
 * GRU of width H trained side by side from one seed on "recall the first of 4
 * symbols" at several lengths; prints held-out accuracy after STEPS steps.
 * LENGTHS=10,15,20 SEEDS=1,2,3 STEPS=1500 H=16 LR=0.005 BIAS=1 CLIP=1 KINDS=rnn,lstm,gru
 * node --import tsx bench/lstm-race.ts
 */
import * as E from '../src/engine';
import { Racer } from '../src/lessons/lstm/model';
import { BATCH, SYMBOLS, type CellKind } from '../src/lessons/lstm/types';

E.setBackend(E.cpuBackend);
const env = (k: string, d: string) => process.env[k] ?? d;
const LENGTHS = env('LENGTHS', '10,15,20,25,30').split(',').map(Number);
const SEEDS = env('SEEDS', '1,2,3').split(',').map(Number);
const STEPS = Number(env('STEPS', '1500'));
const H = Number(env('H', '16'));
const LR = Number(env('LR', '0.005'));
const BIAS = Number(env('BIAS', '1'));
const CLIP = env('CLIP', '1') === 'off' ? null : Number(env('CLIP', '1'));
const KINDS = env('KINDS', 'rnn,lstm,gru').split(',') as CellKind[];
const CHECK = Number(env('CHECK', '250'));

function steps(b: E.SequenceBatch): E.Tensor[] {
  return Array.from({ length: b.length }, (_, t) => E.tensor(E.data.stepSlice(b, t), [b.n, b.features]));
}
function acc(r: Racer, test: E.SequenceBatch): number {
  return E.tidy(() => {
    const xs = steps(test);
    const { out, logits } = r.probe(xs);
    const v = logits.values;
    let ok = 0;
    for (let i = 0; i < test.n; i++) {
      let best = 0;
      for (let k = 1; k < SYMBOLS; k++) if (v[i * SYMBOLS + k] > v[i * SYMBOLS + best]) best = k;
      if (best === test.y[i]) ok++;
    }
    logits.dispose();
    for (const t of [...out.hs, ...out.cs, ...out.gates.flatMap((g) => Object.values(g))]) if (!t.disposed) t.dispose();
    return ok / test.n;
  });
}

console.log(`H=${H} lr=${LR} bias=${BIAS} clip=${CLIP} steps=${STEPS} batch=${BATCH}`);
for (const T of LENGTHS) {
  for (const kind of KINDS) {
    const row: string[] = [];
    for (const seed of SEEDS) {
      const r = new Racer({ kind, hidden: H, lr: LR, forgetBias: BIAS, seed });
      const data = new E.Rng(seed + 7919);
      const test = E.data.firstSymbolTask(500, T, SYMBOLS, new E.Rng(seed + 31337));
      const t0 = performance.now();
      const marks: string[] = [];
      for (let s = 1; s <= STEPS; s++) {
        const b = E.data.firstSymbolTask(BATCH, T, SYMBOLS, data);
        E.tidy(() => r.step(steps(b), b.y, CLIP));
        if (s % CHECK === 0) marks.push(acc(r, test).toFixed(2));
      }
      const ms = (performance.now() - t0) / STEPS;
      row.push(`s${seed}[${marks.join(' ')}] ${ms.toFixed(1)}ms`);
      r.dispose();
    }
    console.log(`T=${T} ${kind.padEnd(4)} ${row.join(' | ')}`);
  }
}
