/**
 * One trial of a hyper-parameter search: a fresh net trained for TRIAL_STEPS
 * minibatch SGD steps with learning rate η and L2 weight decay λ, then scored
 * by its error on the validation digits. Every trial is a real training run.
 */
import { Rng, SGD, tidy } from '../../engine';
import { rows, toTensors, type DigitSet } from './data';
import { Mlp, evaluate, lossAndGrads } from './net';
import { DIVERGED_AT, TRIAL_BATCH, TRIAL_SIZES, TRIAL_STEPS } from './types';

export interface TrialOutcome {
  /** Validation error rate (1 for a run that diverged). */
  valError: number;
  valLoss: number;
  diverged: boolean;
}

/** Trains and scores one (η, λ); `seed` fixes the initial weights and the minibatch order. */
export async function runTrial(train: DigitSet, val: { x: import('../../engine').Tensor; y: import('../../engine').Tensor }, lr: number, weightDecay: number, seed: number): Promise<TrialOutcome> {
  const net = new Mlp({ sizes: TRIAL_SIZES, act: 'tanh', init: 'glorot-uniform', seed });
  const opt = new SGD({ lr, weightDecay });
  const rng = new Rng(seed + 9001);
  let order: number[] = [];
  try {
    for (let s = 0; s < TRIAL_STEPS; s++) {
      const idx: number[] = [];
      for (let i = 0; i < TRIAL_BATCH; i++) {
        if (order.length === 0) order = rng.shuffle(Array.from({ length: train.n }, (_, j) => j)) as number[];
        idx.push(order.pop()!);
      }
      const b = rows(train, idx);
      tidy(() => opt.step(net.params(), lossAndGrads(net, b.x, b.y).grads));
      b.x.dispose();
      b.y.dispose();
    }
    const { loss, error } = await evaluate(net, val.x, val.y);
    const diverged = !Number.isFinite(loss) || loss > DIVERGED_AT;
    return { valError: diverged ? 1 : error, valLoss: diverged ? DIVERGED_AT : loss, diverged };
  } finally {
    net.dispose();
  }
}

export { toTensors };
