/**
 * The digits as this lesson uses them: the packed MNIST file's fixed
 * 8,000/2,000 split, with the last VALID_DIGITS of the 8,000 held out as a
 * validation set (as Bengio et al. 2006 report training, validation and test
 * error), as [0, 1] pixels on the host; minibatches gathered from them, and
 * the masking noise of a denoising auto-encoder.
 */
import { data, type Digits, type Rng } from '../../engine';

export const PIXELS = 784;
export const SIDE = 28;
/** Training digits held out as the validation set: never trained on, labelled or not. */
export const VALID_DIGITS = 1000;

export interface DigitSets {
  /** Training pixels [nTrain, 784] and labels: pretraining may use all of them unlabelled. */
  train: Float32Array;
  trainY: Int32Array;
  nTrain: number;
  /** Validation pixels [nValid, 784] and labels: held out from every stage of training, measured after fine-tuning. */
  valid: Float32Array;
  validY: Int32Array;
  nValid: number;
  /** Test pixels [nTest, 784]: never trained on; the table's error and the held-out reconstructions. */
  test: Float32Array;
  testY: Int32Array;
  nTest: number;
}

export function digitSets(d: Digits): DigitSets {
  const nValid = Math.min(VALID_DIGITS, Math.floor(d.train.count / 2));
  const tr = data.range(d.train.start, d.train.count - nValid);
  const va = data.range(d.train.start + d.train.count - nValid, nValid);
  const te = data.range(d.test.start, d.test.count);
  return {
    train: data.digitPixels(d, tr),
    trainY: data.digitLabels(d, tr),
    nTrain: tr.length,
    valid: data.digitPixels(d, va),
    validY: data.digitLabels(d, va),
    nValid: va.length,
    test: data.digitPixels(d, te),
    testY: data.digitLabels(d, te),
    nTest: te.length,
  };
}

let cached: Promise<DigitSets> | null = null;
/** Loads (once per worker) and unpacks the digits. */
export function loadDigitSets(): Promise<DigitSets> {
  cached ??= data.loadDigits().then(digitSets);
  cached.catch(() => (cached = null));
  return cached;
}



/**
 * Masking noise q(x~ | x) of a denoising auto-encoder: a 0/1 mask in which each
 * entry is 0 with probability `level`; x~ = mask * x.
 */
export function maskingNoise(size: number, level: number, rng: Rng): Float32Array {
  const m = new Float32Array(size);
  for (let i = 0; i < size; i++) m[i] = rng.next() < level ? 0 : 1;
  return m;
}
