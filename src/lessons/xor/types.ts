/** The XOR lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type XorParams = ValuesOf<typeof params>;

/** Decision surface grid over [-0.5, 1.5]^2. */
export const GRID = 41;
export const GRID_MIN = -0.5;
export const GRID_MAX = 1.5;
/** Steps a many-seeds race runs before it reports its final losses. */
export const SEED_RACE_STEPS = 3000;
/** A run whose final loss is above this counts as stuck. */
export const STUCK_LOSS = 0.05;

/** What one network's frame carries (row-major weights as the engine's Dense holds them). */
export type XorFrame = {
  /** f(x) on the GRID x GRID input grid, row 0 at the top (x2 = GRID_MAX). */
  surface: Float32Array;
  /** Hidden values h of the n training points, [n, H] row-major (empty for the linear model). */
  hidden: Float32Array;
  /** f of the n training points. */
  outputs: Float32Array;
  /** The n training points the run trains on, [n, 2] row-major (the four XOR points, or the student's own). */
  inputs: Float32Array;
  /** Their targets (0 or 1), [n]. */
  labels: Float32Array;
  W: Float32Array;
  c: Float32Array;
  w: Float32Array | number[];
  b: Float32Array | number[];
  /** Many-seeds mode: each run's latest loss (run i has seed `seed + i`). */
  losses: Float32Array;
  /** Many-seeds mode: [seed] of the run whose pictures (surface, hidden, weights) the frame carries. */
  inspected: Float32Array;
};

/** The losses stuck ReLU runs end at (see the many-seeds scene): 1/8, 1/6 and 1/4. */
export const PLATEAUS = [1 / 8, 1 / 6, 1 / 4] as const;
/** A final loss within this of a plateau counts as ending on it. */
export const PLATEAU_TOL = 2e-3;
/** A final loss below this counts as 0 (XOR fitted). */
export const SOLVED_LOSS = 1e-3;
/** The four XOR inputs (row-major [4, 2]) and targets: here, not in model.ts, so the page loads no engine code. */
export const XOR_X = [0, 0, 0, 1, 1, 0, 1, 1];
export const XOR_Y = [0, 1, 1, 0];
/** The input square of the surface plot, [GRID_MIN, GRID_MAX] on both axes: own points live (and are clamped) there. */
export const XOR_RANGE = [GRID_MIN, GRID_MAX] as const;
