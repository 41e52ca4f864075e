import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam, type BoolParam, type NumberParam } from '../../ui/params';
import { RACER_LABELS, SURFACES, type RacerName } from './types';

type NumberExtra = Partial<Pick<NumberParam, 'step' | 'log' | 'integer' | 'help' | 'showIf' | 'group'>>;

/** A number control; generic in the key so ValuesOf keeps it literal. */
const num = <K extends string>(key: K, label: string, min: number, max: number, def: number, extra: NumberExtra = {}): NumberParam<K> =>
  ({ kind: 'number', key, label, min, max, default: def, ...extra });
const group = (r: RacerName) => `${RACER_LABELS[r]} settings`;
const on = <R extends RacerName>(r: R): BoolParam<`on_${R}`> => ({ kind: 'bool', key: `on_${r}`, label: `Race ${RACER_LABELS[r]}`, default: true, group: group(r) });
const lr = <R extends RacerName>(r: R, def: number) => num(`lr_${r}`, `${RACER_LABELS[r]} learning rate α`, 1e-4, 2, def, { log: true, group: group(r) });
const eps = <R extends RacerName>(r: R) => num(`eps_${r}`, `${RACER_LABELS[r]} ε`, 1e-10, 1e-2, 1e-8, { log: true, group: group(r) });
const gamma = <R extends RacerName>(r: R) => num(`gamma_${r}`, `${RACER_LABELS[r]} γ`, 0, 0.99, 0.9, { step: 0.01, group: group(r) });

/** Every control of the race; OptimizersParams is derived from it. Each racer has a toggle, its own learning rate and constants, grouped. */
export const params = defineParams([
  { kind: 'choice', key: 'surface', label: 'Surface', options: SURFACES, labels: ['Ill-conditioned quadratic', 'Rosenbrock', 'Saddle x² − y²', 'Beale', 'Himmelblau', 'Cliff'], default: 'quadratic' },
  num('kappa', 'Condition number κ (quadratic)', 1, 200, 50, { log: true, showIf: { surface: ['quadratic'] }, help: 'f = (x² + κ y²)/2: the valley is κ times steeper across than along.' }),
  num('startX', 'Start x', -5, 8, -1.8, { step: 0.01, help: 'Or click / drag on the contour plot.' }),
  num('startY', 'Start y', -5, 5, 0.6, { step: 0.01 }),
  num('noise', 'Gradient noise σ (one example)', 0, 10, 0, { step: 0.05, help: 'Gaussian noise on each gradient component, standing for the spread of one example’s gradient around the full gradient.' }),
  num('batch', 'Mini-batch size B', 1, 256, 1, { integer: true, step: 1, log: true,
    help: 'Averaging B independent examples divides the noise’s standard deviation by √B: each racer sees noise of std σ/√B.' }),
  { kind: 'bool', key: 'schedule', label: '1/t schedule ε₀τ / max(t, τ)', default: false, help: 'Every racer’s learning rate stays at ε₀ for τ steps, then decays like 1/t.' },
  num('tau', 'Schedule τ', 1, 1000, 50, { integer: true, step: 1, log: true, showIf: { schedule: [true] } }),
  num('steps', 'Race length (steps)', 20, 5000, 600, { integer: true, step: 10 }),
  num('tol', 'Finish radius ε', 1e-4, 0.5, 0.01, { log: true, help: 'A racer finishes when it comes within ε of a minimum.' }),
  seedParam,
  on('sgd'),
  lr('sgd', 0.025),
  on('momentum'),
  lr('momentum', 0.025),
  gamma('momentum'),
  on('nesterov'),
  lr('nesterov', 0.025),
  gamma('nesterov'),
  on('adagrad'),
  lr('adagrad', 0.5),
  eps('adagrad'),
  on('rmsprop'),
  lr('rmsprop', 0.05),
  num('decay_rmsprop', 'RMSProp decay γ', 0, 0.999, 0.9, { step: 0.001, group: group('rmsprop') }),
  eps('rmsprop'),
  on('adam'),
  lr('adam', 0.1),
  num('beta1_adam', 'Adam β₁', 0, 0.999, 0.9, { step: 0.001, group: group('adam') }),
  num('beta2_adam', 'Adam β₂', 0, 0.9999, 0.999, { step: 0.0001, group: group('adam') }),
  eps('adam'),
]);

/** Every racer on with its default rate and constants (a scene fixes all of them, so it looks the same whatever came before). */
const racersAtDefault = Object.fromEntries(params.filter((p) => 'group' in p && p.group).map((p) => [p.key, p.default]));
/** A scene's params: the race defaults, then the scene's changes. */
const race = <const V extends object>(v: V) => ({ ...racersAtDefault, noise: 0, batch: 1, schedule: false, tau: 50, steps: 600, tol: 0.01, seed: 1, kappa: 50, ...v });

/** The noisy-quadratic race shared by the two noise scenes (scenes 5 and 6). */
const NOISY = { surface: 'quadratic', kappa: 10, startX: -1.8, startY: 0.6, noise: 2, batch: 1, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, steps: 800 } as const;
/** Himmelblau from a start whose racers end in different minima (scene 7). */
export const HIMMELBLAU_START = [1, -4] as const;

