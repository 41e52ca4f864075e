/**
 * The convolution lesson's page arithmetic held to the engine: sums of
 * products against conv2d, the output-size formula against conv2d's shapes and
 * a count of window positions, the one-pixel-shift counts against the engine's
 * conv and pooling ops, and exact parameter counts.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { changed, correlate, geometry, maxStep, outSize, padFor, paramCounts, relativeChange, shift, shiftDemo, shiftMeasures, sumOfProducts, transpose, windowTerms, type Padding, type PoolKind } from '../../src/lessons/convolution/conv';
import { presetKernel, PRESETS } from '../../src/lessons/convolution/kernels';

const rand = (n: number, rng: E.Rng, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => rng.uniform(lo, hi));

/** The engine's conv2d of one n x n image with one k x k kernel. */
function engineConv(img: Float32Array, n: number, ker: Float32Array, k: number, s: number, p: number, d: number): { values: Float32Array; shape: number[] } {
  return E.tidy(() => {
    const y = E.conv2d(E.tensor(img, [1, 1, n, n]), E.tensor(ker, [1, 1, k, k]), { stride: s, pad: p, dilation: d });
    return { values: y.values.slice(), shape: [...y.shape] };
  });
}

describe('sum of products (Goodfellow eq. 9.6, as cross-correlation)', () => {
  const cases: [number, number, number, Padding, number][] = [
    [28, 3, 1, 'valid', 1],
    [28, 5, 2, 'same', 1],
    [28, 3, 3, 'full', 2],
    [13, 5, 1, 'same', 3],
    [10, 3, 2, 'valid', 2],
  ];
  it.each([1, 2, 3])('equals the engine conv2d at chosen output pixels (seed %i)', (seed) => {
    const rng = new E.Rng(seed);
    for (const [n, k, s, pad, d] of cases) {
      const img = rand(n * n, rng, 0, 1);
      const ker = rand(k * k, rng);
      const g = geometry(n, k, s, pad, d);
      const ref = engineConv(img, n, ker, k, s, g.pad, d);
      expect(ref.shape).toEqual([1, 1, g.out, g.out]);
      // corners, the centre and a random pixel
      const pix = [[0, 0], [g.out - 1, g.out - 1], [0, g.out - 1], [g.out >> 1, g.out >> 1], [rng.int(g.out), rng.int(g.out)]];
      for (const [i, j] of pix) {
        const terms = windowTerms(img, ker, g, i, j);
        expect(terms).toHaveLength(k * k);
        // each term's input really is I at (r, c), zero in the padding
        for (const t of terms) expect(t.x).toBe(t.r >= 0 && t.r < n && t.c >= 0 && t.c < n ? img[t.r * n + t.c] : 0);
        expect(sumOfProducts(img, ker, g, i, j)).toBeCloseTo(ref.values[i * g.out + j], 5);
      }
      // and the whole map the page draws
      const S = correlate(img, ker, g);
      S.forEach((v, i) => expect(v).toBeCloseTo(ref.values[i], 5));
    }
  });

  it('presets do what their names say on a vertical bar', () => {
    const n = 9;
    const bar = new Float32Array(n * n);
    for (let r = 0; r < n; r++) bar[r * n + 4] = 1;
    for (const k of [3, 5]) {
      const g = geometry(n, k, 1, 'same', 1);
      expect(Array.from(correlate(bar, presetKernel('identity', k), g))).toEqual(Array.from(bar));
      const box = presetKernel('box', k);
      expect(box.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(presetKernel('sharpen', k).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      // a vertical bar has no horizontal edges inside the image: rows away from the border give 0
      const h = correlate(bar, presetKernel('horizontal', k), g);
      expect(Math.abs(h[4 * n + 4])).toBeLessThan(1e-6);
      const v = correlate(bar, presetKernel('vertical', k), g);
      expect(Math.abs(v[4 * n + 3])).toBeGreaterThan(0.5);
      for (const p of PRESETS) expect(presetKernel(p, k)).toHaveLength(k * k);
    }
  });
});

describe('output-size formula', () => {
  it('matches the engine conv2d output shape and a count of window positions over a grid', () => {
    const rng = new E.Rng(4);
    let checked = 0;
    for (const n of [5, 8, 13, 28]) {
      for (const k of [1, 3, 5]) {
        for (const s of [1, 2, 3, 4]) {
          for (const d of [1, 2, 3]) {
            for (const mode of ['valid', 'same', 'full'] as Padding[]) {
              const p = padFor(mode, k, d);
              const o = outSize(n, k, s, p, d);
              // windows whose reach d(k-1) fits in the padded input, every s pixels
              let positions = 0;
              for (let start = 0; start + d * (k - 1) <= n + 2 * p - 1; start += s) positions++;
              expect(Math.max(0, o)).toBe(positions);
              if (o < 1) continue;
              const ref = engineConv(rand(n * n, rng), n, rand(k * k, rng), k, s, p, d);
              expect(ref.shape).toEqual([1, 1, o, o]);
              if (mode === 'same' && s === 1) expect(o).toBe(n);
              if (mode === 'full' && s === 1) expect(o).toBe(n + d * (k - 1));
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('one-pixel shift demo (Goodfellow Fig. 9.8)', () => {
  /** The same counts computed directly with the engine's ops. */
  function direct(img: Float32Array, n: number, ker: Float32Array, k: number, size: number, stride: number, kind: PoolKind) {
    const stage = (x: Float32Array) =>
      E.tidy(() => {
        const det = E.relu(E.conv2d(E.tensor(x, [1, 1, n, n]), E.tensor(ker, [1, 1, k, k]), { pad: (k - 1) / 2 }));
        const pooled = kind === 'max' ? E.maxPool2d(det, size, stride) : E.avgPool2d(det, size, stride);
        return { det: det.values.slice(), pooled: pooled.values.slice() };
      });
    const a = stage(img);
    const b = stage(shift(img, n, 1, 0));
    const count = (u: Float32Array, v: Float32Array) => {
      let ch = 0;
      let act = 0;
      for (let i = 0; i < u.length; i++) {
        if (Math.abs(u[i]) > 1e-5 || Math.abs(v[i]) > 1e-5) act++;
        if (Math.abs(u[i] - v[i]) > 1e-5) ch++;
      }
      return [ch, act];
    };
    return { det: count(a.det, b.det), pooled: count(a.pooled, b.pooled) };
  }

  it.each([1, 2, 3])('counts of changed detector and pooled values match a direct computation (seed %i)', async (seed) => {
    const d = await E.data.loadDigits();
    const rng = new E.Rng(seed);
    for (const [k, size, stride, kind] of [[3, 3, 1, 'max'], [3, 2, 2, 'max'], [5, 2, 2, 'avg'], [3, 4, 1, 'max']] as [number, number, number, PoolKind][]) {
      const img = E.data.digitPixels(d, [d.test.start + rng.int(d.test.count)]);
      const ker = presetKernel(PRESETS[rng.int(PRESETS.length)], k);
      const demo = shiftDemo(img, 28, ker, k, size, stride, kind, 1, 0);
      const ref = direct(img, 28, ker, k, size, stride, kind);
      expect([demo.detectorChange.changed, demo.detectorChange.active]).toEqual(ref.det);
      expect([demo.pooledChange.changed, demo.pooledChange.active]).toEqual(ref.pooled);
    }
  });

  it('changed() counts by hand', () => {
    const c = changed(Float32Array.from([0, 0, 1, 2, 3]), Float32Array.from([0, 1, 1, 0, 3.5]));
    expect([c.changed, c.active, Array.from(c.mask)]).toEqual([3, 4, [0, 1, 0, 1, 1]]);
  });
});

describe('the size of the change under the shift (what the pooling scene claims)', () => {
  it('relativeChange is ||b - a|| / ||a||, by hand', () => {
    expect(relativeChange([3, 4], [3, 4])).toBe(0);
    expect(relativeChange([3, 4], [0, 0])).toBe(1);
    expect(relativeChange([3, 4], [6, 8])).toBeCloseTo(1, 12);
    expect(relativeChange([0, 0], [1, 1])).toBe(0);
  });

  it('shiftMeasures agrees with shiftDemo for the chosen pooling, and pools the same detector map for the other', async () => {
    const d = await E.data.loadDigits();
    const img = E.data.digitPixels(d, [d.test.start + 4]);
    const ker = presetKernel('sobel', 3);
    for (const [size, stride] of [[3, 1], [2, 2]]) {
      const s = shiftMeasures(img, 28, ker, 3, size, stride);
      for (const kind of ['max', 'avg'] as PoolKind[]) {
        const demo = shiftDemo(img, 28, ker, 3, size, stride, kind, 1, 0);
        expect(s.detector.rel).toBeCloseTo(relativeChange(demo.detector, demo.detectorShifted), 12);
        expect(s[kind].rel).toBeCloseTo(relativeChange(demo.pooled, demo.pooledShifted), 12);
        expect(s[kind].moved).toBeCloseTo(demo.pooledChange.changed / demo.pooledChange.active, 12);
      }
    }
  });

  // the scene's claims are judged on the digit shown; their thresholds hold on every held-out digit, so a student's digit is unlikely to break them
  it('on every one of the 2,000 held-out digits (Sobel 3 x 3, pool 3 wide, stride 1): the thresholds of the pooling and kernel scenes hold', async () => {
    const d = await E.data.loadDigits();
    const sobel = presetKernel('sobel', 3);
    const box = presetKernel('box', 3);
    const valid = geometry(28, 3, 1, 'valid', 1);
    for (let i = 0; i < d.test.count; i++) {
      const img = E.data.digitPixels(d, [d.test.start + i]);
      const s = shiftMeasures(img, 28, sobel, 3, 3, 1);
      expect(s.detector.rel, `digit ${i}`).toBeGreaterThan(0.5);
      expect(s.max.rel, `digit ${i}`).toBeLessThan(0.75 * s.detector.rel);
      expect(s.avg.rel, `digit ${i}`).toBeLessThan(0.8 * s.detector.rel);
      expect(s.max.moved, `digit ${i}`).toBeLessThan(0.8);
      expect(s.avg.moved, `digit ${i}`).toBeGreaterThan(0.8);
      expect(maxStep(correlate(img, box, valid), valid.out) / maxStep(img, 28), `digit ${i}`).toBeLessThan(0.5);
    }
  });

  it('the edge kernels are one detector turned: H * I mirrored across the diagonal is V * (I mirrored), on random images', () => {
    const rng = new E.Rng(9);
    for (const k of [3, 5]) {
      const img = rand(28 * 28, rng, 0, 1);
      const g = geometry(28, k, 1, 'valid', 1);
      const h = transpose(correlate(img, presetKernel('horizontal', k), g), g.out);
      const v = correlate(transpose(img, 28), presetKernel('vertical', k), g);
      h.forEach((x, i) => expect(x).toBeCloseTo(v[i], 5));
    }
  });

  it('maxStep finds the sharpest neighbour difference', () => {
    expect(maxStep([0, 0, 0, 1], 2)).toBe(1);
    expect(maxStep([0, 0.5, 0.2, 0.1], 2)).toBeCloseTo(0.5, 12);
  });
});

describe('parameter counts', () => {
  it('are exact: eight 5x5 kernels (same padding) 208 against 4,923,520 for the dense layer', () => {
    const g = geometry(28, 5, 1, 'same', 1);
    expect(paramCounts(28, 1, 5, 8, g.out)).toEqual({ conv: 208, dense: 4_923_520, outputs: 6272 });
  });

  it("equal the sizes of the engine's own Conv2D and Dense layers", () => {
    const rng = new E.Rng(5);
    for (const [k, f, s, mode] of [[3, 4, 2, 'valid'], [5, 2, 3, 'full'], [3, 1, 4, 'same']] as [number, number, number, Padding][]) {
      const g = geometry(28, k, s, mode, 1);
      const counts = paramCounts(28, 1, k, f, g.out);
      const conv = new E.Conv2D(1, f, k, rng, { stride: s, pad: g.pad });
      const dense = new E.Dense(28 * 28, f * g.out * g.out, rng);
      const size = (ts: E.Tensor[]) => ts.reduce((a, t) => a + t.size, 0);
      expect(size(conv.params())).toBe(counts.conv);
      expect(size(dense.params())).toBe(counts.dense);
      const y = E.tidy(() => conv.forward(E.tensor(new Float32Array(784), [1, 1, 28, 28])).shape);
      expect(y[1] * y[2] * y[3]).toBe(counts.outputs);
      conv.dispose();
      dense.dispose();
    }
  });
});
