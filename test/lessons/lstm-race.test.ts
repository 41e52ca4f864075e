/**
 * The claims of the lstm lesson's race scenes, on the scenes' own settings
 * over 3 seeds (deterministic on the cpu backend): the LSTM beats the plain
 * RNN at the default length, and a forget bias of 1 beats 0 at the bias
 * scene's length. Accuracies are the experiment's own held-out readouts.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { experiment } from '../../src/lessons/lstm/experiment';
import { meta, params } from '../../src/lessons/lstm/meta';
import { sceneParams } from '../../src/ui/lesson';

E.setBackend(E.cpuBackend);
const SEEDS = [1, 2, 3];

async function train(raw: Record<string, string | number | boolean>, steps: number): Promise<Record<string, number>> {
  const exp = await lessonExperiment(params, experiment)(raw, { backend: 'cpu' });
  for (let s = 0; s < steps; s++) await exp.step();
  const m = await exp.metrics();
  exp.dispose?.();
  return m;
}

const sceneNamed = (title: RegExp) => meta.scenes.findIndex((s) => title.test(s.title));

describe('lstm lesson: the race claims', () => {
  it('at the default settings (length 20, 16 units, Adam 0.005) the LSTM beats the RNN by a wide margin after 200 steps, seeds 1-3', async () => {
    const scene = sceneParams(meta, sceneNamed(/race on a long/));
    expect(scene.length).toBe(20);
    for (const seed of SEEDS) {
      const m = await train({ ...scene, seed }, 200);
      console.log(`length 20, seed ${seed}, 200 steps: acc rnn ${m.acc_rnn}, lstm ${m.acc_lstm}, gru ${m.acc_gru}`);
      expect(m.acc_lstm).toBeGreaterThan(0.9);
      expect(m.acc_rnn).toBeLessThan(0.35);
    }
  }, 240_000);

  it('at the bias scene\'s length a forget bias of 1 beats 0 after 200 steps, seeds 1-3', async () => {
    const scene = sceneParams(meta, sceneNamed(/Forget-gate bias/));
    expect(scene.race).toBe('bias');
    for (const seed of SEEDS) {
      const m = await train({ ...scene, seed }, 200);
      console.log(`length ${scene.length}, seed ${seed}, 200 steps: acc b_f=0 ${m.acc_lstm_b0}, b_f=1 ${m.acc_lstm_b1}`);
      expect(m.acc_lstm_b0).toBeLessThan(0.35);
      expect(m.acc_lstm_b1).toBeGreaterThan(0.9);
    }
  }, 240_000);
});
