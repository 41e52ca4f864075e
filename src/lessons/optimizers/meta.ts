import { seedParam, type Param, type Values } from '../../ui/params';
import type { LessonMeta } from '../../ui/lesson';

/** Surfaces in the race, in the order of the menu. */
export const SURFACES = ['quadratic', 'rosenbrock', 'saddle', 'beale', 'himmelblau', 'cliff'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** Human names of the racers (also the legend). */
export const RACER_LABELS = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
} as const;

const num = (key: string, label: string, min: number, max: number, def: number, extra: Partial<Param> = {}): Param =>
  ({ kind: 'number', key, label, min, max, default: def, ...extra }) as Param;
const on = (key: string, label: string): Param => ({ kind: 'bool', key: `on_${key}`, label: `Race ${label}`, default: true });
const lr = (key: string, label: string, def: number): Param => num(`lr_${key}`, `${label} learning rate α`, 1e-4, 2, def, { log: true });
const eps = (key: string, label: string): Param => num(`eps_${key}`, `${label} ε`, 1e-10, 1e-2, 1e-8, { log: true });

/** Hyper-parameters of every racer: a toggle, its own learning rate and its own constants, grouped per racer. */
const racerParams: Param[] = ([
  on('sgd', 'SGD'),
  lr('sgd', 'SGD', 0.025),
  on('momentum', 'momentum'),
  lr('momentum', 'Momentum', 0.025),
  num('gamma_momentum', 'Momentum γ', 0, 0.99, 0.9, { step: 0.01 }),
  on('nesterov', 'Nesterov'),
  lr('nesterov', 'Nesterov', 0.025),
  num('gamma_nesterov', 'Nesterov γ', 0, 0.99, 0.9, { step: 0.01 }),
  on('adagrad', 'AdaGrad'),
  lr('adagrad', 'AdaGrad', 0.5),
  eps('adagrad', 'AdaGrad'),
  on('rmsprop', 'RMSProp'),
  lr('rmsprop', 'RMSProp', 0.05),
  num('decay_rmsprop', 'RMSProp decay γ', 0, 0.999, 0.9, { step: 0.001 }),
  eps('rmsprop', 'RMSProp'),
  on('adam', 'Adam'),
  lr('adam', 'Adam', 0.1),
  num('beta1_adam', 'Adam β₁', 0, 0.999, 0.9, { step: 0.001 }),
  num('beta2_adam', 'Adam β₂', 0, 0.9999, 0.999, { step: 0.0001 }),
  eps('adam', 'Adam'),
] as Param[]).map((p) => ({ ...p, group: groupOf(p.key) }));

function groupOf(key: string): string {
  const racer = key.split('_')[1] as keyof typeof RACER_LABELS;
  return `${RACER_LABELS[racer]} settings`;
}

const params: Param[] = [
  { kind: 'choice', key: 'surface', label: 'Surface', options: SURFACES, labels: ['Ill-conditioned quadratic', 'Rosenbrock', 'Saddle x² − y²', 'Beale', 'Himmelblau', 'Cliff'], default: 'quadratic' },
  num('kappa', 'Condition number κ (quadratic)', 1, 200, 50, { log: true, showIf: { surface: ['quadratic'] }, help: 'f = (x² + κ y²)/2: the valley is κ times steeper across than along.' }),
  num('startX', 'Start x', -5, 8, -1.8, { step: 0.01, help: 'Or click / drag on the contour plot.' }),
  num('startY', 'Start y', -5, 5, 0.6, { step: 0.01 }),
  num('noise', 'Gradient noise σ', 0, 10, 0, { step: 0.05, help: 'Gaussian noise added to each gradient component: a small mini-batch gives a noisy gradient (σ shrinks like 1/√batch).' }),
  { kind: 'bool', key: 'schedule', label: '1/t schedule ε₀τ / max(t, τ)', default: false, help: 'Every racer’s learning rate stays at ε₀ for τ steps, then decays like 1/t.' },
  num('tau', 'Schedule τ', 1, 1000, 50, { integer: true, step: 1, log: true, showIf: { schedule: [true] } }),
  num('steps', 'Race length (steps)', 20, 5000, 600, { integer: true, step: 10 }),
  num('tol', 'Finish radius ε', 1e-4, 0.5, 0.01, { log: true, help: 'A racer finishes when it comes within ε of a minimum.' }),
  seedParam,
  ...racerParams,
];

