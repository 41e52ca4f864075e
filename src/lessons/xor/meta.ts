import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { dataParam } from '../../ui/pointData';

/** Every control of the lesson; the experiment's XorParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'model',
    label: 'Model',
    options: ['linear', 'handset', 'mlp'],
    labels: ['Linear model', 'Hand-set ReLU network', 'Trained network'],
    default: 'mlp',
  },
  // ReLU throughout, as in Goodfellow 6.1 and the hand-set network; tanh and sigmoid stay for the curious
  { kind: 'choice', key: 'activation', label: 'Activation', options: ['relu', 'tanh', 'sigmoid'], default: 'relu', showIf: { model: ['mlp'] } },
  { kind: 'number', key: 'hidden', label: 'Hidden units', min: 2, max: 8, step: 1, integer: true, default: 4, showIf: { model: ['mlp'] } },
  { kind: 'number', key: 'lr', label: 'Learning rate', min: 0.001, max: 2, log: true, default: 0.2, showIf: { model: ['linear', 'mlp'] } },
  { kind: 'number', key: 'runs', label: 'Seeds run at once', min: 1, max: 100, step: 1, integer: true, default: 1, showIf: { model: ['mlp'] },
    help: 'More than 1 trains that many networks from seeds seed, seed+1, ... and shows the spread of final losses.' },
  { kind: 'number', key: 'inspect', label: 'Run shown (seed)', min: 0, max: 99999, step: 1, integer: true, default: 1, showIf: { model: ['mlp'] },
    help: 'With many seeds: the run whose hidden space is drawn (click a seed under the histogram). The first run if this seed is not in the race.' },
  // seed 1 of the default 4-unit ReLU net gets stuck at loss 1/8; seed 2 solves XOR (test/xor.test.ts)
  { ...seedParam, default: 2 },
  // the student's own points, added on the surface plot; every scene teaches with the four XOR points ('')
  dataParam,
]);

export const meta = defineLesson({
  id: 'xor',
  title: 'Learning XOR',
  summary: 'Why a linear model cannot fit XOR, how one hidden ReLU layer does, and how training finds it (or gets stuck).',
  order: 1,
  params,
  figures: ['surface', 'hidden', 'seeds', 'loss', 'equations'],
  scenes: [
  {
    title: 'A linear model cannot fit XOR',
    caption: 'Gradient descent on the linear model, from small random weights.',
    params: { model: 'linear', lr: 0.2, runs: 1, seed: 1, data: '' },
    claims: [
      {
        id: 'linear-settles',
        text: 'By step 300 it has settled at w = 0, b = 1/2 (each within 0.01): it outputs 0.5 for every input, loss 0.25.',
        at: 300,
        key: 'loss',
        holds: (m) => Math.abs(m.w1) < 0.01 && Math.abs(m.w2) < 0.01 && Math.abs(m.b - 0.5) < 0.01 && Math.abs(m.loss - 0.25) < 1e-3,
      },
    ],
    show: ['surface', 'loss', 'equations'],
  },
  {
    title: 'A hand-set ReLU network solves it',
    caption: 'With W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0 the hidden layer maps the four points so a line separates them: loss 0.',
    params: { model: 'handset', runs: 1, data: '' },
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Training from random weights',
    caption: 'Press Play: four ReLU units from seed 2 find a solution; the decision surface, the hidden-space points and the loss move together.',
    params: { model: 'mlp', activation: 'relu', hidden: 4, lr: 0.2, runs: 1, seed: 2, data: '' },
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Many seeds: the loss is not convex',
    caption:
      'Fifty 2-unit ReLU networks, seeds 1–50, 3,000 steps each. Most get stuck: the count under the histogram is this run’s. ' +
      'Question for the class: the stuck runs end at exactly 1/4, 1/6 or 1/8. Why these numbers? Click a seed to see its hidden space: which points does each unit see?',
    params: { model: 'mlp', activation: 'relu', hidden: 2, lr: 0.2, runs: 50, seed: 1, inspect: 2, data: '' },
    show: ['seeds', 'hidden', 'loss'],
    // test/xor.test.ts: most runs get stuck (seeds 1-50 and 101-150)
    question: 'Fifty 2-unit networks from fifty seeds, 3,000 steps each: how many will reach zero loss, and how many will get stuck?',
    predict: true,
  },
  ],
});
