/** Central finite-difference gradient checking for engine ops (lectures 002, 003). */
import { expect } from 'vitest';
import { gradients, mul, record, sum, tensor, tidy, Rng, Tensor } from '../src/engine';

/** Random values in [lo, hi] for a shape, from a seed. */
export function rand(shape: number[], seed: number, lo = -1, hi = 1): Float32Array {
  const r = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => r.uniform(lo, hi));
}

/**
 * Checks d/dx_i of L = sum(f(x) * R) (R a fixed random projection) against
 * (L(x + h e_i) - L(x - h e_i)) / 2h for every element of every input.
 */
export function checkGrad(
  f: (...xs: Tensor[]) => Tensor,
  inputs: { values: Float32Array; shape: number[] }[],
  { h = 1e-2, tol = 2e-2, seed = 7 } = {},
): void {
  tidy(() => {
    const xs = inputs.map((i) => {
      const t = tensor(i.values, i.shape);
      t.requiresGrad = true;
      return t;
    });
    const out0 = f(...xs);
    const R = tensor(rand([...out0.shape], seed), out0.shape);
    const loss = (ts: Tensor[]) => sum(mul(f(...ts), R));
    const { result: L, tape } = record(() => loss(xs));
    const grads = gradients(tape, L, xs);
    inputs.forEach((inp, k) => {
      const g = grads[k]?.values ?? new Float32Array(inp.values.length);
      for (let i = 0; i < inp.values.length; i++) {
        const plus = inp.values.slice();
        plus[i] += h;
        const minus = inp.values.slice();
        minus[i] -= h;
        const at = (v: Float32Array) => loss(inputs.map((q, j) => tensor(j === k ? v : q.values, q.shape))).item();
        const numeric = (at(plus) - at(minus)) / (2 * h);
        const err = Math.abs(numeric - g[i]) / Math.max(1, Math.abs(numeric), Math.abs(g[i]));
        expect(err, `input ${k} element ${i}: autodiff ${g[i]} vs numeric ${numeric}`).toBeLessThan(tol);
      }
    });
  });
}

/**
 * Checks the gradient of a scalar `loss()` wrt parameters (kept variables)
 * against central differences, perturbing each parameter's values in place.
 */
export function checkParamGrads(loss: () => Tensor, params: Tensor[], { h = 1e-2, tol = 2e-2 } = {}): void {
  tidy(() => {
    const { result: L, tape } = record(loss);
    const grads = gradients(tape, L, params);
    params.forEach((p, k) => {
      const v = p.values;
      const g = grads[k]?.values ?? new Float32Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const x0 = v[i];
        v[i] = x0 + h;
        const plus = tidy(() => loss().item());
        v[i] = x0 - h;
        const minus = tidy(() => loss().item());
        v[i] = x0;
        const numeric = (plus - minus) / (2 * h);
        const err = Math.abs(numeric - g[i]) / Math.max(1, Math.abs(numeric), Math.abs(g[i]));
        expect(err, `param ${k} element ${i}: autodiff ${g[i]} vs numeric ${numeric}`).toBeLessThan(tol);
      }
    });
  });
}
