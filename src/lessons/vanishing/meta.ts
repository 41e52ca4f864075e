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
const MLP_SHOW = ['backprop', 'grads-time', 'histograms', 'loss', 'mlp-equations'];
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
        'Five sigmoid layers, naive init. On the way down each layer shrinks the back-propagated gradient ‖∂L/∂a_l‖ 5 to 10 times (bottom over output between about 10⁻⁵ and 10⁻⁴); the weight-gradient ratio ‖∂L/∂W₁‖/‖∂L/∂W_L‖ moves between about 10⁻⁶ and 10⁻⁴ from step to step. Every unit sits near ½ and the loss hovers around log 2 ≈ 0.69.',
      params: { ...mlp, activation: 'sigmoid', init: 'naive', scale: 1, depth: 5, lr: 0.5 },
      show: MLP_SHOW,
    },
    {
      title: 'Saturated units',
      caption:
        'Ten times Glorot’s weights at depth 10: the first gradients explode (bottom over 100× the top), the first steps drive almost every tanh unit to ±1, where its slope is 0, and then nothing gets through: the ratio falls below 10⁻⁶ and the net stays at chance.',
      params: { ...mlp, activation: 'tanh', init: 'glorot', scale: 10, depth: 10, lr: 0.5 },
      show: ['histograms', 'backprop', 'grads-time', 'loss', 'mlp-equations'],
    },
    {
      title: 'Sigmoid needs 4× larger weights',
      caption:
        'Five sigmoid layers with Glorot’s weights ×4, as lecture 000 recommends for sigmoid units (their slope is at most ¼). About a third of the units start saturated, yet the bottom layer gets about 1% of the top’s gradient and the net learns the circles within 1,000 steps. Set the scale to 1 and it stays at chance.',
      params: { ...mlp, activation: 'sigmoid', init: 'glorot', scale: 4, depth: 5, lr: 0.5 },
      show: ['backprop', 'histograms', 'loss', 'grads-time', 'mlp-equations'],
    },
    {
      title: 'Depth 10, naive init',
      caption:
        'Ten tanh layers, naive init: each layer shrinks the back-propagated gradient ‖∂L/∂a_l‖, to about 1/250 of the output’s at the bottom (delta ratio). At the start the weight-gradient ratio hides it (0.1 to 0.6: the lower layers’ inputs are larger). The net sits at chance for at least 500 steps.',
      params: { ...mlp, activation: 'tanh', init: 'naive', scale: 1, depth: 10, lr: 0.5 },
      show: MLP_SHOW,
      // test/lessons/vanishing.test.ts, seeds 1-3: still at chance at step 500
      question: 'Ten tanh layers with naive initial weights: will the network learn the two circles in its first 500 steps?',
      predict: true,
    },
    {
      title: 'Depth 10, Glorot init (the one change)',
      caption:
        'The same net, only the initialization changed to Glorot’s: ‖∂L/∂a_l‖ starts at about the same size in every layer (delta ratio near 1), and the net reaches 95% accuracy within 1,500 steps.',
      params: { ...mlp, activation: 'tanh', init: 'glorot', scale: 1, depth: 10, lr: 0.5 },
      show: MLP_SHOW,
      // same test: Glorot reaches 95% accuracy within 1,500 steps
      question: 'Only the initialization changes: will this network learn the circles now?',
      predict: true,
    },
    {
      title: 'ReLU with He init',
      caption:
        'ReLU units pass gradients unchanged where they are active; He’s variance 2/fan_in makes up for the half that are off. Eight layers: the bottom and output weight gradients stay within a factor of 30 of each other, and the net learns the circles within 100 steps.',
      params: { ...mlp, activation: 'relu', init: 'he', scale: 1, depth: 8, lr: 0.1 },
      show: MLP_SHOW,
    },
    {
      title: 'Product of Jacobians',
      caption: 'h_t = W^t h_0: slide the spectral radius below and above 1 and watch the norms vanish or explode.',
      params: { view: 'jacobian', rho: 0.9, recurrence: 'linear', seed: 1 },
      show: ['norms', 'eigenbasis', 'jacobian-equations'],
    },
    {
      title: 'Cliffs and clipping',
      caption:
        'Both descents walk down the slope into the ravine at the foot of the cliff. The plain step that lands on the cliff face is thrown back onto the plateau, where the loss ends higher than it started; the clipped step is never longer than η r and settles in the ravine.',
      params: { view: 'cliff', lr: 1.5, clip: 1 },
      show: ['cliff', 'cliff-loss', 'steps', 'clip-equations'],
    },
  ],
});
