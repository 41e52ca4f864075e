/**
 * The batch-norm experiment (runs in the worker): one of the lesson's views,
 * chosen by the `view` param, each real training on the digits.
 */
import type { ExperimentFactory } from '../../engine/worker/experiment';
import { loadDigitSets } from './digits';
import { BatchSizeRun } from './batchsize';
import { CnnRun } from './cnn';
import { ModesRun } from './modes';
import { RaceRun } from './race';
import { SweepRun } from './sweep';
import type { BatchNormParams } from './types';

/** Small MLPs and a small CNN: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<BatchNormParams> = async (p) => {
  const sets = await loadDigitSets();
  if (p.view === 'modes') return new ModesRun(p, sets);
  if (p.view === 'sweep') return new SweepRun(p, sets);
  if (p.view === 'batchsize') return new BatchSizeRun(p, sets);
  if (p.view === 'cnn') return new CnnRun(p, sets);
  return new RaceRun(p, sets);
};
