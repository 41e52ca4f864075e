/** The vanishing lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { InitName } from '../../engine';
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type VanishingParams = ValuesOf<typeof params>;
export type View = VanishingParams['view'];
export type ActName = VanishingParams['activation'];
export type InitChoice = VanishingParams['init'];

/** The engine initializer behind each choice: naive = U[-1/sqrt(n_in), 1/sqrt(n_in)], Glorot uniform, He normal. */
export const INIT_OF: Record<InitChoice, InitName> = { naive: 'uniform', glorot: 'glorot-uniform', he: 'he' };

/** The params each view reads; a change to any other key needs no rebuild of that view's run. */
export const USED_BY: Record<View, readonly (keyof VanishingParams)[]> = {
  mlp: ['view', 'activation', 'init', 'scale', 'depth', 'width', 'data', 'lr', 'seed'],
  jacobian: ['view', 'rho', 'recurrence', 'seed'],
  cliff: ['view', 'lr', 'clip'],
};

/** True when none of `changed` matters to `view` (so the running experiment can go on as it is). */
export function irrelevant(view: View, changed: Partial<VanishingParams>): boolean {
  return (Object.keys(changed) as (keyof VanishingParams)[]).every((k) => !USED_BY[view].includes(k));
}

/** Deep MLP: bins of each layer's activation histogram. */
export const BINS = 24;

/** Where a unit counts as saturated: |a - center| > threshold (sigmoid < 0.1 or > 0.9; |tanh| > 0.9); relu: exactly 0. */
export const SATURATION: Record<ActName, { center: number; threshold: number; lo: number; hi: number }> = {
  sigmoid: { center: 0.5, threshold: 0.4, lo: 0, hi: 1 },
  tanh: { center: 0, threshold: 0.9, lo: -1, hi: 1 },
  relu: { center: 0, threshold: 0, lo: 0, hi: 1 },
};

/** What the deep-MLP view sends each frame. */
export type MlpFrame = {
  /** Per hidden layer, BINS fractions of its units' values over the training set: [depth * BINS]. */
  hist: Float32Array;
  /** Saturated fraction of each hidden layer. */
  sat: Float32Array;
  /** Standard deviation of each hidden layer's activations. */
  std: Float32Array;
  /** [lo, hi] of the histograms' value axis. */
  range: number[];
  /** ||dL/dW_l|| for l = 1..L (L = depth + 1, the output layer last). */
  gnorm: Float32Array;
  /** ||dL/da_l|| for the pre-activations a_l = W_l h_{l-1} + b_l, l = 1..L: the back-propagated gradient. */
  anorm: Float32Array;
};

/** Product of Jacobians: size of the state h_t, and multiplications by W before the view stops. */
export const DIM = 16;
export const HORIZON = 60;

export type JacobianFrame = {
  /** ||h_s|| for s = 0..t. */
  hnorm: Float32Array;
  /** ||dL/dh_s|| for s = 0..t, L = u^T h_t. */
  gnorm: Float32Array;
  /** |q_i^T h_t| for each eigenvector q_i of W. */
  coef: Float32Array;
  /** The eigenvalues lambda_i, |lambda_1| = rho first. */
  eig: number[];
};

/** Cliff: steps before the view stops; the picture's window (x across, y up) and grid. */
export const CLIFF_STEPS = 150;
export const CLIFF_X: [number, number] = [-8, 6];
export const CLIFF_Y: [number, number] = [-2, 2];
export const CLIFF_COLS = 112;
export const CLIFF_ROWS = 32;
/** Where both descents start: on the slope, above the ravine at the foot of the cliff. */
export const CLIFF_START: [number, number] = [0, 1];

export type CliffFrame = {
  /** f over the window, row 0 at the top: [CLIFF_ROWS * CLIFF_COLS]. */
  surface: Float32Array;
  /** Visited points of each descent, flattened [x0, y0, x1, y1, ...]. */
  plain: number[];
  clipped: number[];
  /** Length of every step taken, in order. */
  steps_plain: number[];
  steps_clipped: number[];
  /** f at every visited point (the loss curves). */
  loss_plain: number[];
  loss_clipped: number[];
};

/** The lesson's frame: one of the three views' frames. */
export type VanishingFrame = MlpFrame | JacobianFrame | CliffFrame;
