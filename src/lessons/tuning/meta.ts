import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';
import { BUGS } from './bugs';

/** Every control of the lesson; the experiments' TuningParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'view',
    label: 'View',
    options: ['gradcheck', 'overfit', 'lr', 'search', 'seeds'],
    labels: ['Gradient check', 'Overfit 50 digits', 'Learning-rate sweep', 'Grid vs random search', 'Many searches'],
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
  { ...seedParam },
]);

const CHECK_SHOW = ['gradcheck', 'eps-sweep', 'check-equation'];
const SEARCH_SHOW = ['search-plane', 'search-slice'];
const SEEDS_SHOW = ['search-curves', 'search-bests'];

export const meta = defineLesson({
  id: 'tuning',
  title: 'Tuning and debugging a network',
  summary: 'Check gradients against finite differences, overfit a tiny set first, sweep the learning rate on a log scale, and search hyper-parameters at random rather than on a grid.',
  order: 8,
  params,
  figures: [...CHECK_SHOW, 'overfit-loss', 'saturation', 'lr-final', 'lr-curves', 'update-ratio', ...SEARCH_SHOW, ...SEEDS_SHOW],
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
  ],
});
