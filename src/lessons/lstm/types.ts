/** The LSTM lesson's typed values, frames and constants, shared by its experiment (worker) and its page. */
import type { ValuesOf } from '../../ui/params';
import type { params } from './meta';

export type LstmParams = ValuesOf<typeof params>;

export type CellKind = 'rnn' | 'lstm' | 'gru';

/** The alphabet of the recall task: one-hot symbols A..D; chance is 1/4. */
export const SYMBOLS = 4;
export const SYMBOL_NAMES = ['A', 'B', 'C', 'D'] as const;
/** Minibatch of every training step (one minibatch per step()). */
export const BATCH = 32;
/** Held-out sequences that the accuracy readouts are measured on (fresh data, never trained on). */
export const EVAL_N = 256;
/** Accuracy is re-measured at most once per this many steps. */
export const EVAL_EVERY = 10;
/** Longest sequence the probe (your own sequence) accepts. */
export const MAX_PROBE = 60;

/**
 * The racers of each race: which cells run side by side (metric names are
 * acc_<id>, loss_<id>, gnorm_<id>). A racer's own forgetBias or clip
 * overrides the controls of the same name.
 */
export const RACES = {
  cells: [
    { id: 'rnn', kind: 'rnn', label: 'RNN' },
    { id: 'lstm', kind: 'lstm', label: 'LSTM' },
    { id: 'gru', kind: 'gru', label: 'GRU' },
  ],
  bias: [
    { id: 'lstm_b0', kind: 'lstm', label: 'LSTM, b_f = 0', forgetBias: 0 },
    { id: 'lstm_b1', kind: 'lstm', label: 'LSTM, b_f = 1', forgetBias: 1 },
    { id: 'lstm_b2', kind: 'lstm', label: 'LSTM, b_f = 2', forgetBias: 2 },
  ],
  clip: [
    { id: 'lstm_clip', kind: 'lstm', label: 'LSTM, clipped', clip: true },
    { id: 'lstm_noclip', kind: 'lstm', label: 'LSTM, not clipped', clip: false },
  ],
} as const satisfies Record<string, readonly { id: string; kind: CellKind; label: string; forgetBias?: number; clip?: boolean }[]>;
/** The racer whose gates and states the cell, the maps and the equations show, per race. */
export const SHOWN_LSTM: Record<RaceName, RacerId> = { cells: 'lstm', bias: 'lstm_b1', clip: 'lstm_clip' };
export type LstmId = Extract<RacerId, 'lstm' | `lstm_${string}`>;
export type RaceName = keyof typeof RACES;
/** The race a params value names (anything else: the cells race). */
export const raceOf = (v: unknown): RaceName => (v === 'bias' || v === 'clip' ? v : 'cells');

/** The probe's per-step values as the page shows them: every array is [H, T] row-major (unit j, step t at j*T + t). */
export type LstmFrame = {
  /** The probe sequence's symbol ids, [T]. */
  probe: Float32Array;
  /** The LSTM racer's gates, candidate and states on the probe (SHOWN_LSTM: in the other races, one of their LSTMs). */
  f: Float32Array;
  i: Float32Array;
  o: Float32Array;
  g: Float32Array;
  c: Float32Array;
  h: Float32Array;
  /** Its softmax output after the last step, [SYMBOLS]. */
  p_lstm: Float32Array;
  /** The plain RNN's h and the GRU's gates on the probe (cells race only), [H, T]. */
  h_rnn: Float32Array;
  p_rnn: Float32Array;
  z_gru: Float32Array;
  r_gru: Float32Array;
  n_gru: Float32Array;
  h_gru: Float32Array;
  p_gru: Float32Array;
} & {
  /** ||dL/dh_t|| on the last training minibatch, t = 1..T, per racer. */
  [K in `hgrad_${RacerId}`]: Float32Array;
} & {
  /** LSTMs: mean over units of prod_{s=t+1}^{T} f_s (batch-averaged f), t = 1..T. */
  [K in `fprod_${LstmId}`]: Float32Array;
};
export type RacerId = (typeof RACES)[RaceName][number]['id'];
