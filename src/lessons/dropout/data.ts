/**
 * The lesson's data, split three ways from one seed: a small noisy 2-D training
 * set, a validation set from the same distribution (it picks the best step of
 * early stopping) and a test set apart from both (it scores the weights of that
 * step); or a few hundred real digits from the engine's MNIST subset and two
 * disjoint sets of held-out ones.
 */
import { Rng, data, keep, oneHot, tensor, type Dataset2D, type Tensor } from '../../engine';
import { GRID, EXTENT, TEST_DIGITS, TEST_POINTS, VAL_DIGITS, VAL_POINTS, type DatasetName } from './types';

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
  /** Picks the best step (early stopping, the best validation loss of each run). */
  val: Labeled;
  /** Never used to choose anything: scores each run at its best validation step. */
  test: Labeled;
  trainX: Tensor;
  trainY: Tensor;
  valX: Tensor;
  valY: Tensor;
  testX: Tensor;
  testY: Tensor;
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

function withTensors(classes: number, train: Labeled, val: Labeled, test: Labeled): Split {
  return {
    classes,
    train,
    val,
    test,
    trainX: keep(tensor(train.x, [train.n, train.dim])),
    trainY: keep(targets(train.y, classes)),
    valX: keep(tensor(val.x, [val.n, val.dim])),
    valY: keep(targets(val.y, classes)),
    testX: keep(tensor(test.x, [test.n, test.dim])),
    testY: keep(targets(test.y, classes)),
  };
}

/**
 * `points` training points, VAL_POINTS validation and TEST_POINTS test points of a 2-D set, shuffled apart by
 * one seeded split. A student's own training set (`own`) replaces the drawn training points; the validation and
 * test points stay exactly the lesson's, so both still measure how well the networks fit the chosen distribution.
 */
export function makePlaneSplit(name: PlaneSet, points: number, noise: number, seed: number, own: Labeled | null = null): Split {
  const rng = new Rng(seed);
  const heldOut = VAL_POINTS + TEST_POINTS;
  const all = generate(name, points + heldOut, noise, rng);
  const { train, val: held } = data.trainValSplit(all, heldOut / (points + heldOut), rng);
  // the held-out points in two: TEST_POINTS for the test set, the rest validate
  const { train: val, val: test } = data.trainValSplit(held, TEST_POINTS / heldOut, rng);
  return withTensors(2, own ?? labeled2d(train), labeled2d(val), labeled2d(test));
}

/**
 * `points` digits drawn (seeded) from the engine's training split, and VAL_DIGITS validation and TEST_DIGITS
 * test digits drawn from its test split, the two disjoint; pixels in [0, 1].
 */
export async function makeDigitsSplit(points: number, seed: number): Promise<Split> {
  const d = await data.loadDigits();
  const rng = new Rng(seed);
  const shuffled = (start: number, count: number) => rng.shuffle(Array.from({ length: count }, (_, i) => start + i)) as number[];
  const set = (idx: number[]): Labeled => {
    const i32 = Int32Array.from(idx);
    return { x: data.digitPixels(d, i32), y: data.digitLabels(d, i32), n: idx.length, dim: d.rows * d.cols };
  };
  const held = shuffled(d.test.start, d.test.count);
  return withTensors(10, set(shuffled(d.train.start, d.train.count).slice(0, points)), set(held.slice(0, VAL_DIGITS)), set(held.slice(VAL_DIGITS, VAL_DIGITS + TEST_DIGITS)));
}

/** The split the params describe; `own` (a 2-D training set) applies to the 2-D sets only. */
export async function makeSplit(name: DatasetName, points: number, noise: number, seed: number, own: Labeled | null = null): Promise<Split> {
  return name === 'digits' ? makeDigitsSplit(points, seed) : makePlaneSplit(name, points, noise, seed, own);
}

/** Frees the split's tensors. */
export function disposeSplit(s: Split): void {
  for (const t of [s.trainX, s.trainY, s.valX, s.valY, s.testX, s.testY]) t.dispose();
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
