/**
 * What a lesson's worker-side experiment provides to the generic run loop.
 * Methods may return promises: on the webgpu backend reading values is async.
 */
import type { BackendName } from '../backend';
import type { FrameData, ParamValues } from './protocol';

export interface Experiment {
  /** One training step (or one unit of work). */
  step(): void | Promise<void>;
  /** Current numbers for the readout; `step` is added by the loop. Non-finite values mean divergence. */
  metrics(): Record<string, number> | Promise<Record<string, number>>;
  /** Larger arrays for plots; called at most ~30 times a second. */
  frame?(): FrameData | Promise<FrameData>;
  /** Applies parameters that do not need a rebuild; returns false to ask for a rebuild. */
  setParams?(params: ParamValues): boolean;
  /** Set when the experiment has finished (e.g. early stopping); the loop pauses. */
  readonly done?: boolean;
  /** A label for the current phase (e.g. "layer 1", "fine-tune"). */
  readonly phase?: string;
  dispose?(): void;
}

export interface ExperimentContext {
  backend: BackendName;
}

export type ExperimentFactory = (params: ParamValues, ctx: ExperimentContext) => Experiment | Promise<Experiment>;
export type ExperimentRegistry = Record<string, ExperimentFactory>;
