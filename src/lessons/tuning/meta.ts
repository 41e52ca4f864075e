import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { BUGS } from './bugs';
import { CAP_STEPS, CAP_WIDTHS, DECAY_STEPS, NORM_STEPS } from './types';

/** Every control of the lesson; the experiments' TuningParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'view',
    label: 'View',
    options: ['gradcheck', 'overfit', 'lr', 'decay', 'search', 'seeds', 'normalize', 'capacity'],
    labels: ['Gradient check', 'Overfit 50 digits', 'Learning-rate sweep', 'Learning-rate schedules', 'Grid vs random search', 'Many searches', 'Normalized inputs', 'Capacity'],
    default: 'gradcheck',
  },
  { kind: 'number', key: 'eps', label: 'Finite-difference step ε', min: 1e-7, max: 1, log: true, default: 1e-3, showIf: { view: ['gradcheck'] } },
  {
    kind: 'choice',
    key: 'bug',
    label: 'Planted bug',
    options: BUGS,
    labels: ['None', 'Sign of ∂L/∂W (layer 3)', 'No bias gradient (layer 2)', 'Not divided by batch size (layer 1)', 'Wrong tanh′ (layer 2)'],
    default: 'none',
    showIf: { view: ['gradcheck'] },
  },
  {
    kind: 'choice',
    key: 'broken',
    label: 'Broken setting',
    options: ['raw', 'init'],
    labels: ['Inputs left at 0–255', 'Initial weights ×30'],
    default: 'raw',
    showIf: { view: ['overfit'] },
  },
  {
    kind: 'choice',
    key: 'hidden',
    label: 'Hidden units (the net shown)',
    options: CAP_WIDTHS,
    default: '2',
    showIf: { view: ['capacity'] },
  },
  { ...seedParam },
]);

const CHECK_SHOW = ['gradcheck', 'eps-sweep', 'check-equation'] as const;
const SEARCH_SHOW = ['search-plane', 'search-slice'] as const;
const SEEDS_SHOW = ['search-curves', 'search-bests'] as const;
const DECAY_SHOW = ['decay-curves', 'decay-val'] as const;
const NORM_SHOW = ['norm-loss', 'norm-val', 'norm-sigma'] as const;
const CAP_SHOW = ['capacity-errors', 'capacity-curves'] as const;

export const meta = defineLesson({
  id: 'tuning',
  title: 'Tuning and debugging a network',
  summary: 'Check gradients against finite differences, overfit a tiny set first, sweep the learning rate on a log scale, and search hyper-parameters at random rather than on a grid.',
  order: 8,
  params,
  figures: [
    ...CHECK_SHOW,
    'overfit-loss',
    'saturation',
    'lr-final',
    'lr-curves',
    'update-ratio',
    ...DECAY_SHOW,
    ...SEARCH_SHOW,
    ...SEEDS_SHOW,
    ...NORM_SHOW,
    ...CAP_SHOW,
  ],
  scenes: [
    {
      title: 'Gradient checking',
      caption:
        'Every parameter of a small tanh net, back-propagated by the engine against the central difference of the loss on the same minibatch, in float32. The bars give each tensor’s relative error at the chosen ε; the chart sweeps ε. Slide ε and watch the bars.',
      params: { view: 'gradcheck', eps: 1e-3, bug: 'none', seed: 1 },
      claims: [
        {
          id: 'check-passes',
          text: 'With no bug, every tensor’s relative error at ε = 10⁻³ is below 10⁻², and no layer is flagged.',
          at: 0,
          key: 'grad_rel_error',
          holds: (m) => m.grad_rel_error < 1e-2 && m.flagged_layer === 0,
        },
        {
          id: 'check-u-bottom',
          text: 'The error is U-shaped in ε: float32 puts its bottom between ε = 10⁻³ and 3·10⁻².',
          at: 0,
          key: 'eps_best',
          holds: (m) => m.eps_best >= 1e-3 * 0.99 && m.eps_best <= 3.2e-2,
        },
        {
          id: 'check-u-sides',
          text: 'At ε = 10⁻⁶ (rounding) and at ε = 1 (truncation) the error is over 100 times its bottom.',
          at: 0,
          key: 'err_best',
          holds: (m) => m.err_smallest_eps > 100 * m.err_best && m.err_largest_eps > 100 * m.err_best,
        },
      ],
      show: CHECK_SHOW,
    },
    {
      title: 'A planted bug',
      caption:
        'The same check with a bug planted in layer 2’s backward rule: tanh′ taken as 1 − h instead of 1 − h². The forward pass is untouched, so the loss looks normal. Try the other planted bugs in the controls.',
      params: { view: 'gradcheck', eps: 1e-3, bug: 'activation', seed: 1 },
      claims: [
        {
          id: 'bug-flagged',
          text: 'The check flags layer 2: its error is above 0.1, while layer 3 above it stays below 10⁻².',
          at: 0,
          key: 'rel_error_2',
          holds: (m) => m.flagged_layer === 2 && m.rel_error_2 > 0.1 && m.rel_error_3 < 1e-2,
        },
        {
          id: 'bug-inherited',
          text: 'Layer 1 below it is wrong too (error above 0.01): back-propagation hands the wrong gradient down.',
          at: 0,
          key: 'rel_error_1',
          holds: (m) => m.rel_error_1 > 1e-2,
        },
      ],
      show: CHECK_SHOW,
      question: 'Which layers will the gradient check find wrong: only layer 2, or others too?',
    },
    {
      title: 'Overfit 50 digits first',
      caption:
        'A 784 → 16 → 16 → 10 tanh net on 50 training digits, full-batch SGD with η = 0.1: inputs in [0, 1] and Glorot’s init (blue) against the same net fed raw pixels 0–255 (orange). Press Play.',
      params: { view: 'overfit', broken: 'raw', seed: 1 },
      claims: [
        {
          id: 'overfit-healthy',
          text: 'The healthy net overfits: by step 300 its training loss is below 0.05 and it gets all 50 digits right.',
          at: 300,
          key: 'loss',
          holds: (m) => m.loss < 0.05 && m.train_error === 0,
        },
        {
          id: 'overfit-raw-saturated',
          text: 'With raw pixels over 95% of layer 1’s units are saturated after the first step (healthy: under 5%).',
          at: 1,
          key: 'broken_sat_1',
          holds: (m) => m.broken_sat_1 > 0.95 && m.sat_1 < 0.05,
        },
        {
          id: 'overfit-raw-stalls',
          text: 'And it stalls: at step 300 its training loss is still above 1, on 16 of 20 seeds.',
          at: 300,
          key: 'broken_loss',
          holds: (m) => m.broken_loss > 1,
        },
      ],
      show: ['overfit-loss', 'saturation'],
      question: 'Will the net fed raw 0–255 pixels manage to overfit 50 digits?',
      predict: true,
    },
    {
      title: 'Weights far too large',
      caption: 'The same 50 digits; now the broken net gets inputs in [0, 1] but initial weights 30 times Glorot’s.',
      params: { view: 'overfit', broken: 'init', seed: 1 },
      claims: [
        {
          id: 'big-init-saturated',
          text: 'After the first step over 70% of the units of both hidden layers are saturated.',
          at: 1,
          key: 'broken_sat_2',
          holds: (m) => m.broken_sat_1 > 0.7 && m.broken_sat_2 > 0.7,
        },
        {
          id: 'big-init-stalls',
          text: 'At step 300 its training loss is still above 1, where the healthy net is below 0.05.',
          at: 300,
          key: 'broken_loss',
          holds: (m) => m.broken_loss > 1 && m.loss < 0.05,
        },
      ],
      show: ['overfit-loss', 'saturation'],
    },
    {
      title: 'The learning rate',
      caption:
        'Nine nets (784 → 32 → 32 → 10, tanh), one per η from 10⁻³ to 10 in half decades, all from the same init on the same minibatches of 32 of 500 digits, for 300 steps. Watch the loss against η and the size of the updates against the 1% line.',
      params: { view: 'lr', seed: 1 },
      claims: [
        {
          id: 'lr-ratio-1pct',
          text: 'At η = 0.1 the first update is about 1% of the weights (between 0.3% and 3% in every layer), on 18 of 20 seeds.',
          at: 1,
          key: 'ratio_4_1',
          holds: (m) => [1, 2, 3].every((l) => m[`ratio_4_${l}`] >= 3e-3 && m[`ratio_4_${l}`] <= 3e-2),
        },
        {
          id: 'lr-ratio-extremes',
          text: 'At η = 10 it is over 50% in some layer; at η = 10⁻³ under 0.1% in every layer.',
          at: 1,
          key: 'ratio_8_1',
          holds: (m) => Math.max(m.ratio_8_1, m.ratio_8_2, m.ratio_8_3) > 0.5 && Math.max(m.ratio_0_1, m.ratio_0_2, m.ratio_0_3) < 1e-3,
        },
        {
          id: 'lr-crawl',
          text: 'Too small crawls: after 300 steps η = 10⁻³ is still above a loss of 2 (it started near 2.3), on 17 of 20 seeds.',
          at: 'end',
          maxSteps: 300,
          key: 'loss_0',
          holds: (m) => m.loss_0 > 2,
        },
        {
          id: 'lr-diverge',
          text: 'Too large diverges: η = 3.2 and η = 10 both blow up, and no smaller rate does.',
          at: 'end',
          maxSteps: 300,
          key: 'diverged',
          holds: (m) => m.diverged_7 === 1 && m.diverged_8 === 1 && m.diverged === 2,
        },
        {
          id: 'lr-best',
          text: 'The lowest loss after 300 steps is at η = 0.32 or η = 1, just below the rates that diverge.',
          at: 'end',
          maxSteps: 300,
          key: 'best_lr',
          holds: (m) => m.best_index === 5 || m.best_index === 6,
        },
      ],
      show: ['lr-final', 'update-ratio', 'lr-curves'],
    },
    {
      title: 'Decaying the learning rate',
      caption:
        'One 784 → 32 → 10 tanh net in three copies: same init, same minibatches of 25 of 4,000 digits, 400 steps. Grey: η = 1 throughout. Blue: ε₀τ / max(t, τ) with ε₀ = 1, τ = 60. Orange: η = 1, halved at every check (each 1,000 training digits) where the error on 1,000 validation digits has not improved since the last. Each run’s η is drawn under the loss.',
      params: { view: 'decay', seed: 1 },
      claims: [
        {
          id: 'decay-halve-lower',
          text: 'At step 400 the halving run’s training loss is below the constant run’s, on 18 of 20 seeds.',
          at: DECAY_STEPS,
          key: 'loss_halve',
          holds: (m) => m.loss_halve < m.loss_constant,
        },
        {
          id: 'decay-inverse-lower',
          text: 'So is the 1/t run’s, on 15 of 20 seeds.',
          at: DECAY_STEPS,
          key: 'loss_inverse',
          holds: (m) => m.loss_inverse < m.loss_constant,
        },
        {
          id: 'decay-val-lower',
          text: 'Both end with a lower validation error than the constant run, on 16 of 20 seeds.',
          at: DECAY_STEPS,
          key: 'val_error_constant',
          holds: (m) => m.val_error_inverse < m.val_error_constant && m.val_error_halve < m.val_error_constant,
        },
        {
          id: 'decay-halved',
          text: 'The validation error stalled at least once: η was halved by step 400, on 19 of 20 seeds.',
          at: DECAY_STEPS,
          key: 'halvings',
          holds: (m) => m.halvings >= 1,
        },
      ],
      show: DECAY_SHOW,
    },
    {
      title: 'Grid against random search',
      caption:
        'Nine trials on a 3 × 3 grid and nine at random over the same square of (log η, log λ); each trial trains a fresh net for 40 steps and is scored on 500 validation digits. Grid and random trials alternate. Press Play.',
      params: { view: 'search', seed: 1 },
      claims: [
        {
          id: 'search-distinct',
          text: 'The grid tries 3 values of η, random search 9.',
          at: 'end',
          maxSteps: 18,
          key: 'distinct_lr_random',
          holds: (m) => m.distinct_lr_grid === 3 && m.distinct_lr_random === 9,
        },
        {
          id: 'search-wd-flat',
          text: 'λ hardly matters: at the grid’s best η its three values of λ give errors within 1 percentage point.',
          at: 'end',
          maxSteps: 18,
          key: 'wd_spread',
          holds: (m) => m.wd_spread <= 0.01,
        },
        {
          id: 'search-random-wins',
          text: 'Random search finds a lower validation error than the grid’s best on 18 of 20 seeds.',
          at: 'end',
          maxSteps: 18,
          key: 'best_val_random',
          holds: (m) => m.best_val_random < m.best_val_grid,
        },
      ],
      show: SEARCH_SHOW,
      question: 'Nine trials each: which search will find the lower validation error, the grid or random?',
      predict: true,
    },
    {
      title: 'Many searches',
      caption:
        'The same pair of searches repeated 20 times, each with its own random draws and its own training seed (360 trials). The curve gives the mean best error after n trials; the dots each search’s best.',
      params: { view: 'seeds', seed: 1 },
      claims: [
        {
          id: 'seeds-mean',
          text: 'Averaged over the 20 searches, random search’s best validation error is lower than the grid’s.',
          at: 'end',
          maxSteps: 360,
          slow: true,
          key: 'best_val_random',
          holds: (m) => m.best_val_random < m.best_val_grid,
        },
        {
          id: 'seeds-wins',
          text: 'Random search wins at least 14 of the 20 searches.',
          at: 'end',
          maxSteps: 360,
          slow: true,
          key: 'random_wins',
          holds: (m) => m.random_wins >= 14,
        },
      ],
      show: SEEDS_SHOW,
    },
    {
      title: 'Normalize the inputs',
      caption:
        'Three copies of one 784 → 32 → 10 tanh net, from the same init on the same minibatches of 25 of 500 digits, all with η = 0.05. Grey: raw pixels in [0, 1]. Blue: each pixel standardized with the training set’s mean and standard deviation, (x − μ) / max(σ, ε) with ε = 0.1. Orange, dashed: the same with ε = 10⁻⁸. The map shows each pixel’s σ.',
      params: { view: 'normalize', seed: 1 },
      claims: [
        {
          id: 'norm-faster',
          text: 'Standardized inputs train faster: the training loss falls below 0.5 in under half the steps the raw pixels need.',
          at: NORM_STEPS,
          key: 'below_std',
          holds: (m) => m.below_std > 0 && m.below_raw > 2 * m.below_std,
        },
        {
          id: 'norm-dead-pixels',
          text: 'Digits are sparse: over 150 of the 784 pixels are 0 in every one of the 500 training digits, so σ = 0 there and (x − μ) / σ would be 0 / 0.',
          at: 0,
          key: 'dead_pixels',
          holds: (m) => m.dead_pixels > 150,
        },
        {
          id: 'norm-sparsity-lost',
          text: 'Standardizing destroys the sparsity: over 75% of the raw inputs are 0, under 30% of the standardized ones.',
          at: 0,
          key: 'zeros_std',
          holds: (m) => m.zeros_raw > 0.75 && m.zeros_std < 0.3,
        },
        {
          id: 'norm-tiny-guard',
          text: 'With ε = 10⁻⁸ a validation digit with ink on such a pixel gets an input over 10⁷, and at step 300 the validation error is higher than with ε = 0.1.',
          at: NORM_STEPS,
          key: 'val_error_tiny',
          holds: (m) => m.max_val_tiny > 1e7 && m.val_error_tiny > m.val_error_std,
        },
      ],
      show: NORM_SHOW,
    },
    {
      title: 'Under- or over-fitting?',
      caption:
        'Five copies of a 784 → n → 10 tanh net, n = 2, 4, 8, 32 and 128 hidden units, trained side by side on the same minibatches of 20 of only 100 digits (η = 0.1, 400 steps) and scored on 500 others. The control picks the net whose curves and diagnosis are shown; all five train either way.',
      params: { view: 'capacity', hidden: '2', seed: 1 },
      claims: [
        {
          id: 'cap-under',
          text: 'With 2 hidden units the training error is still above 20% at step 400: under-fitting, so the rule says add capacity.',
          at: CAP_STEPS,
          key: 'train_error_2',
          holds: (m) => m.train_error_2 > 0.2,
        },
        {
          id: 'cap-over',
          text: 'With 8 units or more every training digit is right, yet over 20% of the validation digits are wrong, on 19 of 20 seeds: a large gap, so the rule says less capacity or more regularization.',
          at: CAP_STEPS,
          key: 'val_error_8',
          holds: (m) => m.train_error_8 === 0 && m.train_error_32 === 0 && m.train_error_128 === 0 && m.val_error_8 > 0.2,
        },
        {
          id: 'cap-wide-not-worse',
          text: 'Past 8 units, more width did not make it worse: the 128-unit net’s validation error is below the 8-unit net’s.',
          at: CAP_STEPS,
          key: 'val_error_128',
          holds: (m) => m.val_error_128 < m.val_error_8,
        },
      ],
      show: CAP_SHOW,
    },
  ],
});
