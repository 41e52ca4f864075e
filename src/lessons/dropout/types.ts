/** The dropout lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type DropoutParams = ValuesOf<typeof params>;
export type DatasetName = DropoutParams['dataset'];

/** Mini-batch size of every step. */
export const BATCH = 16;
/** |w| below this counts as a near-zero weight. */
export const NEAR_ZERO = 0.01;
/** Thinned networks averaged for the sampled test-time prediction. */
export const MC_SAMPLES = 20;
/** Both test-time rules are recomputed together once per this many steps (the sampled one costs MC_SAMPLES forward passes). */
export const MC_EVERY = 50;
/** Decision surfaces (two forward passes over the grid) are recomputed at most this often while training runs. */
export const SURFACE_MS = 150;
/** Validation points of the 2-D sets (fixed, so the validation loss is a steady estimate of the test loss). */
export const VAL_POINTS = 200;
/** Test points of the 2-D sets, apart from training and validation: they score each run at its best validation step. */
export const TEST_POINTS = 200;
/** Held-out digits the digits subset is validated on, and as many others it is tested on. */
export const VAL_DIGITS = 300;
export const TEST_DIGITS = 300;
/** Decision-boundary image: GRID x GRID points over [-EXTENT, EXTENT]^2, row 0 at the top. */
export const GRID = 48;
export const EXTENT = 1.6;
/** The plot range on both axes: own points live (and are clamped) there. */
export const PLANE_RANGE = [-EXTENT, EXTENT] as const;

/** What the lesson's frame carries (weights flattened W1, W2, W3 row-major as the engine's Dense holds them). */
export type DropoutFrame = {
  /** P(class 1) of the regularized run over the GRID x GRID image (2-D sets only). */
  surf: Float32Array;
  base_surf: Float32Array;
  weights: Float32Array;
  base_weights: Float32Array;
  /** Masks of the first example of the last mini-batch: inputs, hidden layer 1, hidden layer 2 (0 = dropped). */
  mask_in: Float32Array;
  mask1: Float32Array;
  mask2: Float32Array;
  /** [B, 2H] of the whole mini-batch: 1 kept, 0 dropped (empty without hidden dropout). */
  batch_mask: Float32Array;
  /** The 2-D training and validation points (x interleaved, y labels); empty for digits. */
  train_x: Float32Array;
  train_y: Float32Array;
  val_x: Float32Array;
  val_y: Float32Array;
};
