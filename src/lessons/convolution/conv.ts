/**
 * The page's own convolution arithmetic, in plain TS on one square image
 * (n x n) and one square kernel (k x k): the cross-correlation the engine
 * runs (Goodfellow eq. 9.6), S(i, j) = sum_m sum_n I(i s - p + m d, j s - p + n d) K(m, n),
 * with stride s, zero padding p and dilation d. Small enough for the main thread.
 */

export type Padding = 'valid' | 'same' | 'full';

/** Zero padding for a mode: valid none, same keeps n at stride 1 (odd k), full lets every pixel meet every kernel entry. */
export function padFor(mode: Padding, k: number, d: number): number {
  const reach = d * (k - 1);
  return mode === 'valid' ? 0 : mode === 'same' ? Math.floor(reach / 2) : reach;
}

/** The output-size formula: floor((n + 2p - d(k - 1) - 1) / s) + 1. */
export function outSize(n: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

export interface Geometry {
  n: number;
  k: number;
  stride: number;
  pad: number;
  dilation: number;
  /** Output side (may be < 1 when the kernel does not fit). */
  out: number;
}

export function geometry(n: number, k: number, stride: number, padding: Padding, dilation: number): Geometry {
  const pad = padFor(padding, k, dilation);
  return { n, k, stride, pad, dilation, out: outSize(n, k, stride, pad, dilation) };
}

/** One term of a sum of products: input pixel (r, c) (maybe in the padding) times K(m, n). */
export interface Term {
  m: number;
  n: number;
  r: number;
  c: number;
  x: number;
  w: number;
}

/** The k*k terms of output pixel (i, j): input row i s - p + m d, column j s - p + n d; zero outside the image. */
export function windowTerms(img: ArrayLike<number>, kernel: ArrayLike<number>, g: Geometry, i: number, j: number): Term[] {
  const terms: Term[] = [];
  for (let m = 0; m < g.k; m++) {
    for (let n = 0; n < g.k; n++) {
      const r = i * g.stride - g.pad + m * g.dilation;
      const c = j * g.stride - g.pad + n * g.dilation;
      const inside = r >= 0 && r < g.n && c >= 0 && c < g.n;
      terms.push({ m, n, r, c, x: inside ? img[r * g.n + c] : 0, w: kernel[m * g.k + n] });
    }
  }
  return terms;
}

/** S(i, j): the sum of the window's products. */
export function sumOfProducts(img: ArrayLike<number>, kernel: ArrayLike<number>, g: Geometry, i: number, j: number): number {
  let s = 0;
  for (const t of windowTerms(img, kernel, g, i, j)) s += t.x * t.w;
  return s;
}

/** The whole feature map S, out x out row-major (empty when the kernel does not fit). */
export function correlate(img: ArrayLike<number>, kernel: ArrayLike<number>, g: Geometry): Float32Array {
  const o = Math.max(0, g.out);
  const S = new Float32Array(o * o);
  for (let i = 0; i < o; i++) {
    for (let j = 0; j < o; j++) {
      let s = 0;
      for (let m = 0; m < g.k; m++) {
        const r = i * g.stride - g.pad + m * g.dilation;
        if (r < 0 || r >= g.n) continue;
        for (let n = 0; n < g.k; n++) {
          const c = j * g.stride - g.pad + n * g.dilation;
          if (c >= 0 && c < g.n) s += img[r * g.n + c] * kernel[m * g.k + n];
        }
      }
      S[i * o + j] = s;
    }
  }
  return S;
}

export const relu = (a: Float32Array): Float32Array => a.map((v) => (v > 0 ? v : 0));

export type PoolKind = 'max' | 'avg';

/** Max or average over size x size windows moved by stride (no padding), as the engine's pooling ops. */
export function pool(map: Float32Array, side: number, size: number, stride: number, kind: PoolKind): { values: Float32Array; side: number } {
  const o = Math.max(0, Math.floor((side - size) / stride) + 1);
  const values = new Float32Array(o * o);
  for (let i = 0; i < o; i++) {
    for (let j = 0; j < o; j++) {
      let acc = kind === 'max' ? -Infinity : 0;
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) {
          const v = map[(i * stride + a) * side + j * stride + b];
          acc = kind === 'max' ? Math.max(acc, v) : acc + v;
        }
      }
      values[i * o + j] = kind === 'max' ? acc : acc / (size * size);
    }
  }
  return { values, side: o };
}

/** The image moved dx pixels right and dy down; what enters is blank. */
export function shift(img: ArrayLike<number>, n: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const sr = r - dy;
      const sc = c - dx;
      if (sr >= 0 && sr < n && sc >= 0 && sc < n) out[r * n + c] = img[sr * n + sc];
    }
  }
  return out;
}

