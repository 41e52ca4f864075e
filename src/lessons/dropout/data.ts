/**
 * The lesson's data: a small noisy 2-D training set and a larger validation
 * set drawn from the same distribution (both from one seed), or a few hundred
 * real digits from the engine's MNIST subset and as many held-out ones.
 */
import { Rng, data, keep, oneHot, tensor, type Dataset2D, type Tensor } from '../../engine';
import { GRID, EXTENT, VAL_DIGITS, VAL_POINTS, type DatasetName } from './types';

/** Labelled examples on the host: x [n, dim] row-major, integer labels y. */
export interface Labeled {
  x: Float32Array;
  y: Int32Array;
  n: number;
  dim: number;
}

/** A split on the host (for frames and batches) and as kept tensors (for evaluation); y as [n, 1] for two classes, one-hot [n, C] otherwise. */
export interface Split {
  classes: number;
  train: Labeled;
  val: Labeled;
  trainX: Tensor;
  trainY: Tensor;
  valX: Tensor;
  valY: Tensor;
}

type PlaneSet = Exclude<DatasetName, 'digits'>;

/** n points of the named 2-D set with Gaussian noise of std `noise`. */
function generate(name: PlaneSet, n: number, noise: number, rng: Rng): Dataset2D {
  switch (name) {
    case 'moons':
      return data.moons(n, noise, rng);
    case 'circles':
      return data.circles(n, noise, rng, 0.5);
    case 'spirals':
      return data.spirals(n, noise, rng, 2);
    case 'xor':
      return data.xorCloud(n, noise, rng);
  }
}

const labeled2d = (d: Dataset2D): Labeled => ({ x: d.x, y: Int32Array.from(d.y), n: d.n, dim: 2 });

/** The targets of labels y as a tensor: [n, 1] of 0/1 for two classes (one logit), one-hot [n, C] otherwise. */
export function targets(y: ArrayLike<number>, classes: number): Tensor {
  return classes === 2 ? tensor(Float32Array.from(y), [y.length, 1]) : oneHot(y, classes);
}

function withTensors(classes: number, train: Labeled, val: Labeled): Split {
  return {
    classes,
    train,
    val,
    trainX: keep(tensor(train.x, [train.n, train.dim])),
    trainY: keep(targets(train.y, classes)),
    valX: keep(tensor(val.x, [val.n, val.dim])),
    valY: keep(targets(val.y, classes)),
  };
}

/**
 * `points` training points and VAL_POINTS validation points of a 2-D set, shuffled apart by one seeded split.
 * A student's own training set (`own`) replaces the drawn training points; the validation points stay
 * exactly the lesson's, so the validation loss still measures how well the networks fit the chosen distribution.
 */
export function makePlaneSplit(name: PlaneSet, points: number, noise: number, seed: number, own: Labeled | null = null): Split {
  const rng = new Rng(seed);
  const all = generate(name, points + VAL_POINTS, noise, rng);
  const { train, val } = data.trainValSplit(all, VAL_POINTS / (points + VAL_POINTS), rng);
  return withTensors(2, own ?? labeled2d(train), labeled2d(val));
}

/** `points` digits drawn (seeded) from the engine's training split and VAL_DIGITS drawn from its test split; pixels in [0, 1]. */
export async function makeDigitsSplit(points: number, seed: number): Promise<Split> {
  const d = await data.loadDigits();
  const rng = new Rng(seed);
  const pick = (start: number, count: number, k: number) => Int32Array.from((rng.shuffle(Array.from({ length: count }, (_, i) => start + i)) as number[]).slice(0, k));
  const set = (idx: Int32Array): Labeled => ({ x: data.digitPixels(d, idx), y: data.digitLabels(d, idx), n: idx.length, dim: d.rows * d.cols });
  return withTensors(10, set(pick(d.train.start, d.train.count, points)), set(pick(d.test.start, d.test.count, VAL_DIGITS)));
}

/** The split the params describe; `own` (a 2-D training set) applies to the 2-D sets only. */
export async function makeSplit(name: DatasetName, points: number, noise: number, seed: number, own: Labeled | null = null): Promise<Split> {
  return name === 'digits' ? makeDigitsSplit(points, seed) : makePlaneSplit(name, points, noise, seed, own);
}

/** Frees the split's tensors. */
export function disposeSplit(s: Split): void {
  for (const t of [s.trainX, s.trainY, s.valX, s.valY]) t.dispose();
}

/** Rows `idx` of a set as tensors x [b, dim] and its targets (a mini-batch; not kept). */
export function batchOf(d: Labeled, idx: ArrayLike<number>, classes: number): { x: Tensor; y: Tensor } {
  const x = new Float32Array(idx.length * d.dim);
  const y = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    x.set(d.x.subarray(idx[i] * d.dim, (idx[i] + 1) * d.dim), i * d.dim);
    y[i] = d.y[idx[i]];
  }
  return { x: tensor(x, [idx.length, d.dim]), y: targets(y, classes) };
}

/** Draws mini-batches without replacement: a fresh seeded shuffle of the training set each epoch. */
export class Batcher {
  private order: number[] = [];
  private pos = 0;
  constructor(
    private readonly n: number,
    readonly size: number,
    private readonly rng: Rng,
  ) {}
  next(): number[] {
    const out: number[] = [];
    while (out.length < Math.min(this.size, this.n)) {
      if (this.pos >= this.order.length) {
        this.order = this.rng.shuffle(Array.from({ length: this.n }, (_, i) => i)) as number[];
        this.pos = 0;
      }
      out.push(this.order[this.pos++]);
    }
    return out;
  }
}

/** The decision-boundary grid as a kept tensor [GRID*GRID, 2]. */
export function gridTensor(): Tensor {
  return keep(tensor(data.grid(GRID, -EXTENT, EXTENT), [GRID * GRID, 2]));
}
