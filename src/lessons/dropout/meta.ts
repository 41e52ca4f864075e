import { seedParam } from '../../ui/params';
import type { LessonMeta } from '../../ui/lesson';

export const meta: LessonMeta = {
  id: 'dropout',
  title: 'Overfitting, dropout and weight decay',
  summary: 'A network big enough to memorize a small noisy set, and four ways to stop it: dropout, L2, L1 and early stopping, each compared live against the same network without it.',
  order: 4,
  params: [
    { kind: 'choice', key: 'dataset', label: 'Data set', options: ['moons', 'circles', 'spirals', 'xor'], labels: ['Two moons', 'Circles', 'Spirals', 'XOR cloud'], default: 'moons' },
    { kind: 'number', key: 'points', label: 'Training points', min: 20, max: 300, step: 10, integer: true, default: 80,
      help: 'Validation always uses 200 other points from the same distribution.' },
    { kind: 'number', key: 'noise', label: 'Noise', min: 0, max: 0.6, step: 0.05, default: 0.3 },
    { kind: 'number', key: 'hidden', label: 'Hidden units per layer', min: 8, max: 96, step: 8, integer: true, default: 48 },
    { kind: 'number', key: 'p', label: 'Dropout rate p (hidden)', min: 0, max: 0.8, step: 0.05, default: 0.5,
      help: 'Probability that a hidden unit is dropped in a training step; 0 turns dropout off.' },
    { kind: 'number', key: 'pIn', label: 'Dropout rate (inputs)', min: 0, max: 0.5, step: 0.05, default: 0 },
    { kind: 'number', key: 'l2', label: 'L2 strength λ', min: 0, max: 0.05, step: 0.0005, default: 0 },
    { kind: 'number', key: 'l1', label: 'L1 strength λ₁', min: 0, max: 0.01, step: 0.0005, default: 0 },
    { kind: 'bool', key: 'earlyStop', label: 'Early stopping', default: false },
    { kind: 'number', key: 'patience', label: 'Patience (steps)', min: 10, max: 1000, step: 10, integer: true, default: 200,
      help: 'Stop when the validation loss has not improved for this many steps, and restore the best weights.' },
    { kind: 'choice', key: 'optimizer', label: 'Optimizer', options: ['adam', 'sgd'], labels: ['Adam', 'Plain SGD'], default: 'adam',
      help: 'Plain SGD shows the exact (1 − ηλ) shrink of L2 but needs a learning rate near 0.3.' },
    { kind: 'number', key: 'lr', label: 'Learning rate η', min: 0.0003, max: 1, log: true, default: 0.01 },
    seedParam,
  ],
  scenes: [
    {
      title: 'Overfitting',
      caption: 'No regularization: both runs are the same network. The training loss keeps falling while the validation loss turns and climbs.',
      params: { p: 0, pIn: 0, l2: 0, l1: 0, earlyStop: false },
      show: ['curves', 'boundaries', 'objective'],
    },
    {
      title: 'Dropout',
      caption: 'Each step trains a thinned network: half the hidden units are dropped. The right boundary stays smooth and its validation loss stays low.',
      params: { p: 0.5, pIn: 0, l2: 0, l1: 0, earlyStop: false },
      show: ['curves', 'boundaries', 'network', 'testtime', 'dropout'],
    },
    {
      title: 'L2 against L1',
      caption: 'L1 pushes most weights to (nearly) zero; set L1 to 0 and L2 to 0.003 to see L2 shrink them all instead.',
      params: { p: 0, pIn: 0, l2: 0, l1: 0.003, earlyStop: false },
      show: ['curves', 'boundaries', 'weights', 'penalties'],
    },
    {
      title: 'Early stopping',
      caption: 'Keep the weights of the best validation step; stop after the patience runs out and put them back.',
      params: { p: 0, pIn: 0, l2: 0, l1: 0, earlyStop: true, patience: 200 },
      show: ['curves', 'boundaries', 'early'],
    },
  ],
};
