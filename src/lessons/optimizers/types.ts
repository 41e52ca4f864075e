/** The optimizer race's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type OptimizersParams = ValuesOf<typeof params>;

/** Surfaces in the race, in the order of the menu. */
export const SURFACES = ['quadratic', 'rosenbrock', 'saddle', 'beale', 'himmelblau', 'cliff'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** The racers, in race order. */
export const RACERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type RacerName = (typeof RACERS)[number];

/** Human names of the racers (also the legend). */
export const RACER_LABELS: Record<RacerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

/** The window of the time-averaged distance: avgdist_<r> is the mean distance to the nearest minimum over a racer's last TAIL steps. */
export const TAIL = 200;

/**
 * Indices into each racer's `state_<name>` frame array: step t, alpha_t, theta_t,
 * the gradient g used by the last step, the step itself dtheta = theta_t - theta_{t-1},
 * and the rule's own state a (velocity | G | m-hat) and b (v-hat).
 */
export const STATE = { t: 0, lr: 1, x: 2, y: 3, gx: 4, gy: 5, dx: 6, dy: 7, a0: 8, a1: 9, b0: 10, b1: 11 } as const;
export const STATE_LENGTH = 12;

/** What the race's frame carries per enabled racer. */
export type RaceFrame = {
  /** Every point visited: x0, y0, x1, y1, ... */
  [K in `path_${RacerName}`]: Float32Array;
} & {
  /** See STATE. */
  [K in `state_${RacerName}`]: Float32Array;
};
