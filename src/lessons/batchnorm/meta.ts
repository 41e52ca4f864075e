import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; BatchNormParams (types.ts) is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'view',
    label: 'Experiment',
    options: ['race', 'modes'],
    labels: ['With and without batch norm', 'Train and test mode'],
    default: 'race',
  },
  {
    kind: 'choice',
    key: 'activation',
    label: 'Activation',
    options: ['sigmoid', 'relu'],
    labels: ['sigmoid (naive init)', 'ReLU (He init)'],
    default: 'sigmoid',
    showIf: { view: ['race', 'modes'] },
  },
  { kind: 'number', key: 'depth', label: 'Hidden layers', min: 2, max: 8, step: 1, integer: true, default: 6, showIf: { view: ['race', 'modes'] } },
  { kind: 'number', key: 'width', label: 'Units per layer', min: 16, max: 128, step: 16, integer: true, default: 64, showIf: { view: ['race', 'modes'] } },
  { kind: 'number', key: 'lr', label: 'Learning rate', min: 0.001, max: 10, log: true, default: 0.5, showIf: { view: ['race', 'modes'] } },
  { kind: 'number', key: 'batch', label: 'Batch size', min: 2, max: 128, step: 1, integer: true, default: 32, showIf: { view: ['race', 'modes'] } },
  {
    kind: 'number', key: 'momentum', label: 'Running-average momentum', min: 0, max: 0.999, step: 0.001, default: 0.9, showIf: { view: ['race', 'modes'] },
    help: 'μ ← m μ + (1 − m) μ_B after every training batch; the same for σ².',
  },
  { kind: 'number', key: 'layer', label: 'Layer shown', min: 1, max: 8, step: 1, integer: true, default: 3, showIf: { view: ['race'] } },
  { kind: 'number', key: 'unit', label: 'Unit shown', min: 1, max: 128, step: 1, integer: true, default: 1, showIf: { view: ['race'] } },
  seedParam,
]);

const race = { view: 'race', activation: 'sigmoid', depth: 6, width: 64, lr: 0.5, batch: 32, momentum: 0.9, layer: 3, unit: 1, seed: 1 } as const;

export const meta = defineLesson({
  id: 'batchnorm',
  title: 'Batch normalization',
  summary: 'Normalize every unit over the mini-batch, then scale and shift it: what it computes, a deep sigmoid net that trains only with it, and what changes at test time.',
  order: 9,
  params,
  figures: ['units', 'drift', 'bn-equations', 'race', 'grads', 'modes', 'mode-equations'],
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
  ],
});
