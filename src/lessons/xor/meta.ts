import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { dataParam } from '../../ui/pointData';
import { PLATEAUS, PLATEAU_TOL } from './types';

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
  // the default 4-unit ReLU net fits XOR from some seeds and gets stuck from others (scene 3's claims); seed 2 is one that fits it (test/xor.test.ts)
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
    caption:
      'The network of Goodfellow et al. (2016, §6.1), set by hand: W = [[1,1],[1,1]], c = [0,−1], w = [1,−2], b = 0. Look at the hidden space: where do the four points land, and can a line separate them there?',
    params: { model: 'handset', runs: 1, data: '' },
    claims: [
      {
        id: 'handset-exact',
        text: 'Its loss is exactly 0: it outputs exactly 0, 1, 1, 0 on the four points.',
        at: 0,
        key: 'loss',
        holds: (m) => m.loss === 0,
      },
    ],
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Training from random weights',
    caption:
      'Press Play: four ReLU units trained by gradient descent from random weights (seed 2 here; try others). The decision surface, the hidden-space points and the loss move together.',
    params: { model: 'mlp', activation: 'relu', hidden: 4, lr: 0.2, runs: 1, seed: 2, data: '' },
    claims: [
      {
        id: 'random-solves',
        text: 'On 11 of 20 seeds the network fits XOR: its loss is below 0.01 by step 1,000.',
        at: 1000,
        key: 'loss',
        holds: (m) => m.loss < 0.01,
      },
      {
        id: 'random-solved-or-plateau',
        text: 'Every other run has stopped on a plateau by then: its loss is 1/8, 1/6 or 1/4 (within 0.002).',
        at: 1000,
        key: 'loss',
        holds: (m) => m.loss < 0.01 || PLATEAUS.some((p) => Math.abs(m.loss - p) < PLATEAU_TOL),
      },
    ],
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Many seeds: the loss is not convex',
    caption:
      'Fifty 2-unit ReLU networks from fifty consecutive seeds (the seed and the 49 after it), 3,000 steps each; a run counts as stuck when its final loss is above 0.05. ' +
      'The count under the histogram is this run’s. ' +
      'Question for the class: why would a stuck run end at exactly 1/4, 1/6 or 1/8? Click a seed to see its hidden space: which points does each unit see?',
    params: { model: 'mlp', activation: 'relu', hidden: 2, lr: 0.2, runs: 50, seed: 1, inspect: 2, data: '' },
    claims: [
      {
        id: 'race-most-stuck',
        text: 'Most get stuck: at least 25 of the 50 end with loss above 0.05.',
        at: 'end',
        maxSteps: 3500,
        key: 'stuck',
        holds: (m) => m.stuck >= 25,
        slow: true,
      },
      {
        id: 'race-some-solve',
        text: 'At least one of the 50 fits XOR (final loss below 0.05).',
        at: 'end',
        maxSteps: 3500,
        key: 'solved',
        holds: (m) => m.solved >= 1,
        slow: true,
      },
      {
        id: 'race-plateaus',
        text: 'Every run ends either at 0 (loss below 0.001) or on one of three plateaus: 1/4, 1/6 or 1/8 (within 0.002).',
        at: 'end',
        maxSteps: 3500,
        key: 'elsewhere',
        holds: (m) => m.elsewhere === 0,
        slow: true,
      },
    ],
    show: ['seeds', 'hidden', 'loss'],
    question: 'Fifty 2-unit networks from fifty seeds, 3,000 steps each: how many will reach zero loss, and how many will get stuck?',
    predict: true,
  },
  ],
});
