/**
 * The vanishing-gradients experiment (runs in the worker): one of three views,
 * chosen by the `view` param: the deep MLP, the product of Jacobians, or the
 * cliff with gradient clipping.
 */
import type { ExperimentFactory } from '../../engine/worker/experiment';
import { CliffRun } from './cliff';
import { DeepNetRun } from './deepNet';
import { JacobianRun } from './jacobians';
import { readParams } from './params';

export { readParams };

export const experiment: ExperimentFactory = (values) => {
  const p = readParams(values);
  if (p.view === 'jacobian') return new JacobianRun(p);
  if (p.view === 'cliff') return new CliffRun(p);
  return new DeepNetRun(p);
};
