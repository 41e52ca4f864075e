/**
 * Seeded 2-D classification sets for the XOR, dropout and optimizer lessons:
 * points x [n, 2] (row-major) with integer labels y [n].
 */
import type { Rng } from '../rng';

export interface Dataset2D {
  /** Points, row-major [n, 2]. */
  x: Float32Array;
  /** Class of each point, 0 .. classes - 1. */
  y: Int32Array;
  n: number;
  classes: number;
}

function make(pts: [number, number, number][], classes: number): Dataset2D {
  const x = new Float32Array(pts.length * 2);
  const y = new Int32Array(pts.length);
  pts.forEach(([a, b, c], i) => {
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = c;
  });
  return { x, y, n: pts.length, classes };
}

/** The four XOR points (0,0)->0, (0,1)->1, (1,0)->1, (1,1)->0 (Goodfellow 6.1). */
export function xor(): Dataset2D {
  return make([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]], 2);
}

/** n points uniform in [-1, 1]^2 (plus noise) labelled 1 when sign(x) != sign(y), classes alternating. */
export function xorCloud(n: number, noise: number, rng: Rng): Dataset2D {
  const pts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const a = rng.uniform(-1, 1);
    // the second coordinate's sign makes the label alternate, so classes stay balanced
    const b = Math.abs(rng.uniform(-1, 1)) * (c === 1 ? -Math.sign(a) || 1 : Math.sign(a) || 1);
    pts.push([a + noise * rng.normal(), b + noise * rng.normal(), c]);
  }
  return make(pts, 2);
}

/** Two concentric circles (radius 1 and `factor`), Gaussian noise of std `noise`. */
export function circles(n: number, noise: number, rng: Rng, factor = 0.5): Dataset2D {
  const pts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const r = c === 0 ? 1 : factor;
    const t = rng.uniform(0, 2 * Math.PI);
    pts.push([r * Math.cos(t) + noise * rng.normal(), r * Math.sin(t) + noise * rng.normal(), c]);
  }
  return make(pts, 2);
}

/**
 * Interleaved spirals, one arm per class (tensorflow/playground's spiral for 2 classes):
 * r = i / m, angle 1.75 * 2 pi r + 2 pi c / classes, radius in [0, 1], Gaussian noise.
 */
export function spirals(n: number, noise: number, rng: Rng, classes = 2): Dataset2D {
  const pts: [number, number, number][] = [];
  const m = Math.ceil(n / classes);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const k = Math.floor(i / classes);
    const r = k / m;
    const t = 1.75 * 2 * Math.PI * r + (2 * Math.PI * c) / classes;
    pts.push([r * Math.sin(t) + noise * rng.normal(), r * Math.cos(t) + noise * rng.normal(), c]);
  }
  return make(pts, classes);
}

/** Gaussian blobs of std `std` around `centers` (default: 3 points on a circle of radius 0.6). */
export function blobs(n: number, std: number, rng: Rng, centers: [number, number][] = [[0.6, 0], [-0.3, 0.52], [-0.3, -0.52]]): Dataset2D {
  const pts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    pts.push([centers[c][0] + std * rng.normal(), centers[c][1] + std * rng.normal(), c]);
  }
  return make(pts, centers.length);
}

/** Two interleaving half circles (sklearn's make_moons), centred near 0 and scaled to about [-1, 1]. */
export function moons(n: number, noise: number, rng: Rng): Dataset2D {
  const pts: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = rng.uniform(0, Math.PI);
    const [a, b] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    pts.push([(a - 0.5) / 1.5 + noise * rng.normal(), (b - 0.25) / 1.5 + noise * rng.normal(), c]);
  }
  return make(pts, 2);
}

/** Picks rows of a dataset by index. */
export function subset(d: Dataset2D, idx: ArrayLike<number>): Dataset2D {
  const x = new Float32Array(idx.length * 2);
  const y = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    x[2 * i] = d.x[2 * idx[i]];
    x[2 * i + 1] = d.x[2 * idx[i] + 1];
    y[i] = d.y[idx[i]];
  }
  return { x, y, n: idx.length, classes: d.classes };
}

/** A seeded shuffle into train and validation parts (valFraction of the points go to val). */
export function trainValSplit(d: Dataset2D, valFraction: number, rng: Rng): { train: Dataset2D; val: Dataset2D } {
  const idx = rng.shuffle(Array.from({ length: d.n }, (_, i) => i)) as number[];
  const nVal = Math.round(d.n * valFraction);
  return { val: subset(d, idx.slice(0, nVal)), train: subset(d, idx.slice(nVal)) };
}

/** Flips each label to another class with probability p (label noise for the overfitting lesson). */
export function flipLabels(d: Dataset2D, p: number, rng: Rng): Dataset2D {
  const y = d.y.slice();
  for (let i = 0; i < y.length; i++) if (rng.next() < p) y[i] = (y[i] + 1 + rng.int(d.classes - 1)) % d.classes;
  return { ...d, y };
}

/** A regular grid of points over [lo, hi]^2, row-major [res*res, 2], for decision-boundary images. */
export function grid(res: number, lo = -1.2, hi = 1.2): Float32Array {
  const g = new Float32Array(res * res * 2);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      const k = (i * res + j) * 2;
      g[k] = lo + ((hi - lo) * (j + 0.5)) / res;
      g[k + 1] = hi - ((hi - lo) * (i + 0.5)) / res;
    }
  }
  return g;
}
