/**
 * What a lesson's worker-side experiment provides to the generic run loop.
 * Methods may return promises: on the webgpu backend reading values is async.
 */
import type { BackendName } from '../backend';
import type { FrameData, ParamValues } from './protocol';

export interface Experiment<P = ParamValues> {
  /** One training step (or one unit of work). */
  step(): void | Promise<void>;
  /** Current numbers for the readout; `step` is added by the loop. Non-finite values mean divergence. */
  metrics(): Record<string, number> | Promise<Record<string, number>>;
  /** Larger arrays for plots; called at most ~30 times a second. */
  frame?(): FrameData | Promise<FrameData>;
  /** Applies changed parameters that do not need a rebuild; returns false to ask for a rebuild. */
  setParams?(changed: Partial<P>): boolean;
  /** Set when the experiment has finished (e.g. early stopping); the loop pauses. */
  readonly done?: boolean;
  /** A label for the current phase (e.g. "layer 1", "fine-tune"). */
  readonly phase?: string;
  dispose?(): void;
}

export interface ExperimentContext {
  backend: BackendName;
}

/** Builds a lesson's experiment from its parsed, typed parameters (the lesson's ValuesOf its schema). */
export type ExperimentFactory<P = ParamValues> = (params: P, ctx: ExperimentContext) => Experiment<P> | Promise<Experiment<P>>;
/** Experiments by lesson id, as the worker entry hands them to the run loop (raw values in). */
export type ExperimentRegistry = Record<string, ExperimentFactory>;

/**
 * Where `auto` should run an experiment: 'cpu' for models whose whole step
 * costs less than the GPU dispatches it needs (see selectBackend.ts), 'webgpu'
 * for the big ones. A function may decide from the parameters.
 */
export type AutoBackend<P = ParamValues> = 'cpu' | 'webgpu' | ((params: P) => 'cpu' | 'webgpu');
