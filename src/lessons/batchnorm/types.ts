/** The batch-norm lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type BatchNormParams = ValuesOf<typeof params>;
export type View = BatchNormParams['view'];
export type ActName = BatchNormParams['activation'];

/** Test accuracy (on TEST_DIGITS held-out digits) is measured at step 0 and every EVAL_EVERY steps. */
export const EVAL_EVERY = 50;
export const TEST_DIGITS = 1000;
/** The fixed training digits whose pre-activations the unit histograms and percentiles show. */
export const PROBE_DIGITS = 256;
/** The probe's percentiles and moments of the shown layer are taken at step 0 and every PROBE_EVERY steps. */
export const PROBE_EVERY = 10;
/** Units of the shown layer drawn as histograms, and bins of each. */
export const UNITS_SHOWN = 8;
export const BINS = 20;
/** The normalized values' axis: x̂ and y = γ x̂ + β are drawn over [-AFTER_RANGE, AFTER_RANGE]. */
export const AFTER_RANGE = 4;
export const BN_EPS = 1e-5;

/** The learning-rate sweep (scene 3): half decades from 0.01 to 10, one net with and one without batch norm per rate. */
export const SWEEP_LRS: readonly number[] = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];
/** Steps of the sweep (then it is done); every net's test accuracy is measured every EVAL_EVERY steps and at the end. */
export const SWEEP_STEPS = 300;
/** A rate "trains" a net when its test accuracy at the end is above this. */
export const TRAINS_ABOVE = 0.5;
/** Batch size (scene 5): the large batch the small one is compared with; one step of the scene is LARGE_BATCH digits for every net. */
export const LARGE_BATCH = 32;
/** Steps of μ_B the batch-size scene keeps (its spread readout and chart). */
export const MU_WINDOW = 100;

/** What the race view sends each frame. */
export type RaceFrame = {
  /** Per shown unit, BINS fractions of the probe digits: the raw pre-activation u = h W of the batch-norm net [UNITS_SHOWN * BINS]. */
  before: Float32Array;
  /** The same units after normalization, y = γ x̂ + β [UNITS_SHOWN * BINS]. */
  after: Float32Array;
  /** [lo, hi] of the `before` histograms (one axis for every unit). */
  beforeRange: number[];
  /** ‖∂L/∂W_l‖ of the last step, l = 1..L (output last), each net. */
  gradBn: Float32Array;
  gradPlain: Float32Array;
};

/** What the batch-size scene sends each frame: μ_B of unit 1 of layer 1, the last MU_WINDOW steps, per batch-norm net. */
export type BatchSizeFrame = {
  muLarge: Float32Array;
  muSmall: Float32Array;
  /** [the step of the last value, the small-batch net's running average μ of the same unit (what test mode uses)]. */
  muAt: number[];
};

export type BatchNormFrame = RaceFrame | BatchSizeFrame;
