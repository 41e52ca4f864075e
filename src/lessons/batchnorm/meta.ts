import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; BatchNormParams (types.ts) is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'view',
    label: 'Experiment',
    options: ['race', 'sweep', 'modes', 'batchsize', 'cnn'],
    labels: ['With and without batch norm', 'Learning-rate sweep', 'Train and test mode', 'Batch size', 'In a CNN'],
    default: 'race',
  },
  {
    kind: 'choice',
    key: 'activation',
    label: 'Activation',
    options: ['sigmoid', 'relu'],
    labels: ['sigmoid (naive init)', 'ReLU (He init)'],
    default: 'sigmoid',
    showIf: { view: ['race', 'sweep', 'modes', 'batchsize', 'cnn'] },
  },
  { kind: 'number', key: 'depth', label: 'Hidden layers', min: 2, max: 8, step: 1, integer: true, default: 6, showIf: { view: ['race', 'sweep', 'modes', 'batchsize'] } },
  { kind: 'number', key: 'width', label: 'Units per layer', min: 16, max: 128, step: 16, integer: true, default: 64, showIf: { view: ['race', 'sweep', 'modes', 'batchsize'] } },
  { kind: 'number', key: 'lr', label: 'Learning rate', min: 0.001, max: 10, log: true, default: 0.5, showIf: { view: ['race', 'modes', 'batchsize', 'cnn'] } },
  { kind: 'number', key: 'batch', label: 'Batch size', min: 2, max: 128, step: 1, integer: true, default: 32, showIf: { view: ['race', 'sweep', 'modes', 'cnn'] } },
  {
    kind: 'choice', key: 'small', label: 'Small batch', options: ['2', '4', '8', '16'], default: '2', showIf: { view: ['batchsize'] },
    help: 'The small mini-batch, against batches of 32; every net sees 32 digits per step.',
  },
  {
    kind: 'number', key: 'momentum', label: 'Running-average momentum', min: 0, max: 0.999, step: 0.001, default: 0.9, showIf: { view: ['race', 'modes', 'batchsize', 'cnn'] },
    help: 'μ ← m μ + (1 − m) μ_B after every training batch; the same for σ².',
  },
  { kind: 'number', key: 'layer', label: 'Layer shown', min: 1, max: 8, step: 1, integer: true, default: 3, showIf: { view: ['race'] } },
  { kind: 'number', key: 'unit', label: 'Unit shown', min: 1, max: 128, step: 1, integer: true, default: 1, showIf: { view: ['race'] } },
  seedParam,
]);

const race = { view: 'race', activation: 'sigmoid', depth: 6, width: 64, lr: 0.5, batch: 32, small: '2', momentum: 0.9, layer: 3, unit: 1, seed: 1 } as const;
/** The sweep and the batch-size scene use a shallower ReLU net, which trains without batch norm too. */
const relu3 = { ...race, activation: 'relu', depth: 3 } as const;

