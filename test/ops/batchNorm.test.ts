import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

/** Batch norm in f64 straight from the definition, over the axes of an [outer, C, inner] view. */
function reference(x: Float32Array, outer: number, C: number, inner: number, gamma: number[], beta: number[], eps: number) {
  const m = outer * inner;
  const mean = new Array(C).fill(0);
  const variance = new Array(C).fill(0);
  const at = (o: number, c: number, i: number) => (o * C + c) * inner + i;
  for (let o = 0; o < outer; o++) for (let c = 0; c < C; c++) for (let i = 0; i < inner; i++) mean[c] += x[at(o, c, i)] / m;
  for (let o = 0; o < outer; o++) for (let c = 0; c < C; c++) for (let i = 0; i < inner; i++) variance[c] += (x[at(o, c, i)] - mean[c]) ** 2 / m;
  const y = new Float64Array(x.length);
  for (let o = 0; o < outer; o++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < inner; i++) y[at(o, c, i)] = (gamma[c] * (x[at(o, c, i)] - mean[c])) / Math.sqrt(variance[c] + eps) + beta[c];
  return { y, mean, variance };
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `element ${i}: ${got[i]} vs ${want[i]}`).toBeLessThan(tol * Math.max(1, Math.abs(want[i])));
};

describe('batchNorm', () => {
  it('dense [B, F], axes [0]: y, the batch mean and the biased variance match the definition', () => {
    E.tidy(() => {
      const xv = rand([7, 3], 1, -2, 3);
      const gamma = [0.5, 2, -1];
      const beta = [0.1, -0.3, 1];
      const { y, mean, variance } = E.batchNorm(E.tensor(xv, [7, 3]), E.tensor(gamma, [3]), E.tensor(beta, [3]), { axes: [0], eps: 1e-5 });
      const want = reference(xv, 7, 3, 1, gamma, beta, 1e-5);
      expect(mean.shape).toEqual([3]);
      expect(variance.shape).toEqual([3]);
      close(y.values, want.y);
      close(mean.values, want.mean);
      close(variance.values, want.variance);
    });
  });

  it('NCHW, axes [0, 2, 3]: per channel, gamma and beta of shape [C]', () => {
    E.tidy(() => {
      const xv = rand([3, 4, 2, 5], 2);
      const gamma = [1, 0.5, 2, -1];
      const beta = [0, 1, -1, 0.5];
      const { y, mean, variance } = E.batchNorm(E.tensor(xv, [3, 4, 2, 5]), E.tensor(gamma, [4]), E.tensor(beta, [4]), { axes: [0, 2, 3], eps: 1e-3 });
      const want = reference(xv, 3, 4, 10, gamma, beta, 1e-3);
      expect(y.shape).toEqual([3, 4, 2, 5]);
      close(y.values, want.y);
      close(mean.values, want.mean);
      close(variance.values, want.variance);
    });
  });

  it('normalizes: with gamma 1 and beta 0 each feature has mean 0 and variance var / (var + eps)', () => {
    E.tidy(() => {
      const { y, variance } = E.batchNorm(E.tensor(rand([64, 2], 3, 0, 10), [64, 2]), E.tensor([1, 1], [2]), E.tensor([0, 0], [2]));
      const m = E.mean(y, [0]).values;
      const v = E.mean(E.square(y), [0]).values;
      const s = variance.values;
      for (let f = 0; f < 2; f++) {
        expect(Math.abs(m[f])).toBeLessThan(1e-5);
        expect(v[f]).toBeCloseTo(s[f] / (s[f] + 1e-5), 5);
      }
    });
  });

  it('the gradient goes through the batch statistics: every element of x, gamma and beta against central differences', () => {
    const f = (x: E.Tensor, g: E.Tensor, b: E.Tensor) => E.batchNorm(x, g, b, { axes: [0] }).y;
    checkGrad(f, [
      { values: rand([5, 3], 4), shape: [5, 3] },
      { values: rand([3], 5, 0.5, 2), shape: [3] },
      { values: rand([3], 6), shape: [3] },
    ]);
    // through x̂ alone (the statistics held constant) the x gradient would be gamma r g; the full one sums to zero per feature
    E.tidy(() => {
      const x = E.tensor(rand([6, 2], 7), [6, 2]);
      x.requiresGrad = true;
      const R = E.tensor(rand([6, 2], 8), [6, 2]);
      const { result, tape } = E.record(() => E.sum(E.mul(f(x, E.tensor([1.5, 0.7], [2]), E.tensor([0, 0], [2])), R)));
      const [dx] = E.gradients(tape, result, [x]);
      const colSum = E.sum(dx!, [0]).values;
      for (const s of colSum) expect(Math.abs(s)).toBeLessThan(1e-5);
    });
  });

  it('rejects statistics of the wrong shape and axes that leave a gap', () => {
    E.tidy(() => {
      const x = E.zeros([4, 3]);
      expect(() => E.batchNorm(x, E.zeros([4]), E.zeros([4]))).toThrow(/gamma has shape \[4\], not \[3\]/);
      expect(() => E.batchNorm(E.zeros([2, 3, 4]), E.zeros([2, 4]), E.zeros([2, 4]), { axes: [1] })).toThrow(/must be contiguous/);
    });
  });
});
