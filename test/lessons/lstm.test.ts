/**
 * The LSTM lesson: the values the page shows are the engine's, dL/dh_t agrees
 * with finite differences, and the probe control accepts A-D only.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { experiment } from '../../src/lessons/lstm/experiment';
import { cellAt } from '../../src/lessons/lstm/labels';
import { params } from '../../src/lessons/lstm/meta';
import { Racer, oneHotSteps } from '../../src/lessons/lstm/model';
import type { LstmFrame } from '../../src/lessons/lstm/types';
import { checkValue } from '../../src/ui/params';

E.setBackend(E.cpuBackend);

type Race = { racers: { id: string; racer: Racer }[] };
async function build(raw: Record<string, string | number | boolean>) {
  const exp = await lessonExperiment(params, experiment)(raw, { backend: 'cpu' });
  return exp as typeof exp & Race;
}

describe('lstm lesson: what the page shows', () => {
  it('the gate values shown for a step are the engine LSTM\'s for that step, and obey s = f s + g s~, h = tanh(s) q', async () => {
    const exp = await build({ probe: 'CABDDBACDB', seed: 3 });
    for (let s = 0; s < 5; s++) await exp.step();
    const frame = (await exp.frame!()) as Partial<LstmFrame>;
    const lstm = exp.racers.find((r) => r.id === 'lstm')!.racer;
    const ids = [2, 0, 1, 3, 3, 1, 0, 2, 3, 1];
    expect(Array.from(frame.probe!)).toEqual(ids);
    const out = lstm.cell.forward(oneHotSteps(ids, 1, ids.length));
    for (const t of [0, 4, 9]) {
      for (const j of [0, 7, 15]) {
        const shown = cellAt(frame, j, t)!;
        const g = out.gates[t];
        expect(shown.f).toBe(g.f.values[j]);
        expect(shown.i).toBe(g.i.values[j]);
        expect(shown.o).toBe(g.o.values[j]);
        expect(shown.g).toBe(g.g.values[j]);
        expect(shown.c).toBe(out.cs[t].values[j]);
        expect(shown.h).toBe(out.hs[t].values[j]);
        expect(shown.cPrev).toBe(t ? out.cs[t - 1].values[j] : 0);
        expect(shown.c).toBeCloseTo(shown.f * shown.cPrev + shown.i * shown.g, 5);
        expect(shown.h).toBeCloseTo(Math.tanh(shown.c) * shown.o, 5);
      }
    }
    // a new probe is a setParams without a rebuild: the trained weights stay
    expect(exp.setParams!({ probe: 'DDDD' })).toBe(true);
    const f2 = (await exp.frame!()) as Partial<LstmFrame>;
    expect(Array.from(f2.probe!)).toEqual([3, 3, 3, 3]);
    exp.dispose!();
  });

  it('the probe param accepts A-D only', () => {
    const p = params.find((q) => q.key === 'probe')!;
    expect(checkValue(p, 'ABCD').value).toBe('ABCD');
    expect(checkValue(p, '<img src=x>').problem).toMatch(/A-D/);
    expect(checkValue(p, 'A'.repeat(61)).problem).toMatch(/longer/);
  });
});

describe('lstm lesson: ||dL/dh_t|| against finite differences', () => {
  // L(h_t + eps e_k): run the first t+1 steps, perturb h_t, finish the sequence from (h_t, c_t)
  function lossFrom(r: Racer, xs: E.Tensor[], y: Int32Array, t: number, k: number, eps: number): number {
    return E.tidy(() => {
      const head = r.cell.forward(xs.slice(0, t + 1));
      const h = head.hs[t].values.slice();
      h[k] += eps;
      const hp = E.tensor(h, head.hs[t].shape);
      const c = head.cs[t];
      const out = xs.length > t + 1 ? (r.cell instanceof E.LSTM ? r.cell.forward(xs.slice(t + 1), hp, c) : r.cell.forward(xs.slice(t + 1), hp)) : null;
      const last = out ? out.hs[out.hs.length - 1] : hp;
      return E.softmaxCrossEntropy(r.head.forward(last), E.oneHot(y, 4)).item();
    });
  }
  for (const kind of ['rnn', 'lstm', 'gru'] as const) {
    it(`${kind}: the engine's norms match central differences`, () => {
      const r = new Racer({ kind, hidden: 3, lr: 0, forgetBias: 1, seed: 5 });
      const ids = [0, 2, 1, 3, 3, 0, 1, 2, 2, 1];
      const xs = oneHotSteps(ids, 2, 5);
      const y = Int32Array.from([0, 3]);
      r.step(xs, y, null); // lr 0: the weights stay; the step leaves dL/dh_t behind
      const engine = r.last!.hGrad.values;
      const eps = 1e-2;
      for (let t = 0; t < 5; t++) {
        let sq = 0;
        for (let k = 0; k < 6; k++) {
          const d = (lossFrom(r, xs, y, t, k, eps) - lossFrom(r, xs, y, t, k, -eps)) / (2 * eps);
          sq += d * d;
        }
        expect(Math.abs(engine[t] - Math.sqrt(sq))).toBeLessThan(0.03 * Math.sqrt(sq) + 2e-4);
      }
      r.dispose();
    });
  }
});
