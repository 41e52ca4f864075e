import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam } from '../../ui/params';

/** Every control of the lesson; the experiment's VanishingParams type is derived from it. */
export const params = defineParams([
  {
    kind: 'choice',
    key: 'view',
    label: 'View',
    options: ['mlp', 'jacobian', 'cliff'],
    labels: ['Deep network', 'Product of Jacobians', 'Cliff and clipping'],
    default: 'mlp',
  },
  { kind: 'choice', key: 'activation', label: 'Activation', options: ['sigmoid', 'tanh', 'relu'], default: 'sigmoid', showIf: { view: ['mlp'] } },
  {
    kind: 'choice',
    key: 'init',
    label: 'Initialization',
    options: ['naive', 'glorot', 'he'],
    labels: ['Uniform ±1/√fan_in (naive)', 'Glorot (normalized)', 'He (ReLU)'],
    default: 'naive',
    showIf: { view: ['mlp'] },
  },
  { kind: 'number', key: 'scale', label: 'Init scale', min: 0.1, max: 10, log: true, default: 1, help: 'Multiplies every initial weight.', showIf: { view: ['mlp'] } },
  { kind: 'number', key: 'depth', label: 'Hidden layers', min: 2, max: 10, step: 1, integer: true, default: 5, showIf: { view: ['mlp'] } },
  { kind: 'number', key: 'width', label: 'Units per layer', min: 4, max: 64, step: 4, integer: true, default: 32, showIf: { view: ['mlp'] } },
  { kind: 'choice', key: 'data', label: 'Data set', options: ['circles', 'moons', 'spirals'], default: 'circles', showIf: { view: ['mlp'] } },
  { kind: 'number', key: 'lr', label: 'Learning rate', min: 0.001, max: 3, log: true, default: 0.5, showIf: { view: ['mlp', 'cliff'] } },
  { kind: 'number', key: 'rho', label: 'Spectral radius of W', min: 0.5, max: 1.5, step: 0.01, default: 0.9, showIf: { view: ['jacobian'] } },
  {
    kind: 'choice',
    key: 'recurrence',
    label: 'Recurrence',
    options: ['linear', 'tanh'],
    labels: ['h_t = W h_{t-1}', 'h_t = tanh(W h_{t-1})'],
    default: 'linear',
    showIf: { view: ['jacobian'] },
  },
  { kind: 'number', key: 'clip', label: 'Clipping threshold r', min: 0.1, max: 20, log: true, default: 1, help: 'The gradient norm is cut to r.', showIf: { view: ['cliff'] } },
  // the cliff has no randomness: its start point is fixed
  { ...seedParam, showIf: { view: ['mlp', 'jacobian'] } },
]);

/** The deep-network figures, main one first. */
const MLP_SHOW = ['backprop', 'grads-time', 'histograms', 'loss', 'mlp-equations'] as const;
const mlp = { view: 'mlp', data: 'circles', width: 32, seed: 1 } as const;

