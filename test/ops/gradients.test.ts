/**
 * Every registered op's gradient against central differences, walking the
 * registry (as TensorFlow.js runs every kernel on every backend): each case an
 * op module carries (`OpDef.cases`, the same the cross-backend op suite runs)
 * is differentiated by autodiff and by (L(x + h e_i) - L(x - h e_i)) / 2h with
 * L = sum(f(x) * R), R a fixed random projection, on sampled elements of every
 * input. An op with no case fails here. Ops without a vjp (comparisons, the
 * backward ops) must pass no gradient at all; the backward ops are checked
 * through the vjp of their forward op.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import type { OpCase } from '../../src/engine/opCase';
import { ops } from '../../src/engine/ops';
import { values } from '../webgpu/opSuite';

/** Elements checked per input (all of a small input). */
const SAMPLES = 12;
const TOL = 2e-2;

function inputsOf(oc: OpCase): E.Tensor[] {
  return oc.inputs.map((inp, k) => {
    const t = E.tensor(values(inp, 1 + 17 * k), inp.shape);
    t.requiresGrad = true;
    return t;
  });
}

/** Seeded distinct indices in [0, n), at most SAMPLES of them. */
function sample(n: number, seed: number): number[] {
  if (n <= SAMPLES) return Array.from({ length: n }, (_, i) => i);
  const r = new E.Rng(seed);
  const picked = new Set<number>();
  while (picked.size < SAMPLES) picked.add(Math.floor(r.uniform(0, n)));
  return [...picked];
}

/** The failures of one case: autodiff against central differences. */
function gradErrors(oc: OpCase): string[] {
  const bad: string[] = [];
  const h = oc.h ?? 1e-2;
  E.tidy(() => {
    const xs = inputsOf(oc);
    const y0 = oc.f(...xs);
    const R = E.tensor(values({ shape: [...y0.shape] }, 99), y0.shape);
    const loss = (ts: E.Tensor[]) => E.sum(E.mul(oc.f(...ts), R));
    const { result, tape } = E.record(() => loss(xs));
    const grads = E.gradients(tape, result, xs);
    xs.forEach((x, k) => {
      if (oc.noGradCheck?.includes(k)) return;
      const g = grads[k]?.values ?? new Float32Array(x.size);
      const base = x.values.slice();
      for (const i of sample(x.size, 5 + k)) {
        const at = (delta: number) =>
          E.tidy(() => {
            const v = base.slice();
            v[i] += delta;
            return loss(xs.map((t, j) => (j === k ? E.tensor(v, t.shape) : t))).item();
          });
        const numeric = (at(h) - at(-h)) / (2 * h);
        const err = Math.abs(numeric - g[i]) / Math.max(1, Math.abs(numeric), Math.abs(g[i]));
        if (!(err < TOL)) bad.push(`input ${k} element ${i}: autodiff ${g[i]} vs numeric ${numeric}`);
      }
    });
  });
  return bad;
}

/** Whether any input gets a gradient through the case. */
function anyGradient(oc: OpCase): boolean {
  return E.tidy(() => {
    const xs = inputsOf(oc);
    const { result, tape } = E.record(() => E.sum(oc.f(...xs)));
    return E.gradients(tape, result, xs).some((g) => g !== null);
  });
}

describe('every registered op: gradients against central differences', () => {
  for (const [name, op] of Object.entries(ops)) {
    describe(name, () => {
      it('has at least one case', () => expect(op.cases.length, `${name}: add cases to its OpDef`).toBeGreaterThan(0));
      for (const oc of op.cases) {
        if (op.vjp) it(oc.label, () => expect(gradErrors(oc)).toEqual([]));
        else it(`${oc.label}: no vjp, so no gradient flows`, () => expect(anyGradient(oc)).toBe(false));
      }
    });
  }
});
