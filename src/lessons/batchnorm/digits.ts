/**
 * The digits as this lesson uses them: the packed MNIST file's 8,000 training
 * digits (mini-batches from a seeded shuffle), TEST_DIGITS of the 2,000 held-out
 * ones (the test accuracy) and PROBE_DIGITS fixed training digits (the histograms).
 */
import { data, type Digits } from '../../engine';
import { PROBE_DIGITS, TEST_DIGITS } from './types';

export const PIXELS = 784;
export const CLASSES = 10;

export interface DigitSets {
  train: Float32Array;
  trainY: Int32Array;
  nTrain: number;
  test: Float32Array;
  testY: Int32Array;
  nTest: number;
  /** The first PROBE_DIGITS training digits. */
  probe: Float32Array;
}

function unpack(d: Digits): DigitSets {
  const tr = data.range(d.train.start, d.train.count);
  const te = data.range(d.test.start, Math.min(TEST_DIGITS, d.test.count));
  const train = data.digitPixels(d, tr);
  return {
    train,
    trainY: data.digitLabels(d, tr),
    nTrain: tr.length,
    test: data.digitPixels(d, te),
    testY: data.digitLabels(d, te),
    nTest: te.length,
    probe: train.slice(0, PROBE_DIGITS * PIXELS),
  };
}

let cached: Promise<DigitSets> | null = null;
/** Loads (once per worker; a rebuild reuses them) and unpacks the digits. */
export function loadDigitSets(): Promise<DigitSets> {
  cached ??= data.loadDigits().then(unpack);
  cached.catch(() => (cached = null));
  return cached;
}



/** Index of the largest of v[o .. o+n-1]. */
export function argmax(v: ArrayLike<number>, o: number, n: number): number {
  let b = 0;
  for (let c = 1; c < n; c++) if (v[o + c] > v[o + b]) b = c;
  return b;
}

/** Fraction of rows of logits [n, CLASSES] whose largest entry is the label. */
export function accuracyOf(logits: Float32Array, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (argmax(logits, i * CLASSES, CLASSES) === labels[i]) right++;
  return right / labels.length;
}
