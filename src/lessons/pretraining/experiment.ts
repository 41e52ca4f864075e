/**
 * The pretraining lesson's experiment (runs in the worker): the three-method
 * comparison on real digits, or the 2-D code of a deep auto-encoder.
 */
import type { ExperimentFactory } from '../../engine/worker/experiment';
import { CodeView } from './code';
import { Comparison } from './compare';
import { loadDigitSets } from './data';
import type { PretrainingParams } from './types';

/**
 * A 784-128-128-10 step is ~43 dispatches against tens of milliseconds of cpu
 * work (selectBackend.ts): the digits models take WebGPU under `auto`.
 */
export const autoBackend = 'webgpu';

export const experiment: ExperimentFactory<PretrainingParams> = async (p) => {
  const sets = await loadDigitSets();
  return p.view === 'code' ? new CodeView(p, sets) : new Comparison(p, sets);
};
