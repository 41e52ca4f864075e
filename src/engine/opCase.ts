/**
 * The cases an op carries for the suites that walk the registry: the
 * cross-backend op suite (test/webgpu/opSuite.ts: cpu against webgpu, forward
 * and gradient) and the finite-difference gradient check
 * (test/ops/gradients.test.ts). Plain data and a function; no test framework,
 * so the headless-browser page runs them too.
 */
import type { Tensor } from './tensor';

/** How one input of a case is drawn (seeded uniform in [lo, hi]). */
export interface CaseInput {
  shape: number[];
  lo?: number;
  hi?: number;
  /** Rounds values to multiples of 0.5 so that ties and equalities occur. */
  coarse?: boolean;
  /** Keeps |x| >= 0.05, away from the kinks of relu, abs, step, sign. */
  awayFromZero?: boolean;
}

export interface OpCase {
  label: string;
  inputs: CaseInput[];
  f: (...xs: Tensor[]) => Tensor;
  /** Overrides the op suite's cpu-vs-webgpu tolerance, with the reason in `why`. */
  tol?: number;
  why?: string;
  /**
   * Inputs the finite-difference check leaves out, with the reason in `why`:
   * those a step of h would carry across a discontinuity (a coarse condition).
   */
  noGradCheck?: number[];
  /** Finite-difference step for this case (default 1e-2), e.g. smaller where kinks are close. */
  h?: number;
}

export const opCase = (label: string, inputs: CaseInput[], f: (...xs: Tensor[]) => Tensor, extra: Partial<OpCase> = {}): OpCase => ({ label, inputs, f, ...extra });
/** An input in [-1, 1]. */
export const S = (...shape: number[]): CaseInput => ({ shape });
/** An input in [0.5, 2] (log, sqrt, a divisor). */
export const pos = (...shape: number[]): CaseInput => ({ shape, lo: 0.5, hi: 2 });
/** An input in [-1, 1] with |x| >= 0.05. */
export const nz = (...shape: number[]): CaseInput => ({ shape, awayFromZero: true });

/** A unary elementwise op on a matrix, a long vector (more than one workgroup) and a scalar. */
export const unaryCases = (name: string, f: (a: Tensor) => Tensor, make: (...s: number[]) => CaseInput = S): OpCase[] => [
  opCase(`${name} [3,5]`, [make(3, 5)], f),
  opCase(`${name} [1000]`, [make(1000)], f),
  opCase(`${name} []`, [make()], f),
];

const binaryShapes: [number[], number[]][] = [
  [[3, 5], [3, 5]],
  [[1, 7], [7]],
  [[4, 3], [4, 1]],
  [[2, 3], []],
  [[5], [2, 1, 5]],
];
/** A broadcasting binary op on same shapes, a row, a column, a scalar and a new leading axis. */
export const binaryCases = (name: string, f: (a: Tensor, b: Tensor) => Tensor, b?: Partial<CaseInput>): OpCase[] =>
  binaryShapes.map(([sa, sb]) => opCase(`${name} [${sa}] [${sb}]`, [{ shape: sa }, { shape: sb, ...b }], f));
