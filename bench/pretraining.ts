/**
 * The pretraining lesson's comparison in Node, for choosing its settings:
 *   node --import tsx bench/pretraining.ts [labels=500] [hidden=128,128] [pre=250] [fine=200] [corrupt=0.25] [seeds=1,2,3] [batch=32] [lrPre=0.01] [lrRead=0.03] [lrFine=0.002] [readout=100]
 * prints each method's read-out and fine-tuned test error per seed, mean and spread, and the wall time.
 */
import { data } from '../src/engine';
import { digitSets } from '../src/lessons/pretraining/data';
import { METHODS, MethodRun, type StackConfig } from '../src/lessons/pretraining/method';

const arg = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const num = (k: string, d: number) => (arg[k] !== undefined ? Number(arg[k]) : d);
const seeds = (arg.seeds ?? '1,2,3').split(',').map(Number);
const base: Omit<StackConfig, 'seed'> = {
  hidden: (arg.hidden ?? '128,128').split(',').map(Number),
  labels: num('labels', 500),
  batch: num('batch', 32),
  pretrainSteps: num('pre', 250),
  readoutSteps: num('readout', 100),
  finetuneSteps: num('fine', 200),
  corruption: num('corrupt', 0.25),
  lrPretrain: num('lrPre', 0.01),
  lrReadout: num('lrRead', 0.03),
  lrFinetune: num('lrFine', 0.002),
};

const sets = digitSets(await data.loadDigits());
console.log(JSON.stringify(base));
const res: Record<string, { ro: number[]; te: number[] }> = {};
for (const seed of seeds) {
  for (const m of METHODS) {
    const t0 = performance.now();
    const run = new MethodRun(m, { ...base, seed }, sets);
    let steps = 0;
    while (!run.done) {
      await run.step();
      steps++;
    }
    const r = (res[m] ??= { ro: [], te: [] });
    r.ro.push(run.readoutError!);
    r.te.push(run.testError!);
    const rec = run.recon.map((c) => (c.length ? `${c[1].toFixed(4)}->${c[c.length - 1].toFixed(4)}` : '')).join(' ');
    console.log(`seed ${seed} ${m.padEnd(11)} readout ${(100 * run.readoutError!).toFixed(2)}%  test ${(100 * run.testError!).toFixed(2)}%  ${steps} units ${((performance.now() - t0) / 1000).toFixed(1)} s  ${rec}`);
    run.dispose();
  }
}
const ms = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return `${(100 * m).toFixed(2)} ± ${(100 * sd).toFixed(2)}% [${v.map((x) => (100 * x).toFixed(1)).join(' ')}]`;
};
for (const m of METHODS) console.log(`${m.padEnd(11)} readout ${ms(res[m].ro)}   fine-tuned ${ms(res[m].te)}`);