export const meta = defineLesson({
  id: 'batchnorm',
  title: 'Batch normalization',
  summary: 'Normalize every unit over the mini-batch, then scale and shift it: what it computes, a deep sigmoid net that trains only with it, and what changes at test time.',
  order: 9,
  params,
  figures: ['units', 'drift', 'bn-equations', 'race', 'grads', 'sweep-acc', 'sweep-loss', 'modes', 'mode-equations', 'batchsize', 'batch-mu', 'cnn-race', 'cnn-grads'],
  scenes: [
    {
      title: 'What it computes',
      caption:
        'A six-layer sigmoid net on digits, with batch norm after each layer’s W h. Top: the raw u = W h of eight units of layer 3 on 256 training digits; bottom: the same units after normalization, y = γ x̂ + β. Press Play and watch both, and the live μ_B, σ²_B, γ and β of unit 1.',
      params: race,
      show: ['units', 'drift', 'bn-equations'],
      claims: [
        {
          id: 'normalized-moments',
          text: 'At step 500, on the 256 digits each of layer 3’s 64 units has, after normalization, mean β and standard deviation |γ| (within 1%), whatever its raw values were.',
          at: 500,
          key: 'post_std_off',
          holds: (m) => m.post_mean_off < 0.01 && m.post_std_off < 0.01,
        },
        {
          id: 'plain-squeezed',
          text: 'In the same net without batch norm, unit 1 of layer 3 gets inputs squeezed near 0: at step 1,000 the middle 70% of them (15th to 85th percentile) span less than 0.05, where the sigmoid is almost a straight line.',
          at: 1000,
          key: 'plain_p85',
          holds: (m) => m.plain_p85 - m.plain_p15 < 0.05,
        },
        {
          id: 'bn-spread',
          text: 'With batch norm the middle 70% span more than 1.',
          at: 1000,
          key: 'bn_p85',
          holds: (m) => m.bn_p85 - m.bn_p15 > 1,
        },
      ],
    },
    {
      title: 'A deep sigmoid net that trains',
      caption:
        'The same six sigmoid layers from the same initial weights (naive, U[±1/√fan_in]) and the same mini-batches of 32, one with batch norm and one without; plain SGD, learning rate 0.5. Accuracy on 1,000 held-out digits, every 50 steps; right: ‖∂L/∂W_l‖ of each layer at the last step.',
      params: race,
      show: ['race', 'grads'],
      claims: [
        {
          id: 'plain-grad-vanishes',
          text: 'At the first step the plain net’s bottom layer gets under 1/1,000 of the output layer’s gradient (‖∇W₁‖/‖∇W_L‖ < 10⁻³); the batch-norm net’s gets more than a tenth.',
          at: 1,
          key: 'grad_ratio_plain',
          holds: (m) => m.grad_ratio_plain < 1e-3 && m.grad_ratio_bn > 0.1,
        },
        {
          id: 'bn-learns',
          text: 'On 18 of 20 seeds the batch-norm net classifies over 85% of the test digits at step 500.',
          at: 500,
          key: 'accuracy_bn',
          holds: (m) => m.accuracy_bn > 0.85,
        },
        {
          id: 'plain-stuck',
          text: 'The plain net stays near chance: in 1,000 steps it never reaches 20%.',
          at: 1000,
          key: 'best_plain',
          holds: (m) => m.best_plain < 0.2,
        },
      ],
    },
    {
      title: 'Larger learning rates',
      caption:
        'A three-layer ReLU net (He init) with batch norm and without, at seven learning rates from 0.01 to 10 in half decades: fourteen nets from the same initial weights on the same mini-batches of 32, 300 steps of plain SGD each. Left: each net’s accuracy on the 1,000 held-out digits against η; right: its last training loss (a net whose loss is no longer finite has diverged and leaves the chart).',
      params: { ...relu3, view: 'sweep' },
      show: ['sweep-acc', 'sweep-loss'],
      question: 'Without batch norm the net trains well at η = 0.3. How much larger a rate can the batch-norm net take?',
      claims: [
        {
          id: 'plain-fails-at-1',
          text: 'Without batch norm every rate from 0.01 to 0.3 trains the net (over 75% after 300 steps); at η = 1 it fails, under 40%.',
          at: 300,
          key: 'acc_plain_4',
          holds: (m) => [0, 1, 2, 3].every((k) => m[`acc_plain_${k}`] > 0.75) && m.acc_plain_4 < 0.4,
        },
        {
          id: 'bn-trains-at-3',
          text: 'With batch norm η = 1 still trains it (over 85%) and η = 3 too (over 75%): the largest rate that trains (over 50%) is ten times the plain net’s.',
          at: 300,
          key: 'acc_bn_5',
          holds: (m) => m.acc_bn_4 > 0.85 && m.acc_bn_5 > 0.75 && m.max_lr_bn >= 10 * m.max_lr_plain,
        },
        {
          id: 'both-fail-at-10',
          text: 'At η = 10 both fail (under 20%).',
          at: 300,
          key: 'acc_bn_6',
          holds: (m) => m.acc_bn_6 < 0.2 && m.acc_plain_6 < 0.2,
        },
      ],
    },
    {
      title: 'Train and test mode',
      caption:
        'In training each layer normalizes with the mini-batch’s own μ_B and σ²_B and keeps running averages of them (momentum 0.9). The net trains as in the last scene; every 50 steps the held-out digits go through it four ways.',
      params: { ...race, view: 'modes' },
      show: ['modes', 'mode-equations'],
      question: 'The trained net gets one test digit at a time, normalized with that batch of one’s own mean and variance. How often will it be right?',
      predict: true,
      claims: [
        {
          id: 'running-works',
          text: 'With the running averages (test mode) it classifies over 85% of the 1,000 test digits at step 1,000, within 3 points of normalizing the 1,000 together with their own statistics.',
          at: 1000,
          key: 'accuracy_running',
          holds: (m) => m.accuracy_running > 0.85 && Math.abs(m.accuracy_running - m.accuracy_batch) <= 0.03,
        },
        {
          id: 'single-constant',
          text: 'One digit at a time with its own statistics, every one of 100 test digits gets the same answer, right only for digits of that class (under 20%): u − μ_B is 0 in every unit.',
          at: 1000,
          key: 'accuracy_single',
          holds: (m) => m.answers_single === 1 && m.accuracy_single < 0.2,
        },
        {
          id: 'unupdated-fails',
          text: 'With running averages never updated (μ = 0, σ² = 1) it is right on under 30% of them.',
          at: 1000,
          key: 'accuracy_unupdated',
          holds: (m) => m.accuracy_unupdated < 0.3,
        },
      ],
    },
    {
      title: 'Batch size',
      caption:
        'The three-layer ReLU net with batch norm on mini-batches of 32 and on mini-batches of 2, and without batch norm on mini-batches of 2, from the same initial weights; SGD, η = 0.1. Every step gives each net 32 digits (one batch of 32, or sixteen of 2), so all three see the same digits and take as many gradient steps as their batches allow. Left: accuracy on the 1,000 held-out digits in test mode (running averages); right: μ_B of unit 1 of layer 1 as each batch-norm net’s last batch of the step saw it, the last 100 steps.',
      params: { ...relu3, view: 'batchsize', lr: 0.1, small: '2' },
      show: ['batchsize', 'batch-mu'],
      claims: [
        {
          id: 'large-batch-learns',
          text: 'With batches of 32 the batch-norm net classifies over 90% at step 300.',
          at: 300,
          key: 'accuracy_bn_large',
          holds: (m) => m.accuracy_bn_large > 0.9,
        },
        {
          id: 'small-batch-fails',
          text: 'With batches of 2 it stays under 40%, and normalizing the 1,000 test digits with their own statistics instead of the running averages does not rescue it (under 40% too).',
          at: 300,
          key: 'accuracy_bn_small',
          holds: (m) => m.accuracy_bn_small < 0.4 && m.accuracy_bn_small_batchstats < 0.4,
        },
        {
          id: 'small-batch-mu-noisy',
          text: 'Why: at step 300, with the small-batch net’s weights, the mean of a batch of 2 misses the mean of unit 1 over 256 digits by more than 0.5 σ (rms over the batches), a batch of 32 by under 0.3 σ; the error of a mean of B digits shrinks like 1/√B.',
          at: 300,
          key: 'mu_err_small',
          holds: (m) => m.mu_err_small > 0.5 && m.mu_err_large < 0.3,
        },
        {
          id: 'plain-small-learns',
          text: 'The plain net on the same batches of 2 reaches over 75% within the 300 steps: the small batches alone are not the trouble.',
          at: 300,
          key: 'best_plain_small',
          holds: (m) => m.best_plain_small > 0.75,
        },
      ],
    },
    {
      title: 'In a CNN',
      caption:
        'A small CNN on the digits: 5×5 convolution to 4 channels, sigmoid, 2×2 max-pool, 5×5 convolution to 8 channels, sigmoid, max-pool, a dense soft-max layer; naive init U[±1/√fan_in], plain SGD, η = 0.5, mini-batches of 32. With batch norm after each convolution, one μ_B and σ²_B per channel over the batch and every position of its feature map, and without. Left: accuracy on the 1,000 held-out digits; right: ‖∂L/∂W‖ of the two kernels and the output layer at the last step.',
      params: { ...race, view: 'cnn' },
      show: ['cnn-race', 'cnn-grads'],
      claims: [
        {
          id: 'cnn-bn-fast',
          text: 'At step 100 the batch-norm CNN classifies over 70% of the test digits while the plain one is under 30%, on 18 of 20 seeds.',
          at: 100,
          key: 'accuracy_bn',
          holds: (m) => m.accuracy_bn > 0.7 && m.accuracy_plain < 0.3,
        },
        {
          id: 'cnn-plain-later',
          text: 'The plain CNN does learn, later: by step 300 it is over 50%, still behind the batch-norm one, on 18 of 20 seeds.',
          at: 300,
          key: 'accuracy_plain',
          holds: (m) => m.accuracy_plain > 0.5 && m.accuracy_plain < m.accuracy_bn,
        },
      ],
    },
  ],
});
