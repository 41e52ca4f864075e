/**
 * One op suite for both backends (as tfjs runs one suite on ALL_ENVS): every
 * op in the registry, forward and gradient, computed on the cpu and on the
 * backend under test from the same seeded inputs, compared elementwise. The
 * cases are the ones each op module carries (`OpDef.cases`), so a new op is
 * in the suite by being registered.
 * Pure engine code, no test framework: Vitest (Node, Dawn) and the headless
 * Chromium page both run it.
 */
import * as E from '../../src/engine';
import type { Backend } from '../../src/engine/backend';
import type { CaseInput, OpCase } from '../../src/engine/opCase';
import { ops, type OpName } from '../../src/engine/ops';

export type { OpCase } from '../../src/engine/opCase';

/** Default tolerance: |gpu - cpu| <= TOL * max(1, |cpu|) per element (relative above 1, absolute below). */
export const TOL = 1e-4;

/** The seeded values of a case input (the gradient check draws the same). */
export function values(inp: CaseInput, seed: number): Float32Array {
  const r = new E.Rng(seed);
  const n = inp.shape.reduce((a, b) => a * b, 1);
  const lo = inp.lo ?? -1;
  const hi = inp.hi ?? 1;
  return Float32Array.from({ length: n }, () => {
    let v = r.uniform(lo, hi);
    if (inp.coarse) v = Math.round(v * 2) / 2;
    if (inp.awayFromZero && Math.abs(v) < 0.05) v = 0.3;
    return v;
  });
}

/** Forward values and gradients of sum(f(x) * R) (R a seeded random projection) on `backend`. */
export async function evalCase(backend: Backend, oc: OpCase, withGrad: boolean, seed = 1): Promise<Float32Array[]> {
  const prev = E.getBackend();
  E.setBackend(backend);
  try {
    const outs = E.tidy(() => {
      const xs = oc.inputs.map((inp, k) => {
        const t = E.tensor(values(inp, seed + 17 * k), inp.shape);
        t.requiresGrad = true;
        return t;
      });
      if (!withGrad) return [oc.f(...xs)];
      const { result, tape } = E.record(() => {
        const y = oc.f(...xs);
        const R = E.tensor(values({ shape: [...y.shape] }, seed + 99), y.shape);
        return { y, L: E.sum(E.mul(y, R)) };
      });
      const gs = E.gradients(tape, result.L, xs);
      return [result.y, ...gs.map((g, k) => g ?? E.zeros(xs[k].shape))];
    });
    const vals = await Promise.all(outs.map((t) => t.read()));
    for (const t of outs) t.dispose();
    return vals;
  } finally {
    E.setBackend(prev);
  }
}

export interface CaseResult {
  op: OpName;
  label: string;
  /** "forward" or "grad k" */
  part: string;
  /** max over elements of |gpu - cpu| / max(1, |cpu|) */
  err: number;
  tol: number;
  ok: boolean;
  message?: string;
}

export function compare(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (a[i] === b[i]) continue; // equal infinities
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]));
    if (!Number.isFinite(e)) return Infinity; // NaN or inf on one side only
    if (e > worst) worst = e;
  }
  return worst;
}

/** Runs every case on the cpu and on `backend`; one result per forward and per input gradient. */
export async function runOpSuite(
  backend: Backend,
  only?: (op: OpName) => boolean,
  /** Gives a new backend after a case left this one unusable (a failed pipeline), so one failure does not hide the rest. */
  fresh?: () => Promise<Backend>,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const [op, def] of Object.entries(ops) as [OpName, (typeof ops)[OpName]][]) {
    const cases: readonly OpCase[] = def.cases;
    if (only && !only(op)) continue;
    const withGrad = !!def.vjp;
    for (const oc of cases) {
      const tol = oc.tol ?? TOL;
      try {
        const ref = await evalCase(E.cpuBackend, oc, withGrad);
        const got = await evalCase(backend, oc, withGrad);
        ref.forEach((r, k) => {
          const err = compare(r, got[k]);
          results.push({ op, label: oc.label, part: k === 0 ? 'forward' : `grad ${k - 1}`, err, tol, ok: err <= tol });
        });
      } catch (e) {
        results.push({ op, label: oc.label, part: 'run', err: Infinity, tol, ok: false, message: e instanceof Error ? e.message : String(e) });
        if (fresh) backend = await fresh();
      }
    }
  }
  return results;
}