export const meta = defineLesson({
  id: 'optimizers',
  title: 'The optimizer race',
  summary: 'SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam race on 2-D loss surfaces: ravines, saddles, valleys and cliffs.',
  order: 3,
  params,
  figures: ['contour', 'finish', 'loss', 'steps', 'rules'],
  scenes: [
    {
      title: 'The ravine',
      caption: 'κ = 50, one learning rate for SGD, momentum and Nesterov: SGD zig-zags across the steep direction and crawls along the flat one; momentum keeps the steady part of the gradient and arrives in about a third of SGD’s steps (73 against 206 in the finish table).',
      params: race({ surface: 'quadratic', kappa: 50, startX: -1.8, startY: 0.6 }),
      show: ['contour', 'finish', 'loss', 'rules'],
    },
    {
      title: 'The saddle',
      caption: 'f = x² − y², started almost on the ridge: the gradient along y is tiny, so SGD lingers near the saddle point and escapes last; momentum and the adaptive rules (which rescale the tiny y gradient) leave sooner.',
      params: race({ surface: 'saddle', startX: -1.4, startY: 0.001, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, lr_adagrad: 0.1, lr_rmsprop: 0.02, lr_adam: 0.05, steps: 200 }),
      show: ['contour', 'finish', 'loss'],
    },
    {
      title: 'Rosenbrock’s banana',
      caption: 'The valley floor is curved and nearly flat while its walls are steep: at a learning rate small enough for the walls SGD is still crawling along the floor after 3,000 steps, while momentum, Nesterov and Adam reach (1, 1). AdaGrad’s ever-shrinking step stalls it too.',
      params: race({ surface: 'rosenbrock', startX: -1.5, startY: 2, lr_sgd: 0.001, lr_momentum: 0.001, lr_nesterov: 0.001, lr_adagrad: 0.3, lr_rmsprop: 0.01, lr_adam: 0.05, steps: 3000, tol: 0.05 }),
      show: ['contour', 'finish', 'steps'],
      // test/lessons/optimizers.test.ts, scene 3: momentum, Nesterov and Adam reach it; SGD and AdaGrad do not
      question: 'Which of the six optimizers will reach the minimum at (1, 1) within 3,000 steps?',
      predict: true,
    },
    {
      title: 'AdaGrad’s vanishing step',
      caption: 'Over the cliff the gradient is huge; AdaGrad adds its square to G for ever, so its steps on the gentle slope after the cliff are tiny: after 1,500 steps it is still more than 0.3 from the minimum. RMSProp forgets old gradients and arrives.',
      params: race({ surface: 'cliff', startX: -2, startY: 1, on_momentum: false, on_nesterov: false, on_adam: false, lr_sgd: 0.2, lr_adagrad: 0.5, lr_rmsprop: 0.05, steps: 1500, tol: 0.05 }),
      show: ['contour', 'steps', 'finish', 'rules'],
      // scene 4 test: RMSProp arrives, AdaGrad is still more than 0.3 away after 1,500 steps
      question: 'Past the cliff, which will reach the minimum: AdaGrad, RMSProp, both or neither?',
      predict: true,
    },
    {
      title: 'Noisy gradients',
      caption: 'σ = 2 with mini-batches of one stands for a noisy gradient: with a constant learning rate SGD, momentum, Nesterov, RMSProp and Adam keep jittering around the minimum (the distance column). AdaGrad settles closest, because its own step already shrinks like 1/√t.',
      params: race(NOISY),
      show: ['contour', 'finish', 'loss'],
      // scene 5 test, seeds 1-3: AdaGrad settles closest
      question: 'With noisy gradients and a constant learning rate, which optimizer will settle closest to the minimum?',
    },
    {
      title: 'A 1/t schedule',
      caption: 'The same noise with ε_t = ε₀τ / max(t, τ): after τ steps the learning rate decays like 1/t and SGD, momentum, Nesterov, RMSProp and Adam settle closer than in the last scene. AdaGrad ends farther away: its step now shrinks twice over.',
      params: race({ ...NOISY, schedule: true, tau: 50 }),
      show: ['contour', 'finish', 'steps', 'rules'],
    },
    {
      title: 'Four minima',
      caption: 'Himmelblau’s function has four equal minima. From (1, −4) the rules end in three different ones: momentum overshoots into the far one at (−2.81, 3.13), Nesterov ends at (3, 2), the others at (3.58, −1.85).',
      params: race({ surface: 'himmelblau', startX: HIMMELBLAU_START[0], startY: HIMMELBLAU_START[1], lr_sgd: 0.01, lr_momentum: 0.005, lr_nesterov: 0.005, lr_adagrad: 0.5, lr_rmsprop: 0.05, lr_adam: 0.1, steps: 800 }),
      show: ['contour', 'finish'],
      // scene 7 test: three different minima
      question: 'Four equal minima, one start: will all six optimizers end in the same one?',
      predict: true,
    },
  ],
});