/**
 * Values that differ at the same position, out of the positions where either
 * is non-zero ("non-zero" and "differ" up to tol: sums that are zero in exact
 * arithmetic can come out as rounding dust).
 */
export function changed(a: Float32Array, b: Float32Array, tol = 1e-5): { changed: number; active: number; mask: Float32Array } {
  const mask = new Float32Array(a.length);
  let ch = 0;
  let active = 0;
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]) <= tol && Math.abs(b[i]) <= tol) continue;
    active++;
    if (Math.abs(a[i] - b[i]) > tol) {
      ch++;
      mask[i] = 1;
    }
  }
  return { changed: ch, active, mask };
}

export interface ShiftDemo {
  side: number;
  detector: Float32Array;
  detectorShifted: Float32Array;
  pooledSide: number;
  pooled: Float32Array;
  pooledShifted: Float32Array;
  detectorChange: ReturnType<typeof changed>;
  pooledChange: ReturnType<typeof changed>;
}

/**
 * Goodfellow Fig. 9.8 on a 2-D image: detector stage ReLU(I (*) K) (stride 1,
 * same padding), then pooling; the same for the image shifted one pixel. Counts
 * the values that change at each stage (see shiftMeasures for the size of the change).
 */
export function shiftDemo(img: ArrayLike<number>, n: number, kernel: ArrayLike<number>, k: number, size: number, stride: number, kind: PoolKind, dx: number, dy: number): ShiftDemo {
  const g = geometry(n, k, 1, 'same', 1);
  const detector = relu(correlate(img, kernel, g));
  const detectorShifted = relu(correlate(shift(img, n, dx, dy), kernel, g));
  const p = pool(detector, g.out, size, stride, kind);
  const ps = pool(detectorShifted, g.out, size, stride, kind);
  return {
    side: g.out,
    detector,
    detectorShifted,
    pooledSide: p.side,
    pooled: p.values,
    pooledShifted: ps.values,
    detectorChange: changed(detector, detectorShifted),
    pooledChange: changed(p.values, ps.values),
  };
}

/** The size of a change relative to the original: ||b - a|| / ||a|| (0 when a is all zeros). */
export function relativeChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (b[i] - a[i]) ** 2;
    norm += a[i] ** 2;
  }
  return norm > 0 ? Math.sqrt(diff / norm) : 0;
}

/** How much one stage changes under the shift: the relative size of the change and the fraction of its non-zero values that change at all. */
export interface StageChange {
  /** ||shifted - original|| / ||original||. */
  rel: number;
  /** Changed values / non-zero values (0 when none is non-zero). */
  moved: number;
}

const stageChange = (a: Float32Array, b: Float32Array): StageChange => {
  const c = changed(a, b);
  return { rel: relativeChange(a, b), moved: c.active ? c.changed / c.active : 0 };
};

/**
 * The one-pixel shift (right) measured at the detector stage and after both
 * poolings of one width and stride: how large the change is relative to the
 * map (the measure of approximate invariance), and how many values change.
 */
export function shiftMeasures(img: ArrayLike<number>, n: number, kernel: ArrayLike<number>, k: number, size: number, stride: number): { detector: StageChange; max: StageChange; avg: StageChange } {
  const mx = shiftDemo(img, n, kernel, k, size, stride, 'max', 1, 0);
  const av = pool(mx.detector, mx.side, size, stride, 'avg').values;
  const avShifted = pool(mx.detectorShifted, mx.side, size, stride, 'avg').values;
  return { detector: stageChange(mx.detector, mx.detectorShifted), max: stageChange(mx.pooled, mx.pooledShifted), avg: stageChange(av, avShifted) };
}

/** The image mirrored across its main diagonal (rows become columns). */
export function transpose(img: ArrayLike<number>, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[c * n + r] = img[r * n + c];
  return out;
}

/** The sharpest step in a map: the largest |difference| between two horizontally or vertically adjacent pixels. */
export function maxStep(map: ArrayLike<number>, n: number): number {
  let m = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (c + 1 < n) m = Math.max(m, Math.abs(map[r * n + c + 1] - map[r * n + c]));
      if (r + 1 < n) m = Math.max(m, Math.abs(map[(r + 1) * n + c] - map[r * n + c]));
    }
  }
  return m;
}

/**
 * Parameters of a conv layer of `filters` k x k kernels on a c-channel n x n
 * input, against a dense layer from the same input to the same number of
 * outputs (filters x out x out), each with one bias per output unit or kernel.
 */
export function paramCounts(n: number, c: number, k: number, filters: number, out: number): { conv: number; dense: number; outputs: number } {
  const outputs = filters * out * out;
  return { conv: filters * (k * k * c + 1), dense: n * n * c * outputs + outputs, outputs };
}