const base = Object.fromEntries(racerParams.map((p) => [p.key, p.default])) as Values;
/** A scene's full racer settings: every racer on with its default, then the scene's changes. */
const race = (v: Values): Values => ({ ...base, noise: 0, schedule: false, tau: 50, steps: 600, tol: 0.01, ...v });

export const meta: LessonMeta = {
  id: 'optimizers',
  title: 'The optimizer race',
  summary: 'SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam race on 2-D loss surfaces: ravines, saddles, valleys and cliffs.',
  order: 3,
  params,
  scenes: [
    {
      title: 'The ravine',
      caption: 'κ = 50, one learning rate for SGD, momentum and Nesterov: SGD zig-zags across the steep direction and crawls along the flat one; momentum keeps the steady part of the gradient and runs.',
      params: race({ surface: 'quadratic', kappa: 50, startX: -1.8, startY: 0.6 }),
      show: ['rules'],
    },
    {
      title: 'The saddle',
      caption: 'f = x² − y², started almost on the ridge: the gradient along y is tiny, so SGD lingers near the saddle point; momentum and the adaptive rules (which rescale the tiny y gradient) leave sooner.',
      params: race({ surface: 'saddle', startX: -1.4, startY: 0.001, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, lr_adagrad: 0.1, lr_rmsprop: 0.02, lr_adam: 0.05, steps: 80 }),
      show: ['rules'],
    },
    {
      title: 'Rosenbrock’s banana',
      caption: 'The valley floor is curved and nearly flat while its walls are steep: a learning rate small enough for the walls makes SGD crawl along the floor.',
      params: race({ surface: 'rosenbrock', startX: -1.5, startY: 2, lr_sgd: 0.001, lr_momentum: 0.001, lr_nesterov: 0.001, lr_adagrad: 0.3, lr_rmsprop: 0.01, lr_adam: 0.05, steps: 3000, tol: 0.05 }),
      show: ['eta'],
    },
    {
      title: 'AdaGrad’s vanishing step',
      caption: 'Over the cliff the gradient is huge; AdaGrad adds its square to G for ever, so its step on the gentle slope after the cliff is tiny. RMSProp forgets old gradients and keeps going.',
      params: race({ surface: 'cliff', startX: -2, startY: 1, on_momentum: false, on_nesterov: false, on_adam: false, lr_sgd: 0.2, lr_adagrad: 0.5, lr_rmsprop: 0.05, steps: 1500, tol: 0.05 }),
      show: ['eta', 'rules'],
    },
    {
      title: 'Noisy gradients',
      caption: 'σ = 2 stands for a small mini-batch: with a constant learning rate every racer keeps jittering around the minimum instead of settling.',
      params: race({ surface: 'quadratic', kappa: 10, startX: -1.8, startY: 0.6, noise: 2, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, steps: 800 }),
      show: [],
    },
    {
      title: 'A 1/t schedule',
      caption: 'The same noise with ε_t = ε₀τ / max(t, τ): after τ steps the learning rate decays like 1/t and the racers settle closer to the minimum.',
      params: race({ surface: 'quadratic', kappa: 10, startX: -1.8, startY: 0.6, noise: 2, schedule: true, tau: 50, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, steps: 800 }),
      show: ['eta'],
    },
    {
      title: 'Four minima',
      caption: 'Himmelblau’s function has four equal minima: from one start the rules can end in different ones.',
      params: race({ surface: 'himmelblau', startX: 0.3, startY: -0.2, lr_sgd: 0.01, lr_momentum: 0.005, lr_nesterov: 0.005, lr_adagrad: 0.5, lr_rmsprop: 0.05, lr_adam: 0.1, steps: 800 }),
      show: [],
    },
  ],
};
