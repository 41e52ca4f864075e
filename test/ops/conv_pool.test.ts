import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, rand } from '../gradcheck';

const inp = (shape: number[], seed = 1) => ({ values: rand(shape, seed), shape });

/** Direct 7-loop convolution, the definition the im2col kernel must agree with. */
function naiveConv(x: Float32Array, xs: number[], w: Float32Array, ws: number[], s: number[], p: number[], d: number[]) {
  const [N, C, H, W] = xs;
  const [O, , KH, KW] = ws;
  const OH = Math.floor((H + 2 * p[0] - d[0] * (KH - 1) - 1) / s[0]) + 1;
  const OW = Math.floor((W + 2 * p[1] - d[1] * (KW - 1) - 1) / s[1]) + 1;
  const y = new Float32Array(N * O * OH * OW);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let acc = 0;
          for (let c = 0; c < C; c++)
            for (let i = 0; i < KH; i++)
              for (let j = 0; j < KW; j++) {
                const ih = oh * s[0] - p[0] + i * d[0];
                const iw = ow * s[1] - p[1] + j * d[1];
                if (ih >= 0 && ih < H && iw >= 0 && iw < W) acc += x[((n * C + c) * H + ih) * W + iw] * w[((o * C + c) * KH + i) * KW + j];
              }
          y[((n * O + o) * OH + oh) * OW + ow] = acc;
        }
  return { y, shape: [N, O, OH, OW] };
}

const cases: { xs: number[]; ws: number[]; s: [number, number]; p: [number, number]; d: [number, number] }[] = [
  { xs: [1, 1, 5, 5], ws: [1, 1, 3, 3], s: [1, 1], p: [0, 0], d: [1, 1] },
  { xs: [2, 3, 6, 5], ws: [4, 3, 3, 2], s: [2, 1], p: [1, 0], d: [1, 1] },
  { xs: [1, 2, 7, 7], ws: [2, 2, 3, 3], s: [1, 2], p: [2, 1], d: [2, 1] },
  { xs: [3, 1, 4, 6], ws: [2, 1, 1, 3], s: [1, 1], p: [0, 1], d: [1, 2] },
  // stride 1 with padding beyond the kernel's reach: the input gradient falls back to col2im
  { xs: [2, 2, 5, 5], ws: [3, 2, 3, 3], s: [1, 1], p: [3, 2], d: [1, 1] },
  // 1x1 kernel, 16 outputs per plane: the wide layout is the plain one (nothing to narrow)
  { xs: [2, 3, 4, 4], ws: [2, 3, 1, 1], s: [1, 1], p: [0, 0], d: [1, 1] },
  // the digits CNN's 5x5 "same" convolution, smaller
  { xs: [2, 3, 9, 9], ws: [5, 3, 5, 5], s: [1, 1], p: [2, 2], d: [1, 1] },
];

describe('conv2d', () => {
  it('matches the direct definition (stride, padding, dilation)', () => {
    for (const c of cases) {
      E.tidy(() => {
        const xv = rand(c.xs, 1);
        const wv = rand(c.ws, 2);
        const ref = naiveConv(xv, c.xs, wv, c.ws, c.s, c.p, c.d);
        const y = E.conv2d(E.tensor(xv, c.xs), E.tensor(wv, c.ws), { stride: c.s, pad: c.p, dilation: c.d });
        expect(y.shape).toEqual(ref.shape);
        y.values.forEach((v, i) => expect(v).toBeCloseTo(ref.y[i], 4));
      });
    }
  });
  it('gradients wrt input and filter', () => {
    for (const c of cases) {
      checkGrad((x, w) => E.conv2d(x, w, { stride: c.s, pad: c.p, dilation: c.d }), [inp(c.xs, 3), inp(c.ws, 4)]);
    }
  });
  it('output size formula', () => {
    expect(E.convOutSize(28, 5, 1, 2, 1)).toBe(28);
    expect(E.convOutSize(7, 3, 2, 0, 1)).toBe(3);
    expect(E.convOutSize(7, 3, 1, 0, 2)).toBe(3);
  });
});

describe('pooling', () => {
  it('max and average forward values', () => {
    E.tidy(() => {
      const x = E.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);
      expect(Array.from(E.maxPool2d(x, 2).values)).toEqual([6, 8, 14, 16]);
      expect(Array.from(E.avgPool2d(x, 2).values)).toEqual([3.5, 5.5, 11.5, 13.5]);
      expect(Array.from(E.maxPool2d(x, 3, 1).values)).toEqual([11, 12, 15, 16]);
    });
  });
  it('gradients: overlapping and odd windows, batch 1 and 2', () => {
    checkGrad((x) => E.maxPool2d(x, 2), [inp([2, 3, 4, 4], 5)]);
    checkGrad((x) => E.maxPool2d(x, 3, 2), [inp([1, 2, 7, 5], 6)]);
    checkGrad((x) => E.avgPool2d(x, 2), [inp([2, 2, 5, 4], 7)]);
    checkGrad((x) => E.avgPool2d(x, [3, 2], [1, 2]), [inp([1, 1, 5, 6], 8)]);
  });
});
