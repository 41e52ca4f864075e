import { seedParam } from '../../ui/params';
import type { LessonMeta } from '../../ui/lesson';

export const meta: LessonMeta = {
  id: 'vanishing',
  title: 'Vanishing and exploding gradients',
  summary: 'Why deep sigmoid networks stopped learning, how Glorot and He initialization keep gradients alive, why W^t vanishes or explodes, and how clipping tames a cliff.',
  order: 2,
  params: [
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
    seedParam,
  ],
  scenes: [
    {
      title: 'A deep sigmoid net',
      caption: 'Five sigmoid layers with the naive init: the bottom layer’s gradient is 10⁴ to 10⁶ times smaller than the top’s, every unit sits near ½, and the loss stays at log 2.',
      params: { view: 'mlp', activation: 'sigmoid', init: 'naive', scale: 1, depth: 5, width: 32, lr: 0.5 },
    },
    {
      title: 'Saturated sigmoid units',
      caption: 'Eight times larger initial weights push the sigmoid units to 0 and 1, where their slope is nearly zero: gradients still vanish on the way down.',
      params: { view: 'mlp', activation: 'sigmoid', init: 'naive', scale: 8, depth: 5, width: 32, lr: 0.5 },
    },
    {
      title: 'Glorot fixes it',
      caption: 'tanh units with Glorot’s normalized initialization: every layer gets gradients of about the same size, and the network learns.',
      params: { view: 'mlp', activation: 'tanh', init: 'glorot', scale: 1, depth: 5, width: 32, lr: 0.5 },
    },
    {
      title: 'ReLU with He init',
      caption: 'ReLU units pass gradients unchanged where they are active; He’s variance 2/fan_in makes up for the half that are off.',
      params: { view: 'mlp', activation: 'relu', init: 'he', scale: 1, depth: 8, width: 32, lr: 0.1 },
    },
    {
      title: 'Product of Jacobians',
      caption: 'h_t = W^t h_0: slide the spectral radius below and above 1 and watch the norms vanish or explode.',
      params: { view: 'jacobian', rho: 0.9, recurrence: 'linear' },
    },
    {
      title: 'Cliffs and clipping',
      caption: 'At the cliff face the plain gradient step is thrown far away; the clipped step is never longer than η r.',
      params: { view: 'cliff', lr: 1.5, clip: 1 },
    },
  ],
};
