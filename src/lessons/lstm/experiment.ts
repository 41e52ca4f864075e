/**
 * LSTM lesson experiment (runs in the worker): the racers of the chosen race
 * train side by side on "recall the first of 4 symbols", one shared minibatch
 * per step; each frame carries the gates and states of the probe sequence and
 * ||dL/dh_t|| of the last minibatch.
 */
import { Rng, data, keep, tensor, type SequenceBatch, type Tensor } from '../../engine';
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { Racer, disposeOutput, oneHotSteps } from './model';
import { forgetProduct, probeIds, toUnitsByTime, softmax, argmaxRows } from './values';
import { BATCH, EVAL_EVERY, EVAL_N, RACES, SHOWN_LSTM, SYMBOLS, type LstmFrame, type LstmParams } from './types';

interface Entry {
  id: string;
  racer: Racer;
  /** The racer's own clipping (the clip race); undefined: the clip control. */
  clip?: boolean;
}

/** Per-step input tensors of a task batch. */
function stepsOf(b: SequenceBatch): Tensor[] {
  return Array.from({ length: b.length }, (_, t) => tensor(data.stepSlice(b, t), [b.n, b.features]));
}

class LstmRace implements Experiment<LstmParams> {
  readonly racers: Entry[];
  private readonly dataRng: Rng;
  private readonly test: SequenceBatch;
  private readonly testXs: Tensor[];
  private probe: Int32Array;
  private t = 0;
  private evalAt = -Infinity;
  private readonly acc: Record<string, number> = {};

  constructor(private p: LstmParams) {
    this.racers = RACES[p.race].map((r) => ({
      id: r.id,
      racer: new Racer({ kind: r.kind, hidden: p.hidden, lr: p.lr, forgetBias: 'forgetBias' in r ? r.forgetBias : p.forgetBias, gruBias: p.gruBias, seed: p.seed }),
      clip: 'clip' in r ? r.clip : undefined,
    }));
    this.dataRng = new Rng(p.seed + 7919);
    // held-out sequences, never trained on: the accuracy readouts
    this.test = data.firstSymbolTask(EVAL_N, p.length, SYMBOLS, new Rng(p.seed + 31337));
    this.testXs = stepsOf(this.test).map((x) => keep(x));
    this.probe = probeIds(p.probe, p.length, p.seed);
  }

  get phase(): string {
    return `length ${this.p.length}`;
  }

  step(): void {
    const b = data.firstSymbolTask(BATCH, this.p.length, SYMBOLS, this.dataRng);
    const xs = stepsOf(b);
    for (const { racer, clip } of this.racers) racer.step(xs, b.y, (clip ?? this.p.clip) ? this.p.clipNorm : null);
    for (const x of xs) x.dispose();
    this.t++;
  }

  /** Accuracy of every racer on the held-out set, re-measured every EVAL_EVERY steps. */
  private async evaluate(): Promise<void> {
    if (this.t - this.evalAt < EVAL_EVERY) return;
    this.evalAt = this.t;
    const outs = this.racers.map(({ racer }) => racer.probe(this.testXs));
    const logits = await Promise.all(outs.map((o) => o.logits.read()));
    this.racers.forEach(({ id }, k) => {
      const pred = argmaxRows(logits[k], SYMBOLS);
      let ok = 0;
      for (let n = 0; n < this.test.n; n++) if (pred[n] === this.test.y[n]) ok++;
      this.acc[id] = ok / this.test.n;
    });
    for (const o of outs) {
      disposeOutput(o.out);
      o.logits.dispose();
    }
  }

  async metrics(): Promise<Record<string, number>> {
    await this.evaluate();
    const m: Record<string, number> = {};
    const reads = await Promise.all(
      this.racers.map(({ racer }) => Promise.all([racer.last?.loss.read(), racer.last?.gnorm.read(), racer.gmax?.read(), racer.last?.hGrad.read(), racer.last?.fMean?.read()])),
    );
    const finite = (v: number) => (Number.isFinite(v) ? v : 0);
    this.racers.forEach(({ id }, k) => {
      m[`acc_${id}`] = this.acc[id];
      const [loss, gnorm, gmax, hGrad, fMean] = reads[k];
      if (loss) m[`loss_${id}`] = loss[0];
      if (gnorm) m[`gnorm_${id}`] = gnorm[0];
      // the largest ||g|| (before clipping) of every step so far
      if (gmax) m[`gmax_${id}`] = gmax[0];
      // the last minibatch: ||dL/dh_1|| / ||dL/dh_T||, and the forget-gate product from step 2 to T (averaged over units)
      if (hGrad) m[`hgrad1_${id}`] = finite(hGrad[0] / hGrad[hGrad.length - 1]);
      if (fMean) m[`fprod1_${id}`] = forgetProduct(fMean, this.p.length, this.p.hidden)[0];
    });
    return m;
  }

  async frame(): Promise<Partial<LstmFrame>> {
    const T = this.probe.length;
    const xs = oneHotSteps(this.probe, 1, T);
    const f: Record<string, Float32Array> = { probe: Float32Array.from(this.probe) };
    for (const { id, racer } of this.racers) {
      const last = racer.last;
      if (last) {
        f[`hgrad_${id}`] = await last.hGrad.read();
        if (last.fMean) f[`fprod_${id}`] = forgetProduct(await last.fMean.read(), this.p.length, this.p.hidden);
      }
      const { out, logits } = racer.probe(xs);
      const kind = racer.spec.kind;
      const H = this.p.hidden;
      const read = async (ts: Tensor[]) => toUnitsByTime(await Promise.all(ts.map((t) => t.read())), H);
      if (kind === 'lstm' && id === SHOWN_LSTM[this.p.race]) {
        for (const g of ['f', 'i', 'o', 'g'] as const) f[g] = await read(out.gates.map((s) => s[g]));
        f.c = await read(out.cs);
        f.h = await read(out.hs);
        f.p_lstm = softmax(await logits.read());
      } else if (kind === 'rnn') {
        f.h_rnn = await read(out.hs);
        f.p_rnn = softmax(await logits.read());
      } else if (kind === 'gru') {
        for (const g of ['z', 'r', 'n'] as const) f[`${g}_gru`] = await read(out.gates.map((s) => s[g]));
        f.h_gru = await read(out.hs);
        f.p_gru = softmax(await logits.read());
      }
      disposeOutput(out);
      logits.dispose();
    }
    for (const x of xs) x.dispose();
    return f as Partial<LstmFrame>;
  }

  setParams(changed: Partial<LstmParams>): boolean {
    const next = { ...this.p, ...changed };
    const rebuild = (['race', 'length', 'hidden', 'forgetBias', 'gruBias', 'seed'] as const).some((k) => next[k] !== this.p[k]);
    if (rebuild) return false;
    if (next.lr !== this.p.lr) for (const { racer } of this.racers) racer.lr = next.lr;
    if (next.probe !== this.p.probe) this.probe = probeIds(next.probe, next.length, next.seed);
    this.p = next;
    return true;
  }

  dispose(): void {
    for (const { racer } of this.racers) racer.dispose();
    for (const x of this.testXs) x.dispose();
  }
}

/** Small recurrent nets: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<LstmParams> = (p) => new LstmRace(p);
