/**
 * How a lesson's experiment module meets the run loop: the loop hands raw
 * values (from the URL, a scene, an embedding page); the lesson's schema
 * parses them once here, so experiments receive typed, safe values and never
 * repeat their defaults.
 */
import type { AutoBackend, Experiment, ExperimentFactory } from '../engine/worker/experiment';
import type { ParamValues } from '../engine/worker/protocol';
import { parseParams, parsePartial, type Param } from '../ui/params';

/** What each src/lessons/<id>/experiment.ts exports. */
export interface ExperimentModule<P = never> {
  experiment: ExperimentFactory<P>;
  /** Where `auto` runs it; the cpu when absent (small models). */
  autoBackend?: AutoBackend<P>;
}

/** Wraps a typed experiment factory so it takes raw values, parsed against `schema`. */
export function lessonExperiment<P>(schema: readonly Param[], factory: ExperimentFactory<P>): ExperimentFactory {
  return async (raw, ctx) => {
    const exp: Experiment<P> = await factory(parseParams(schema, raw) as P, ctx);
    if (!exp.setParams) return exp as unknown as Experiment;
    const typedSet = exp.setParams.bind(exp);
    // setParams receives only the changed keys, parsed the same way
    return Object.assign(exp, { setParams: (changed: ParamValues) => typedSet(parsePartial(schema, changed) as Partial<P>) }) as unknown as Experiment;
  };
}
