/**
 * The vanishing-gradients experiment (runs in the worker): one of three views,
 * chosen by the `view` param: the deep MLP, the product of Jacobians, or the
 * cliff with gradient clipping. Values arrive parsed by the schema in meta.ts.
 */
import type { ExperimentFactory } from '../../engine/worker/experiment';
import { CliffRun } from './cliff';
import { DeepNetRun } from './model';
import { JacobianRun } from './jacobians';
import type { VanishingParams } from './types';

/** Small nets and 2-D descents: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

export const experiment: ExperimentFactory<VanishingParams> = (p) => {
  if (p.view === 'jacobian') return new JacobianRun(p);
  if (p.view === 'cliff') return new CliffRun(p);
  return new DeepNetRun(p);
};
