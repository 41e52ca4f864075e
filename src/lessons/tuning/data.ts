/**
 * The lesson's digits: seeded draws of real MNIST digits from the engine's
 * packed subset, training examples from its training split and validation
 * examples from its test split (so the two never share a digit).
 */
import { Rng, data, keep, oneHot, tensor, type Digits, type Tensor } from '../../engine';

let loading: Promise<Digits> | null = null;
/** The digits file, loaded once per worker (every run of the lesson reads the same arrays). */
export function digits(): Promise<Digits> {
  loading ??= data.loadDigits().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** A labelled set on the host: pixels in [0, 1] [n, 784] and labels. */
export interface DigitSet {
  x: Float32Array;
  labels: Int32Array;
  n: number;
  dim: number;
}

/** `train` digits of the training split and `val` of the test split, drawn with `seed`. */
export async function digitSplit(train: number, val: number, seed: number): Promise<{ train: DigitSet; val: DigitSet }> {
  const d = await digits();
  const rng = new Rng(seed * 7 + 3);
  const pick = (start: number, count: number, n: number) => Int32Array.from((rng.shuffle(Array.from({ length: count }, (_, i) => start + i)) as number[]).slice(0, n));
  const set = (idx: Int32Array): DigitSet => ({ x: data.digitPixels(d, idx), labels: data.digitLabels(d, idx), n: idx.length, dim: d.rows * d.cols });
  return { train: set(pick(d.train.start, d.train.count, train)), val: set(pick(d.test.start, d.test.count, val)) };
}

/** The set as kept tensors: x [n, dim] (times `scale`) and one-hot targets [n, 10]. Dispose them yourself. */
export function toTensors(s: DigitSet, scale = 1): { x: Tensor; y: Tensor } {
  const x = scale === 1 ? s.x : s.x.map((v) => v * scale);
  return { x: keep(tensor(x, [s.n, s.dim])), y: keep(oneHot(s.labels, 10)) };
}

/** Rows `idx` of a set as kept tensors. */
export function rows(s: DigitSet, idx: ArrayLike<number>, scale = 1): { x: Tensor; y: Tensor } {
  const x = new Float32Array(idx.length * s.dim);
  const labels = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i];
    for (let p = 0; p < s.dim; p++) x[i * s.dim + p] = s.x[k * s.dim + p] * scale;
    labels[i] = s.labels[k];
  }
  return toTensors({ x, labels, n: idx.length, dim: s.dim });
}
