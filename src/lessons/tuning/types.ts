/** The tuning lesson's typed values, frames and constants, shared by its experiments (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type TuningParams = ValuesOf<typeof params>;
export type View = TuningParams['view'];

/** Gradient checking: units per layer of the checked net (inputs first), its minibatch, and the error above which a layer is flagged. */
export const CHECK_SIZES = [6, 5, 4, 3] as const;
export const CHECK_BATCH = 8;
export const FLAG_AT = 1e-2;
/** The ε of the sweep: half decades from 10⁻⁶ to 1. */
export const EPS_SWEEP: readonly number[] = Array.from({ length: 13 }, (_, k) => 10 ** (-6 + k / 2));
/** Names of the checked tensors, in params() order. */
export const CHECK_TENSORS = ['W₁', 'b₁', 'W₂', 'b₂', 'W₃', 'b₃'];

export type GradCheckFrame = {
  /** ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖) of each tensor at the chosen ε. */
  rel: Float32Array;
  /** The worst tensor's relative error at each ε of EPS_SWEEP. */
  sweep: Float32Array;
  /** The worst element: [tensor index, element index, back-propagated g, finite difference ĝ]. */
  worst: number[];
};

/** Overfitting a tiny set: digits trained on, the net, its learning rate (full batch), and where |h| counts as saturated. */
export const OVERFIT_DIGITS = 50;
export const OVERFIT_SIZES = [784, 16, 16, 10] as const;
/** The broken setting's factors: raw pixels are 255 times the [0, 1] ones; the large init is 30 times Glorot's. */
export const RAW_SCALE = 255;
export const BIG_INIT = 30;
export const OVERFIT_LR = 0.1;
export const SATURATED_AT = 0.99;

export type OverfitFrame = {
  /** Saturated fraction of each hidden layer, the healthy run's and the broken run's. */
  sat: Float32Array;
  broken_sat: Float32Array;
};

/** The learning-rate sweep: rates in half decades from 10⁻³ to 10, all trained from one init on the same minibatches. */
export const LR_SWEEP: readonly number[] = Array.from({ length: 9 }, (_, k) => 10 ** (-3 + k / 2));
export const LR_SIZES = [784, 32, 32, 10] as const;
export const LR_DIGITS = 500;
export const LR_BATCH = 32;
/** Steps of the sweep; the training loss over all LR_DIGITS is measured every LR_EVAL steps. */
export const LR_STEPS = 300;
export const LR_EVAL = 10;
/** A run whose loss passes this (or is not finite) has diverged and stops. */
export const DIVERGED_AT = 20;

export type LrFrame = {
  /** ‖ΔW_l‖ / ‖W_l‖ of the last step, [rate * layers + l]. */
  ratio: Float32Array;
  /** The last measured training loss of each rate (its last finite one when it diverged). */
  loss: Float32Array;
  /** 1 where that rate has diverged. */
  diverged: Float32Array;
};

/** A search trial: the net, its minibatch and its length; the training and validation digits. */
export const TRIAL_SIZES = [784, 32, 10] as const;
export const TRIAL_BATCH = 32;
export const TRIAL_STEPS = 40;
export const SEARCH_TRAIN = 500;
export const SEARCH_VAL = 500;

/**
 * The search space: log₁₀ η ~ U(−3, 1) matters, log₁₀ λ ~ U(−6, −3) hardly does (Bergstra & Bengio 2012, "Random
 * search for hyper-parameter optimization"). The grid takes the centres of a 3 × 3 split of the same square.
 */
export const LOG_LR: [number, number] = [-3, 1];
export const LOG_WD: [number, number] = [-6, -3];
export const GRID_SIDE = 3;
export const SEARCH_TRIALS = GRID_SIDE * GRID_SIDE;
/** Searches of the many-seeds view, each a grid and a random search of SEARCH_TRIALS trials with their own seed. */
export const SEARCHES = 20;

/** One trial on the plane: 0 grid / 1 random, log₁₀ η, log₁₀ λ, validation error, and the search it belongs to. */
export const TRIAL_FIELDS = 5;

export type SearchFrame = {
  /** Trials done, TRIAL_FIELDS numbers each: [kind, logLr, logWd, valError, search]. */
  trials: Float32Array;
  /** Per finished search: [grid best, random best]. */
  bests: Float32Array;
  /** Mean over finished searches of random search's best after n = 1..SEARCH_TRIALS trials. */
  randomCurve: Float32Array;
  /** The same for the grid, its trials taken in row order. */
  gridCurve: Float32Array;
};

/**
 * Decaying the learning rate: one net per schedule, all from the same init on the same minibatches. Constant η₀;
 * ε₀τ / max(t, τ) (Bengio, "Practical recommendations for gradient-based training of deep architectures"); and η
 * halved at every check where the validation error has not improved since the last one (Martins, Zerva & Figueiredo).
 */
export const DECAY_SCHEDULES = ['constant', 'inverse', 'halve'] as const;
export const DECAY_SIZES = [784, 32, 10] as const;
export const DECAY_TRAIN = 4000;
/** The training loss is measured on this many of the training digits. */
export const DECAY_SAMPLE = 500;
export const DECAY_VAL = 1000;
export const DECAY_BATCH = 25;
/** The halving rule looks at the validation error after every DECAY_VAL training examples (Bengio: a multiple of the validation set's size). */
export const DECAY_CHECK = DECAY_VAL / DECAY_BATCH;
export const DECAY_LR0 = 1;
export const DECAY_TAU = 60;
export const DECAY_STEPS = 400;
/** The training loss (on the first DECAY_SAMPLE training digits) and the validation error are measured every DECAY_EVAL steps. */
export const DECAY_EVAL = 10;

export type DecayFrame = {
  /** Each schedule's η for the next step. */
  lr: Float32Array;
  /** Each schedule's last measured training loss. */
  loss: Float32Array;
};

/**
 * Normalizing the inputs: the same net (same init, same minibatches, same η) on raw pixels in [0, 1] and on pixels
 * standardized over the training set, (x − μ) / max(σ, ε), with a sizable guard ε and with a tiny one.
 */
export const NORM_RUNS = ['raw', 'std', 'tiny'] as const;
export const NORM_SIZES = [784, 32, 10] as const;
export const NORM_TRAIN = 500;
export const NORM_VAL = 500;
export const NORM_BATCH = 25;
export const NORM_LR = 0.05;
export const NORM_EPS = 0.1;
export const NORM_TINY_EPS = 1e-8;
export const NORM_STEPS = 300;
export const NORM_EVAL = 10;

export type NormFrame = {
  /** Each pixel's standard deviation over the training digits, [784]. */
  sigma: Float32Array;
};

/** Under- or over-fitting: one net per width, trained side by side on the same minibatches of a small training set. */
export const CAP_WIDTHS = ['2', '4', '8', '32', '128'] as const;
export const CAP_TRAIN = 100;
export const CAP_VAL = 500;
export const CAP_BATCH = 20;
export const CAP_LR = 0.1;
export const CAP_STEPS = 400;
export const CAP_EVAL = 10;
/** The diagnosis rule's thresholds (Goodfellow, Bengio & Courville, Deep Learning, §11.4.1): training error above UNDER_AT, or a gap above GAP_AT. */
export const UNDER_AT = 0.1;
export const GAP_AT = 0.1;

export type CapFrame = {
  /** Per width: its training error and validation error now. */
  train: Float32Array;
  val: Float32Array;
};
