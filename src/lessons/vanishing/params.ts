/** The lesson's parameters as typed values (shared by the three views and the tests). */
import type { InitName } from '../../engine';
import type { ParamValues } from '../../engine/worker/protocol';

export type View = 'mlp' | 'jacobian' | 'cliff';
export type ActName = 'sigmoid' | 'tanh' | 'relu';
export type InitChoice = 'naive' | 'glorot' | 'he';
export type DataName = 'circles' | 'moons' | 'spirals';

export interface VanishingParams {
  view: View;
  activation: ActName;
  init: InitChoice;
  /** Multiplies every initial weight. */
  scale: number;
  /** Hidden layers (the network has depth + 1 weight matrices). */
  depth: number;
  width: number;
  data: DataName;
  lr: number;
  /** Spectral radius of W in the product-of-Jacobians view. */
  rho: number;
  recurrence: 'linear' | 'tanh';
  /** Clipping threshold r on the gradient norm. */
  clip: number;
  seed: number;
}

/** The engine initializer behind each choice: naive = U[-1/sqrt(n_in), 1/sqrt(n_in)], Glorot uniform, He normal. */
export const INIT_OF: Record<InitChoice, InitName> = { naive: 'uniform', glorot: 'glorot-uniform', he: 'he' };

/** Fills missing values with the lesson defaults (the same ones meta.ts declares). */
export function readParams(v: ParamValues): VanishingParams {
  const num = (k: string, d: number) => (v[k] === undefined ? d : Number(v[k]));
  return {
    view: (v.view as View) ?? 'mlp',
    activation: (v.activation as ActName) ?? 'sigmoid',
    init: (v.init as InitChoice) ?? 'naive',
    scale: num('scale', 1),
    depth: num('depth', 5),
    width: num('width', 32),
    data: (v.data as DataName) ?? 'circles',
    lr: num('lr', 0.5),
    rho: num('rho', 0.9),
    recurrence: (v.recurrence as 'linear' | 'tanh') ?? 'linear',
    clip: num('clip', 1),
    seed: num('seed', 1),
  };
}

/** The params each view reads; a change to any other key needs no rebuild of that view's run. */
export const USED_BY: Record<View, readonly string[]> = {
  mlp: ['view', 'activation', 'init', 'scale', 'depth', 'width', 'data', 'lr', 'seed'],
  jacobian: ['view', 'rho', 'recurrence', 'seed'],
  cliff: ['view', 'lr', 'clip'],
};

/** True when none of `changed` matters to `view` (so the running experiment can go on as it is). */
export function irrelevant(view: View, changed: Record<string, unknown>): boolean {
  return Object.keys(changed).every((k) => !USED_BY[view].includes(k));
}
