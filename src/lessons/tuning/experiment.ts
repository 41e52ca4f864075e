/**
 * The tuning lesson's experiment (runs in the worker): one of its views,
 * chosen by the `view` param. Values arrive parsed by the schema in meta.ts.
 */
import type { Experiment, ExperimentFactory } from '../../engine/worker/experiment';
import { CapacityRun } from './capacity';
import { DecayRun } from './decay';
import { GradCheckRun } from './gradcheck';
import { NormalizeRun } from './normalize';
import { LrSweepRun } from './lrSweep';
import { OverfitRun } from './overfit';
import { SearchRun } from './search';
import type { TuningParams, View } from './types';

/** Small nets, many short runs: the cpu beats the GPU's dispatch cost under `auto`. */
export const autoBackend = 'cpu';

const VIEWS: Partial<Record<View, (p: TuningParams) => Experiment<TuningParams>>> = {
  gradcheck: (p) => new GradCheckRun(p),
  overfit: (p) => new OverfitRun(p),
  lr: (p) => new LrSweepRun(p),
  search: (p) => new SearchRun(p),
  seeds: (p) => new SearchRun(p),
  decay: (p) => new DecayRun(p),
  normalize: (p) => new NormalizeRun(p),
  capacity: (p) => new CapacityRun(p),
};

export const experiment: ExperimentFactory<TuningParams> = (p) => (VIEWS[p.view] ?? VIEWS.gradcheck!)(p);
