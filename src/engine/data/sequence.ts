/**
 * Toy sequence tasks with a long-term dependency (Goodfellow 10.7; Bengio et al.
 * 1994's latching problem): the answer depends only on the first input, and
 * `length - 1` distractors of the same distribution follow it.
 */
import type { Rng } from '../rng';

export interface SequenceBatch {
  /** Inputs, [n, length, features] row-major. */
  x: Float32Array;
  /** Target class of each sequence. */
  y: Int32Array;
  n: number;
  length: number;
  features: number;
}

/**
 * "Remember the first bit": each step carries one random value in {-1, +1};
 * the label is 1 when the first value was +1. Chance accuracy is 50%.
 */
export function firstBitTask(n: number, length: number, rng: Rng): SequenceBatch {
  const x = new Float32Array(n * length);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < length; t++) x[i * length + t] = rng.next() < 0.5 ? -1 : 1;
    y[i] = x[i * length] > 0 ? 1 : 0;
  }
  return { x, y, n, length, features: 1 };
}

/** The inputs of step t as a [n, features] block (to build one tensor per step). */
export function stepSlice(b: SequenceBatch, t: number): Float32Array {
  const out = new Float32Array(b.n * b.features);
  for (let i = 0; i < b.n; i++) {
    for (let f = 0; f < b.features; f++) out[i * b.features + f] = b.x[(i * b.length + t) * b.features + f];
  }
  return out;
}

/**
 * "Remember the first symbol": each step is a one-hot symbol out of `symbols`
 * drawn uniformly; the label is the first step's symbol. Chance is 1/symbols.
 */
export function firstSymbolTask(n: number, length: number, symbols: number, rng: Rng): SequenceBatch {
  const x = new Float32Array(n * length * symbols);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < length; t++) {
      const s = rng.int(symbols);
      x[(i * length + t) * symbols + s] = 1;
      if (t === 0) y[i] = s;
    }
  }
  return { x, y, n, length, features: symbols };
}
