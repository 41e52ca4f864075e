import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { dataParam } from '../../ui/pointData';

/** Every control of the lesson; DropoutParams is derived from it. */
export const params = defineParams([
  { kind: 'choice', key: 'dataset', label: 'Data set', options: ['moons', 'circles', 'spirals', 'xor', 'digits'], labels: ['Two moons', 'Circles', 'Spirals', 'XOR cloud', 'Digits (MNIST subset)'], default: 'moons' },
  { kind: 'number', key: 'points', label: 'Training points', min: 20, max: 300, step: 10, integer: true, default: 80,
    help: 'Validation uses 200 other points from the same distribution (300 held-out digits for the digits set).' },
  { kind: 'number', key: 'noise', label: 'Noise', min: 0, max: 0.6, step: 0.05, default: 0.3, showIf: { dataset: ['moons', 'circles', 'spirals', 'xor'] } },
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
    help: 'Plain SGD runs the exact (1 − ηλ) shrink of L2 but needs a learning rate near 0.3.' },
  { kind: 'number', key: 'lr', label: 'Learning rate η', min: 0.0003, max: 1, log: true, default: 0.01 },
  seedParam,
  // the student's own training points, edited on the decision boundaries (2-D sets); every scene uses the drawn set ('')
  dataParam,
]);

/** Every parameter a scene depends on, at the lesson's base values; each scene changes a few. */
const BASE = { dataset: 'moons', points: 80, noise: 0.3, hidden: 48, p: 0, pIn: 0, l2: 0, l1: 0, earlyStop: false, patience: 200, optimizer: 'adam', lr: 0.01, seed: 1, data: '' } as const;

export const meta = defineLesson({
  id: 'dropout',
  title: 'Overfitting, dropout and weight decay',
  summary: 'A network big enough to memorize a small noisy set, and four ways to stop it: dropout, L2, L1 and early stopping, each compared live against the same network without it.',
  order: 4,
  params,
  figures: ['curves', 'boundaries', 'question', 'network', 'weights', 'testtime', 'objective', 'dropout', 'penalties', 'early'],
  scenes: [
    {
      title: 'Overfitting',
      caption: 'No regularization: both runs are the same network. The training loss keeps falling while the validation loss turns and climbs, past twice its best by step 1,500.',
      params: { ...BASE },
      show: ['curves', 'boundaries', 'question', 'objective'],
      // test/lessons/dropout.test.ts, scene 1, seeds 1-3: the validation loss turns and climbs
      question: 'While the training loss falls, will the validation loss keep falling with it?',
      predict: true,
    },
    {
      title: 'Dropout',
      caption: 'Each step trains a thinned network: half the hidden units are dropped. The dropout run’s validation loss stays below the baseline’s (seeds 1–3, 3,000 steps), but on most seeds it creeps up too: here dropout slows overfitting, it does not stop it.',
      params: { ...BASE, p: 0.5 },
      show: ['curves', 'boundaries', 'network', 'testtime', 'dropout'],
      // scene 2 test, seeds 1-3: below the baseline at every 250th step to 3,000
      question: 'Half the hidden units dropped at every step: will the validation loss stay below the unregularized network’s?',
    },
    {
      title: 'L2 against L1',
      caption: 'Plain SGD at η = 0.3. L1, applied by its proximal step, sets over 90% of the weights to exactly 0 by step 1,000 (the readout). Set L1 to 0 and L2 to 0.003: the (1 − ηλ) shrink about halves the weights’ norm but leaves under 15% of them below 0.01.',
      params: { ...BASE, optimizer: 'sgd', lr: 0.3, l1: 0.003 },
      show: ['weights', 'curves', 'boundaries', 'penalties'],
    },
    {
      title: 'Early stopping',
      caption: 'Keep the weights of the best validation step; stop after the patience runs out and put them back.',
      params: { ...BASE, earlyStop: true, patience: 200 },
      show: ['curves', 'boundaries', 'early'],
    },
    {
      title: 'Real digits',
      caption: 'The same comparison on 300 real handwritten digits (MNIST), validated on 300 held-out ones: 784 inputs, 10 classes. The baseline’s validation loss climbs while its accuracy holds above 0.8. Dropout p = 0.5 on 48 units per layer costs accuracy here (seeds 1–3): a thinned network keeps about 24 units per layer for ten classes. Try a smaller p or more units.',
      params: { ...BASE, dataset: 'digits', points: 300, p: 0.5 },
      show: ['curves', 'testtime', 'question'],
      // scene 5 test, seeds 1-3: dropout p = 0.5 ends less accurate
      question: 'On 300 real digits, will dropout with p = 0.5 make the network more or less accurate?',
      predict: true,
    },
  ],
});