export const meta = defineLesson({
  id: 'vanishing',
  title: 'Vanishing and exploding gradients',
  summary: 'Why deep sigmoid networks stopped learning, how Glorot and He initialization keep gradients alive, why W^t vanishes or explodes, and how clipping tames a cliff.',
  order: 2,
  params,
  figures: [...MLP_SHOW, 'norms', 'eigenbasis', 'jacobian-equations', 'cliff', 'cliff-loss', 'steps', 'clip-equations'],
  scenes: [
    {
      title: 'A deep sigmoid net',
      caption:
        'Five sigmoid layers, naive init (uniform ±1/√fan_in). The per-layer chart shows the back-propagated gradient ‖∂L/∂a_l‖ of every layer; the readout gives the bottom over the output (delta ratio) and the same for the weights’ gradients ‖∂L/∂W_l‖ (grad ratio). Press Play and watch both ratios and the loss.',
      params: { ...mlp, activation: 'sigmoid', init: 'naive', scale: 1, depth: 5, lr: 0.5 },
      claims: [
        {
          id: 'sigmoid-shrinks-per-layer',
          text: 'At the start each layer shrinks ‖∂L/∂a_l‖ 4 to 12 times on the way down.',
          at: 0,
          key: 'delta_shrink_min',
          holds: (m) => m.delta_shrink_min >= 4 && m.delta_shrink_max <= 12,
        },
        {
          id: 'sigmoid-delta-tiny',
          text: 'For 1,000 steps the delta ratio stays between 5·10⁻⁶ and 3·10⁻⁴ at every step: the bottom layer gets almost none of the output’s gradient.',
          at: 1000,
          key: 'delta_ratio_max',
          holds: (m) => m.delta_ratio_min >= 5e-6 && m.delta_ratio_max <= 3e-4,
        },
        {
          id: 'sigmoid-grad-ratio-median',
          text: 'The grad ratio jumps from step to step (the top layer’s gradient comes and goes), but its median over the 1,000 steps is between 10⁻⁶ and 10⁻⁴.',
          at: 1000,
          key: 'grad_ratio_median',
          holds: (m) => m.grad_ratio_median >= 1e-6 && m.grad_ratio_median <= 1e-4,
        },
        {
          id: 'sigmoid-not-saturated',
          text: 'This is not saturation: at every look (each 10 steps) under 1% of the units are outside [0.1, 0.9].',
          at: 1000,
          key: 'sat_max',
          holds: (m) => m.sat_max < 0.01,
        },
        {
          id: 'sigmoid-at-chance',
          text: 'The net stays at chance: in 1,000 steps its loss never drops below 0.68 (log 2 ≈ 0.69) and its accuracy never reaches 70%.',
          at: 1000,
          key: 'best_accuracy',
          holds: (m) => m.loss_min >= 0.68 && m.best_accuracy < 0.7,
        },
      ],
      show: MLP_SHOW,
    },
    {
      title: 'Saturated units',
      caption:
        'Ten times Glorot’s weights at depth 10, tanh units. The histograms shade the saturated ends (|h| > 0.9), where the slope of tanh is almost 0; the readout counts the fraction of units there. Press Play and watch the ratios and the accuracy.',
      params: { ...mlp, activation: 'tanh', init: 'glorot', scale: 10, depth: 10, lr: 0.5 },
      claims: [
        {
          id: 'saturated-at-init',
          text: 'Already at initialization over three quarters of the tanh units are saturated.',
          at: 0,
          key: 'saturation',
          holds: (m) => m.saturation > 0.75,
        },
        {
          id: 'saturated-explodes',
          text: 'The first gradients explode: the bottom layer’s weight gradient is over 100 times the top’s (grad ratio above 100).',
          at: 0,
          key: 'grad_ratio',
          holds: (m) => m.grad_ratio > 100,
        },
        {
          id: 'saturated-by-100',
          text: 'By step 100 over 95% of the units are saturated.',
          at: 100,
          key: 'saturation',
          holds: (m) => m.saturation > 0.95,
        },
        {
          id: 'saturated-nothing-through',
          text: 'Then nothing gets through: the grad ratio’s median over 1,000 steps is below 10⁻⁶, and at step 1,000 over 95% of the units are still saturated.',
          at: 1000,
          key: 'grad_ratio_median',
          holds: (m) => m.grad_ratio_median < 1e-6 && m.saturation > 0.95,
        },
        {
          id: 'saturated-no-learning',
          text: 'The net does not learn the circles: in 1,000 steps its accuracy never reaches 90%.',
          at: 1000,
          key: 'best_accuracy',
          holds: (m) => m.best_accuracy < 0.9,
        },
      ],
      show: ['histograms', 'backprop', 'grads-time', 'loss', 'mlp-equations'],
    },
    {
      title: 'Sigmoid needs 4× larger weights',
      caption:
        'Five sigmoid layers with Glorot’s weights ×4, as Bengio (Practical recommendations for gradient-based training, 2012) recommends for sigmoid units after Glorot & Bengio (2010): a sigmoid’s slope is at most ¼. Compare the histograms and the ratios with the first scene’s; then set the scale to 1 and see whether it still learns.',
      params: { ...mlp, activation: 'sigmoid', init: 'glorot', scale: 4, depth: 5, lr: 0.5 },
      claims: [
        {
          id: 'sigmoid4-some-saturated',
          text: 'A quarter to a third of the units start saturated (between 15% and 45%).',
          at: 0,
          key: 'saturation',
          holds: (m) => m.saturation >= 0.15 && m.saturation <= 0.45,
        },
        {
          id: 'sigmoid4-gradient-reaches',
          text: 'Yet the bottom layer’s weight gradient is about 1% of the top’s at the start (grad ratio between 10⁻³ and 0.2).',
          at: 0,
          key: 'grad_ratio',
          holds: (m) => m.grad_ratio >= 1e-3 && m.grad_ratio <= 0.2,
        },
        {
          id: 'sigmoid4-learns',
          text: 'The net learns the circles: 95% accuracy within 1,000 steps.',
          at: 1000,
          key: 'step_95',
          holds: (m) => m.step_95 >= 0,
        },
      ],
      show: ['backprop', 'histograms', 'loss', 'grads-time', 'mlp-equations'],
    },
    {
      title: 'Depth 10, naive init',
      caption:
        'Ten tanh layers, naive init, learning rate 0.2. Read the delta ratio (the back-propagated gradient, bottom over output) against the grad ratio (the weights’ gradients): the lower layers’ inputs are larger, which inflates their weight gradient. Then watch how long the accuracy takes to move.',
      params: { ...mlp, activation: 'tanh', init: 'naive', scale: 1, depth: 10, lr: 0.2 },
      claims: [
        {
          id: 'naive10-delta-small',
          text: 'At the start ‖∂L/∂a_l‖ shrinks layer by layer to under 2% of the output’s at the bottom (delta ratio below 0.02).',
          at: 0,
          key: 'delta_ratio',
          holds: (m) => m.delta_ratio < 0.02,
        },
        {
          id: 'naive10-weight-ratio-hides',
          text: 'The grad ratio hides it: it is above 0.03 and over 10 times the delta ratio.',
          at: 0,
          key: 'grad_ratio',
          holds: (m) => m.grad_ratio > 0.03 && m.grad_ratio > 10 * m.delta_ratio,
        },
        {
          id: 'naive10-delayed',
          text: 'Learning is delayed: by step 500 the net has not once reached 80% accuracy (checked every 10 steps).',
          at: 500,
          key: 'best_accuracy',
          holds: (m) => m.step_80 < 0,
        },
      ],
      show: MLP_SHOW,
      question: 'Ten tanh layers with naive initial weights: will the network learn the two circles in its first 500 steps?',
      predict: true,
    },
    {
      title: 'Depth 10, Glorot init (the one change)',
      caption: 'The same net and learning rate; only the initialization changed to Glorot’s normalized one. Compare the per-layer chart and the accuracy curve with the last scene’s.',
      params: { ...mlp, activation: 'tanh', init: 'glorot', scale: 1, depth: 10, lr: 0.2 },
      claims: [
        {
          id: 'glorot10-delta-even',
          text: 'At the start ‖∂L/∂a_l‖ is about the same size in every layer: each within a factor of 4 of the output’s.',
          at: 0,
          key: 'delta_ratio',
          holds: (m) => m.delta_rel_min >= 0.25 && m.delta_rel_max <= 4,
        },
        {
          id: 'glorot10-fast',
          text: 'The net reaches 95% accuracy within 500 steps, where the naive net had not reached 80%.',
          at: 500,
          key: 'step_95',
          holds: (m) => m.step_95 >= 0,
        },
        {
          id: 'glorot10-stays',
          text: 'At step 1,000 it is still at 95% or more.',
          at: 1000,
          key: 'accuracy',
          holds: (m) => m.accuracy >= 0.95,
        },
      ],
      show: MLP_SHOW,
      question: 'Only the initialization changes: will this network learn the circles now, and how soon?',
      predict: true,
    },
    {
      title: 'ReLU with He init',
      caption:
        'ReLU units pass gradients unchanged where they are active; He’s variance 2/fan_in makes up for the half that are off. Eight layers, learning rate 0.1.',
      params: { ...mlp, activation: 'relu', init: 'he', scale: 1, depth: 8, lr: 0.1 },
      claims: [
        {
          id: 'relu-learns-fast',
          text: 'The net learns the circles within 100 steps (95% accuracy).',
          at: 100,
          key: 'step_95',
          holds: (m) => m.step_95 >= 0,
        },
        {
          id: 'relu-ratio-bounded',
          text: 'For 300 steps the bottom and output weight gradients stay within a factor of 100 of each other (grad ratio between 0.01 and 100 at every step).',
          at: 300,
          key: 'grad_ratio_min',
          holds: (m) => m.grad_ratio_min >= 0.01 && m.grad_ratio_max <= 100,
        },
      ],
      show: MLP_SHOW,
    },
    {
      title: 'Product of Jacobians',
      caption: 'h_t = W^t h_0 with a symmetric W of spectral radius ρ = 0.9, one multiplication per step. Then slide the spectral radius above 1 and run it again.',
      params: { view: 'jacobian', rho: 0.9, recurrence: 'linear', seed: 1 },
      claims: [
        {
          id: 'jacobian-vanishes',
          text: 'After 50 multiplications ‖h_t‖ and the back-propagated ‖∂L/∂h_0‖ are both below ρ⁵⁰ = 0.9⁵⁰ ≈ 0.005: they vanish at least as fast as ρ^t.',
          at: 50,
          key: 'h_norm',
          holds: (m) => m.h_norm <= m.rho_t * (1 + 1e-3) && m.grad_norm <= m.rho_t * (1 + 1e-3),
        },
      ],
      show: ['norms', 'eigenbasis', 'jacobian-equations'],
    },
    {
      title: 'Cliffs and clipping',
      caption:
        'Plain gradient descent and gradient descent with norm clipping (r = 1) start together on the slope above the ravine at the foot of the cliff, with the same step size η = 1.5.',
      params: { view: 'cliff', lr: 1.5, clip: 1 },
      claims: [
        {
          id: 'cliff-plain-overshoots',
          text: 'The plain steps overshoot the ravine onto the cliff face (x > 4); the plain descent never reaches the ravine’s floor: its loss never goes below 0.5.',
          at: 'end',
          maxSteps: 200,
          key: 'loss_plain_min',
          holds: (m) => m.x_plain_max > 4 && m.loss_plain_min > 0.5,
        },
        {
          id: 'cliff-plain-thrown',
          text: 'On the cliff face the gradient is huge: one plain step is longer than 10 and throws the descent far back onto the plateau (x < −5), where its loss ends above where it started.',
          at: 'end',
          maxSteps: 200,
          key: 'max_step_plain',
          holds: (m) => m.max_step_plain > 10 && m.x_plain < -5 && m.loss_plain >= m.loss_start,
        },
        {
          id: 'cliff-clipped-bounded',
          text: 'No clipped step is longer than η r = 1.5.',
          at: 'end',
          maxSteps: 200,
          key: 'max_step_clipped',
          holds: (m) => m.max_step_clipped <= m.bound * (1 + 1e-5),
        },
        {
          id: 'cliff-clipped-settles',
          text: 'The clipped descent walks down into the ravine and settles there (loss below 0.1, x within 0.2 of 3.3).',
          at: 'end',
          maxSteps: 200,
          key: 'loss_clipped',
          holds: (m) => m.loss_clipped < 0.1 && Math.abs(m.x_clipped - 3.3) < 0.2,
        },
      ],
      show: ['cliff', 'cliff-loss', 'steps', 'clip-equations'],
    },
  ],
});
