import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { dataParam } from '../../ui/pointData';

/** Every control of the lesson; DropoutParams is derived from it. */
export const params = defineParams([
  { kind: 'choice', key: 'dataset', label: 'Data set', options: ['moons', 'circles', 'spirals', 'xor', 'digits'], labels: ['Two moons', 'Circles', 'Spirals', 'XOR cloud', 'Digits (MNIST subset)'], default: 'moons' },
  { kind: 'number', key: 'points', label: 'Training points', min: 20, max: 300, step: 10, integer: true, default: 80,
    help: 'Validation uses 200 other points from the same distribution and the test set 200 more (300 and 300 held-out digits for the digits set).' },
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
      caption: 'No regularization: both runs are the same network, trained on 80 noisy points and validated on 200 others. Watch the training and validation losses part.',
      params: { ...BASE },
      show: ['curves', 'boundaries', 'question', 'objective'],
      claims: [
        {
          id: 'best-early',
          text: 'The validation loss is lowest early, before step 300.',
          at: 2000,
          key: 'best_step',
          holds: (m) => m.best_step < 300,
        },
        {
          id: 'val-climbs',
          text: 'Then it turns and climbs: by step 2,000 it is past twice its best.',
          at: 2000,
          key: 'val_loss',
          holds: (m) => m.val_loss > 2 * m.best_val_loss,
        },
        {
          id: 'train-below',
          text: 'Meanwhile the training loss falls on: at step 2,000 it is more than 0.8 below the validation loss.',
          at: 2000,
          key: 'train_loss',
          holds: (m) => m.val_loss - m.train_loss > 0.8,
        },
      ],
      question: 'While the training loss falls, will the validation loss keep falling with it?',
      predict: true,
    },
    {
      title: 'Dropout',
      caption:
        'Each step trains a thinned network: half the hidden units are dropped. Both runs start from the same weights, so in the first steps either can be ahead. ' +
        'The readout also compares each run at its own best validation step, the weights early stopping would keep, scored on a test set that chose nothing.',
      params: { ...BASE, p: 0.5 },
      show: ['curves', 'boundaries', 'network', 'testtime', 'dropout'],
      claims: [
        {
          id: 'below-at-2000',
          text: 'At step 2,000 the dropout run’s validation loss is below the baseline’s.',
          at: 2000,
          key: 'val_loss',
          holds: (m) => m.val_loss < m.base_val_loss,
        },
        {
          id: 'below-from-300',
          text: 'On 19 of 20 seeds it has stayed below the baseline’s from step 300 (or earlier) to step 2,000.',
          at: 2000,
          key: 'below_since',
          holds: (m) => m.below_since <= 300,
        },
        {
          id: 'creeps-up',
          text: 'On 19 of 20 seeds its validation loss has crept up too, past 1.2 times its own best by step 2,000: dropout slows overfitting here, it does not stop it.',
          at: 2000,
          key: 'val_loss',
          holds: (m) => m.val_loss > 1.2 * m.best_val_loss,
        },
        {
          id: 'best-tie',
          text: 'Compared at each run’s best validation step, dropout is no better: the two best validation losses are within 0.05 of each other, and their test accuracies there within 0.06.',
          at: 2000,
          key: 'best_test_acc',
          holds: (m) => Math.abs(m.best_val_loss - m.base_best_val_loss) < 0.05 && Math.abs(m.best_test_acc - m.base_best_test_acc) < 0.06,
        },
        {
          id: 'weight-scaling',
          text: 'At step 2,000 the full network (weight scaling) and the average of 20 thinned networks agree on validation accuracy within 0.05.',
          at: 2000,
          key: 'ws_acc',
          holds: (m) => m.tt_step === 2000 && Math.abs(m.ws_acc - m.mc_acc) < 0.05,
        },
      ],
      question: 'Half the hidden units dropped at every step: will the validation loss stay below the unregularized network’s?',
    },
    {
      title: 'L1: a sparse network',
      caption: 'Plain SGD at η = 0.3 with the L1 penalty λ₁ = 0.003, applied by its proximal step (a soft threshold). The readout counts the weights that are exactly 0.',
      params: { ...BASE, optimizer: 'sgd', lr: 0.3, l1: 0.003 },
      show: ['weights', 'curves', 'boundaries', 'penalties'],
      claims: [
        {
          id: 'l1-sparse',
          text: 'By step 1,000 L1 has set over 85% of the weights to exactly 0; the baseline has under 10% of its weights even below 0.01.',
          at: 1000,
          key: 'exact_zero_frac',
          holds: (m) => m.exact_zero_frac > 0.85 && m.base_zero_frac < 0.1,
        },
      ],
    },
    {
      title: 'L2: weight decay',
      caption: 'The same network and plain SGD, now with L2 at λ = 0.003: every step first multiplies the weights by (1 − ηλ). Compare the weight histogram with the L1 scene’s.',
      params: { ...BASE, optimizer: 'sgd', lr: 0.3, l2: 0.003 },
      show: ['weights', 'curves', 'boundaries', 'penalties'],
      claims: [
        {
          id: 'l2-shrinks',
          text: 'By step 1,000 the shrink has cut the weights’ norm to between 0.4 and 0.65 of the baseline’s, about half.',
          at: 1000,
          key: 'w_norm',
          holds: (m) => m.w_norm > 0.4 * m.base_w_norm && m.w_norm < 0.65 * m.base_w_norm,
        },
        {
          id: 'l2-not-sparse',
          text: 'But it makes no weight exactly 0, and leaves under 15% of them below 0.01.',
          at: 1000,
          key: 'zero_frac',
          holds: (m) => m.exact_zero_frac === 0 && m.zero_frac < 0.15,
        },
        {
          id: 'l2-val',
          text: 'Its validation loss at step 1,000 is below the baseline’s.',
          at: 1000,
          key: 'val_loss',
          holds: (m) => m.val_loss < m.base_val_loss,
        },
      ],
    },
    {
      title: 'Early stopping',
      caption: 'Keep the weights of the best validation step; stop after the patience (200 steps) runs out and put them back. The baseline trains on beside it.',
      params: { ...BASE, earlyStop: true, patience: 200 },
      show: ['curves', 'boundaries', 'early'],
      claims: [
        {
          id: 'stops-restores',
          text: 'It stops exactly 200 steps after its best step, within the first 500 steps, with the best weights back in place.',
          at: 'end',
          maxSteps: 5000,
          key: 'stopped_at',
          holds: (m) => m.stopped_at - m.best_step === 200 && m.stopped_at <= 500 && m.val_loss === m.best_val_loss,
        },
        {
          id: 'beats-baseline',
          text: 'At the stop, its validation loss is below the baseline’s, which trained to the same step.',
          at: 'end',
          maxSteps: 5000,
          key: 'val_loss',
          holds: (m) => m.val_loss < m.base_val_loss,
        },
      ],
    },
    {
      title: 'Real digits',
      caption:
        'The same comparison on 300 real handwritten digits (MNIST), validated on 300 held-out ones and tested on 300 others: 784 inputs, 10 classes, ' +
        'dropout p = 0.5 on 48 units per layer. A thinned network keeps about 24 units per layer for ten classes. Try a smaller p or more units.',
      params: { ...BASE, dataset: 'digits', points: 300, p: 0.5 },
      show: ['curves', 'testtime', 'question'],
      claims: [
        {
          id: 'digits-base-climbs',
          text: 'The baseline’s validation loss climbs past 1.2 times its best by step 1,000, while its validation accuracy holds above 0.75.',
          at: 1000,
          key: 'base_val_acc',
          holds: (m) => m.base_val_loss > 1.2 * m.base_best_val_loss && m.base_val_acc > 0.75,
          slow: true,
        },
        {
          id: 'digits-dropout-costs',
          text: 'Dropout costs accuracy here: at step 1,000 its validation accuracy is below the baseline’s.',
          at: 1000,
          key: 'val_acc',
          holds: (m) => m.val_acc < m.base_val_acc,
          slow: true,
        },
        {
          id: 'digits-best-worse',
          text: 'Even compared at each run’s best validation step, dropout’s validation loss is the higher one on 19 of 20 seeds.',
          at: 1000,
          key: 'best_val_loss',
          holds: (m) => m.best_val_loss > m.base_best_val_loss,
          slow: true,
        },
        {
          id: 'digits-best-test',
          text: 'On 17 of 20 seeds its test accuracy at its best step is below the baseline’s at the baseline’s best step.',
          at: 1000,
          key: 'best_test_acc',
          holds: (m) => m.best_test_acc < m.base_best_test_acc,
          slow: true,
        },
      ],
      question: 'On 300 real digits, will dropout with p = 0.5 make the network more or less accurate?',
      predict: true,
    },
  ],
});
