import { defineLesson } from '../../ui/lesson';
import { defineParams, seedParam, type BoolParam, type NumberParam } from '../../ui/params';
import type { Metrics } from '../../ui/claims';
import { RACER_LABELS, RACERS, SURFACES, type RacerName } from './types';

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
  { kind: 'bool', key: 'schedule', label: '1/t schedule ατ / max(t, τ)', default: false, help: 'Every racer’s learning rate stays at its α for τ steps, then decays like 1/t.' },
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

/**
 * The noisy-quadratic race shared by the two noise scenes (scenes 5 and 6): long enough that the mean distance over the
 * last TAIL = 200 steps tells a jittering racer from a settling one on every seed.
 */
const NOISY = { surface: 'quadratic', kappa: 10, startX: -1.8, startY: 0.6, noise: 2, batch: 1, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, steps: 2000 } as const;
/** Himmelblau from a start whose racers end in different minima (scene 7). */
export const HIMMELBLAU_START = [1, -4] as const;
/** Beale from its steep corner (scene 8): f = 1427 there, its gradient (749, -3744). */
export const BEALE_START = [4, -2] as const;

type M = Metrics;
/** Every racer of the list satisfies p. */
const each = (rs: readonly RacerName[], p: (r: RacerName) => boolean) => rs.every(p);
const reached = (m: M, r: RacerName) => m[`reached_${r}`] > 0;
/** Whether racer r ended within 0.1 of (x, y). */
const endsAt = (m: M, r: RacerName, x: number, y: number) => Math.hypot(m[`x_${r}`] - x, m[`y_${r}`] - y) < 0.1;

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
      caption:
        'κ = 50 and one learning rate α = 0.025 for SGD, momentum and Nesterov, small enough for the steep direction: each SGD step multiplies y by 1 − ακ = −0.25 but x by only 1 − α = 0.975. Watch the paths across the valley (along y) and the finish table.',
      claims: [
        {
          id: 'sgd-straight',
          text: 'SGD’s path is nearly straight: its steps across the valley add up to less than 1.2, twice the 0.6 it starts off the valley floor.',
          at: 'end',
          maxSteps: 600,
          key: 'travel_sgd_y',
          holds: (m) => m.travel_sgd_y < 1.2,
        },
        {
          id: 'momentum-zigzags',
          text: 'Momentum and Nesterov zig-zag across the valley: their steps along y add up to more than 5 times SGD’s.',
          at: 'end',
          maxSteps: 600,
          key: 'travel_momentum_y',
          holds: (m) => m.travel_momentum_y > 5 * m.travel_sgd_y && m.travel_nesterov_y > 5 * m.travel_sgd_y,
        },
        {
          id: 'momentum-sooner',
          text: 'Yet momentum, which keeps the steady part of the gradient along the floor, comes within ε = 0.01 of the minimum in under half of SGD’s steps, and Nesterov sooner still.',
          at: 'end',
          maxSteps: 600,
          key: 'reached_momentum',
          holds: (m) => reached(m, 'sgd') && reached(m, 'momentum') && 2 * m.reached_momentum < m.reached_sgd && reached(m, 'nesterov') && m.reached_nesterov < m.reached_momentum,
        },
      ],
      params: race({ surface: 'quadratic', kappa: 50, startX: -1.8, startY: 0.6 }),
      show: ['contour', 'finish', 'loss', 'rules'],
    },
    {
      title: 'The saddle',
      caption:
        'f = x² − y², started almost on the ridge at y = 0.001: the gradient along y, the way out, is tiny. Momentum gathers speed along it; AdaGrad, RMSProp and Adam rescale the tiny y gradient.',
      claims: [
        {
          id: 'all-escape',
          text: 'Every racer escapes the saddle within the 200 steps.',
          at: 'end',
          maxSteps: 200,
          holds: (m) => each(RACERS, (r) => m[`escaped_${r}`] === 1),
        },
        {
          id: 'sgd-last',
          text: 'SGD lingers near the saddle point and escapes last.',
          at: 'end',
          maxSteps: 200,
          key: 'stopped_sgd',
          holds: (m) => m.escaped_sgd === 1 && each(RACERS.filter((r) => r !== 'sgd'), (r) => m[`escaped_${r}`] === 1 && m[`stopped_${r}`] < m.stopped_sgd),
        },
      ],
      params: race({ surface: 'saddle', startX: -1.4, startY: 0.001, lr_sgd: 0.05, lr_momentum: 0.05, lr_nesterov: 0.05, lr_adagrad: 0.1, lr_rmsprop: 0.02, lr_adam: 0.05, steps: 200 }),
      show: ['contour', 'finish', 'loss'],
    },
    {
      title: 'Rosenbrock’s banana',
      caption:
        'The valley floor is curved and nearly flat while its walls are steep. SGD, momentum and Nesterov share α = 0.001, small enough for the walls; AdaGrad, RMSProp and Adam have rates of their own. A racer finishes within ε = 0.05 of (1, 1).',
      claims: [
        {
          id: 'three-arrive',
          text: 'Momentum, Nesterov and Adam reach (1, 1) within the 3,000 steps.',
          at: 'end',
          maxSteps: 3000,
          key: 'reached_momentum',
          holds: (m) => each(['momentum', 'nesterov', 'adam'], (r) => reached(m, r)),
        },
        {
          id: 'sgd-adagrad-crawl',
          text: 'SGD, at a rate small enough for the walls, and AdaGrad, whose step only ever shrinks, are still crawling along the floor after 3,000 steps, both more than 0.3 from (1, 1).',
          at: 'end',
          maxSteps: 3000,
          key: 'dist_sgd',
          holds: (m) => each(['sgd', 'adagrad'], (r) => !reached(m, r) && m[`dist_${r}`] > 0.3),
        },
        {
          id: 'rmsprop-hovers',
          text: 'RMSProp comes close but never arrives: its steps stay about α = 0.01 long, so it hops about (1, 1), ending within 0.15 of it but never within ε.',
          at: 'end',
          maxSteps: 3000,
          key: 'dist_rmsprop',
          holds: (m) => !reached(m, 'rmsprop') && m.dist_rmsprop < 0.15 && m.travel_rmsprop_x > 0.5 * 0.01 * 3000,
        },
      ],
      params: race({ surface: 'rosenbrock', startX: -1.5, startY: 2, lr_sgd: 0.001, lr_momentum: 0.001, lr_nesterov: 0.001, lr_adagrad: 0.3, lr_rmsprop: 0.01, lr_adam: 0.05, steps: 3000, tol: 0.05 }),
      show: ['contour', 'finish', 'steps'],
      question: 'Which of the six optimizers will reach the minimum at (1, 1) within 3,000 steps?',
      predict: true,
    },
    {
      title: 'AdaGrad’s vanishing step',
      caption:
        'Over the cliff the gradient is huge. AdaGrad adds its square to G for ever; RMSProp’s G forgets old gradients (decay γ = 0.9); SGD keeps one rate. Watch the step chart on the gentle slope after the cliff.',
      claims: [
        {
          id: 'adagrad-stalls',
          text: 'After 1,500 steps AdaGrad is still more than 0.3 from the minimum, its steps tiny (under 0.001).',
          at: 'end',
          maxSteps: 1500,
          key: 'dist_adagrad',
          holds: (m) => !reached(m, 'adagrad') && m.dist_adagrad > 0.3 && Math.hypot(m.step_adagrad_x, m.step_adagrad_y) < 1e-3,
        },
        {
          id: 'rmsprop-arrives',
          text: 'RMSProp, which forgets the cliff, reaches the minimum (within ε = 0.05), and so does SGD.',
          at: 'end',
          maxSteps: 1500,
          key: 'reached_rmsprop',
          holds: (m) => reached(m, 'rmsprop') && reached(m, 'sgd'),
        },
      ],
      params: race({ surface: 'cliff', startX: -2, startY: 1, on_momentum: false, on_nesterov: false, on_adam: false, lr_sgd: 0.2, lr_adagrad: 0.5, lr_rmsprop: 0.05, steps: 1500, tol: 0.05 }),
      show: ['contour', 'steps', 'finish', 'rules'],
      question: 'Past the cliff, which will reach the minimum: AdaGrad, RMSProp, both or neither?',
      predict: true,
    },
    {
      title: 'Noisy gradients',
      caption:
        'σ = 2 with mini-batches of one stands for a noisy gradient, and every learning rate is constant; only AdaGrad’s own step shrinks, like 1/√t. The finish table’s last column is each racer’s mean distance to the minimum over its last 200 steps.',
      claims: [
        {
          id: 'adagrad-closest',
          text: 'AdaGrad settles closer than SGD, momentum, Nesterov and Adam: its mean distance to the minimum over the last 200 steps is below each of theirs.',
          at: 'end',
          maxSteps: 2000,
          key: 'avgdist_adagrad',
          holds: (m) => each(['sgd', 'momentum', 'nesterov', 'adam'], (r) => m.avgdist_adagrad < m[`avgdist_${r}`]),
        },
        {
          id: 'others-jitter',
          text: 'The others keep jittering around the minimum: SGD, RMSProp and Adam stay more than 0.08 from it on average over the last 200 steps; momentum and Nesterov, whose long-run step α/(1 − γ) is ten times SGD’s, more than 0.4.',
          at: 'end',
          maxSteps: 2000,
          key: 'avgdist_sgd',
          holds: (m) => each(['sgd', 'rmsprop', 'adam'], (r) => m[`avgdist_${r}`] > 0.08) && each(['momentum', 'nesterov'], (r) => m[`avgdist_${r}`] > 0.4),
        },
      ],
      params: race(NOISY),
      show: ['contour', 'finish', 'loss'],
      question: 'With noisy gradients and a constant learning rate, which optimizer will settle closest to the minimum?',
    },
    {
      title: 'A 1/t schedule',
      caption:
        'The same noise with α_t = ατ / max(t, τ): after τ = 50 steps every racer’s rate decays like 1/t, so AdaGrad’s step now shrinks twice over. Compare the mean-distance column with the last scene’s.',
      claims: [
        {
          id: 'momentum-settles',
          text: 'Momentum and Nesterov now settle within 0.4 of the minimum on average over the last 200 steps, the distance they stayed beyond at a constant rate.',
          at: 'end',
          maxSteps: 2000,
          key: 'avgdist_momentum',
          holds: (m) => each(['momentum', 'nesterov'], (r) => m[`avgdist_${r}`] < 0.4),
        },
        {
          id: 'others-settle',
          text: 'SGD, AdaGrad, RMSProp and Adam settle within 0.25 of it.',
          at: 'end',
          maxSteps: 2000,
          key: 'avgdist_sgd',
          holds: (m) => each(['sgd', 'adagrad', 'rmsprop', 'adam'], (r) => m[`avgdist_${r}`] < 0.25),
        },
      ],
      params: race({ ...NOISY, schedule: true, tau: 50 }),
      show: ['contour', 'finish', 'steps', 'rules'],
    },
    {
      title: 'Four minima',
      caption: 'Himmelblau’s function has four equal minima; every racer starts from (1, −4).',
      claims: [
        {
          id: 'three-minima',
          text: 'The rules end in three different minima: momentum overshoots into the far one at (−2.81, 3.13), Nesterov ends at (3, 2), the others at (3.58, −1.85).',
          at: 'end',
          maxSteps: 800,
          holds: (m) =>
            endsAt(m, 'momentum', -2.805, 3.131) && endsAt(m, 'nesterov', 3, 2) && each(['sgd', 'adagrad', 'rmsprop', 'adam'], (r) => endsAt(m, r, 3.584, -1.848)),
        },
      ],
      params: race({ surface: 'himmelblau', startX: HIMMELBLAU_START[0], startY: HIMMELBLAU_START[1], lr_sgd: 0.01, lr_momentum: 0.005, lr_nesterov: 0.005, lr_adagrad: 0.5, lr_rmsprop: 0.05, lr_adam: 0.1, steps: 800 }),
      show: ['contour', 'finish'],
      question: 'Four equal minima, one start: will all six optimizers end in the same one?',
      predict: true,
    },
    {
      title: 'Beale’s steep corner',
      caption:
        'Beale’s function from (4, −2), where f = 1427 and the gradient is (749, −3744). SGD runs at α = 0.01, momentum and Nesterov at α = 0.001 (the same long-run step α/(1 − γ) = 0.01), rates that suit the gentle slopes near the suggested start (1, 1.5). AdaGrad, RMSProp and Adam divide each coordinate’s step by the size of its gradients.',
      claims: [
        {
          id: 'raw-diverge',
          text: 'SGD, momentum and Nesterov, whose steps are the raw gradient times α, fly off the surface and diverge.',
          at: 'end',
          maxSteps: 3000,
          holds: (m) => each(['sgd', 'momentum', 'nesterov'], (r) => m[`diverged_${r}`] === 1),
        },
        {
          id: 'scaled-arrive',
          text: 'RMSProp and Adam stay on the surface and reach the minimum at (3, 0.5) within ε = 0.05.',
          at: 'end',
          maxSteps: 3000,
          key: 'reached_rmsprop',
          holds: (m) => each(['rmsprop', 'adam'], (r) => m[`diverged_${r}`] === 0 && reached(m, r)),
        },
        {
          id: 'adagrad-remembers',
          text: 'AdaGrad stays on the surface too, but its G never forgets the steep start: after 3,000 steps it is still more than 0.1 from the minimum.',
          at: 'end',
          maxSteps: 3000,
          key: 'dist_adagrad',
          holds: (m) => m.diverged_adagrad === 0 && !reached(m, 'adagrad') && m.dist_adagrad > 0.1,
        },
      ],
      params: race({ surface: 'beale', startX: BEALE_START[0], startY: BEALE_START[1], lr_sgd: 0.01, lr_momentum: 0.001, lr_nesterov: 0.001, lr_adagrad: 1, lr_rmsprop: 0.01, lr_adam: 0.2, steps: 3000, tol: 0.05 }),
      show: ['contour', 'finish', 'loss'],
      question: 'From this steep corner, which of the six will reach the minimum at (3, 0.5)?',
      predict: true,
    },
  ],
});
