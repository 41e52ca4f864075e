/**
 * The lstm lesson's races are wired as the page says: the racers start from
 * the gate biases their labels and controls name, the clip race clips one
 * racer only, and the metrics the scene claims read are finite from the first
 * step. The claims themselves (who learns by when, on how many seeds) are
 * declared in meta.ts and measured by `npm run claims -- --lesson lstm`.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { experiment } from '../../src/lessons/lstm/experiment';
import { meta, params } from '../../src/lessons/lstm/meta';
import { Racer } from '../../src/lessons/lstm/model';
import { sceneParams } from '../../src/ui/lesson';

E.setBackend(E.cpuBackend);

type Race = { racers: { id: string; racer: Racer }[] };
async function build(raw: Record<string, string | number | boolean>) {
  const exp = await lessonExperiment(params, experiment)(raw, { backend: 'cpu' });
  return exp as typeof exp & Race;
}
const sceneNamed = (title: RegExp) => sceneParams(meta, meta.scenes.findIndex((s) => title.test(s.title)));
const bias = (r: Racer) => Array.from(r.cell.b.values);

describe('lstm lesson: the races', () => {
  it('the cells race: the LSTM starts at the forget bias and the GRU at the update-gate bias of the controls (b_z = -b_u, the rest 0)', async () => {
    const exp = await build({ race: 'cells', length: 6, forgetBias: 2, gruBias: 1.5, seed: 4 });
    const H = 16;
    const lstm = exp.racers.find((r) => r.id === 'lstm')!.racer;
    const gru = exp.racers.find((r) => r.id === 'gru')!.racer;
    expect(bias(lstm).slice(H, 2 * H)).toEqual(new Array(H).fill(2));
    expect(bias(gru)).toEqual([...new Array(H).fill(-1.5), ...new Array(2 * H).fill(0)]);
    // u = 1 - z starts at sigma(b_u) where the input and the state add nothing (h_0 = 0, a zero input)
    const out = gru.probe([E.tensor(new Float32Array(4), [1, 4])]);
    for (const z of out.out.gates[0].z.values) expect(1 - z).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 5);
    out.logits.dispose();
    // the GRU's bias is an init: changing it rebuilds the race
    expect(exp.setParams!({ gruBias: 0 })).toBe(false);
    exp.dispose!();
    // b_u = 0 leaves the engine's init as it was
    const plain = await build({ race: 'cells', length: 6, gruBias: 0, seed: 4 });
    expect(bias(plain.racers.find((r) => r.id === 'gru')!.racer)).toEqual(new Array(3 * H).fill(0));
    plain.dispose!();
  });

  it('the bias race runs b_f = 0, 1 and 2 from one seed, the clip race one clipped and one unclipped LSTM', async () => {
    const b = await build({ ...sceneNamed(/Forget-gate bias/), length: 6 });
    expect(b.racers.map((r) => [r.id, bias(r.racer)[16]])).toEqual([['lstm_b0', 0], ['lstm_b1', 1], ['lstm_b2', 2]]);
    b.dispose!();

    const c = await build({ ...sceneNamed(/clipping/), length: 10, clipNorm: 0.1 });
    expect(c.racers.map((r) => r.id)).toEqual(['lstm_clip', 'lstm_noclip']);
    const [clipped, free] = c.racers.map((r) => r.racer);
    // same init and the same minibatch: the first step's gradient (before clipping) is the same; clipping changes what Adam sees after it
    await c.step();
    let m = await c.metrics();
    expect(m.gnorm_lstm_clip).toBe(m.gnorm_lstm_noclip);
    expect(m.gnorm_lstm_clip).toBeGreaterThan(0.1);
    for (let s = 0; s < 5; s++) await c.step();
    m = await c.metrics();
    expect(bias(clipped)).not.toEqual(bias(free));
    expect(m.gmax_lstm_clip).toBeGreaterThanOrEqual(m.gnorm_lstm_clip);
    c.dispose!();
  });

  it('the metrics the claims read are finite numbers from the first step', async () => {
    for (const race of ['cells', 'bias', 'clip'] as const) {
      const exp = await build({ race, length: 8, seed: 2 });
      for (let s = 0; s < 3; s++) {
        await exp.step();
        const m = await exp.metrics();
        for (const { id } of exp.racers) {
          for (const k of ['acc', 'loss', 'gnorm', 'gmax', 'hgrad1']) expect(Number.isFinite(m[`${k}_${id}`]), `${k}_${id}`).toBe(true);
          if (id !== 'rnn' && id !== 'gru') expect(m[`fprod1_${id}`]).toBeGreaterThan(0);
        }
        expect(m.gmax_rnn ?? m.gmax_lstm_b0 ?? m.gmax_lstm_clip).toBeGreaterThan(0);
      }
      exp.dispose!();
    }
  });
});
