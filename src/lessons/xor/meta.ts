import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

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
  { kind: 'choice', key: 'activation', label: 'Activation', options: ['relu', 'tanh', 'sigmoid'], default: 'tanh', showIf: { model: ['mlp'] } },
  { kind: 'number', key: 'hidden', label: 'Hidden units', min: 2, max: 8, step: 1, integer: true, default: 4, showIf: { model: ['mlp'] } },
  { kind: 'number', key: 'lr', label: 'Learning rate', min: 0.001, max: 2, log: true, default: 0.2, showIf: { model: ['linear', 'mlp'] } },
  { kind: 'number', key: 'runs', label: 'Seeds run at once', min: 1, max: 100, step: 1, integer: true, default: 1, showIf: { model: ['mlp'] },
    help: 'More than 1 trains that many networks from seeds seed, seed+1, ... and shows the spread of final losses.' },
  seedParam,
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
    caption: 'Gradient descent on the linear model settles at w = 0, b = 1/2: it outputs 0.5 for every input, loss 0.25.',
    params: { model: 'linear', lr: 0.2, runs: 1 },
    show: ['surface', 'loss', 'equations'],
  },
  {
    title: 'A hand-set ReLU network solves it',
    caption: 'With W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0 the hidden layer maps the four points so a line separates them: loss 0.',
    params: { model: 'handset', runs: 1 },
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Training from random weights',
    caption: 'Press Play: the decision surface, the hidden-space points and the loss move together.',
    params: { model: 'mlp', activation: 'relu', hidden: 4, lr: 0.2, runs: 1, seed: 2 },
    show: ['surface', 'hidden', 'loss', 'equations'],
  },
  {
    title: 'Many seeds: the loss is not convex',
    caption: 'Fifty 2-unit ReLU networks from different seeds: some reach zero loss, others get stuck at a worse point.',
    params: { model: 'mlp', activation: 'relu', hidden: 2, lr: 0.2, runs: 50 },
    show: ['seeds', 'loss'],
  },
  ],
});
