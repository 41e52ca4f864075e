/**
 * The lesson's data: a small noisy 2-D training set and a larger validation
 * set drawn from the same distribution, both from one seed.
 */
import { Rng, data, keep, tensor, type Dataset2D, type Tensor } from '../../engine';

/** Validation points (fixed, so the validation loss is a steady estimate of the test loss). */
export const VAL_POINTS = 200;
/** Decision-boundary image: GRID x GRID points over [-EXTENT, EXTENT]^2, row 0 at the top. */
export const GRID = 48;
export const EXTENT = 1.6;

export type DatasetName = 'moons' | 'circles' | 'spirals' | 'xor';

/** n points of the named set with Gaussian noise of std `noise`. */
function generate(name: DatasetName, n: number, noise: number, rng: Rng): Dataset2D {
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

/** A split on the host (for frames) and as tensors x [n, 2], y [n, 1] (for training). */
export interface Split {
  train: Dataset2D;
  val: Dataset2D;
  trainX: Tensor;
  trainY: Tensor;
  valX: Tensor;
  valY: Tensor;
}

/** `points` training points and VAL_POINTS validation points, shuffled apart by one seeded split. */
export function makeSplit(name: DatasetName, points: number, noise: number, seed: number): Split {
  const rng = new Rng(seed);
  const all = generate(name, points + VAL_POINTS, noise, rng);
  const { train, val } = data.trainValSplit(all, VAL_POINTS / (points + VAL_POINTS), rng);
  const asX = (d: Dataset2D) => keep(tensor(d.x, [d.n, 2]));
  const asY = (d: Dataset2D) => keep(tensor(Float32Array.from(d.y), [d.n, 1]));
  return { train, val, trainX: asX(train), trainY: asY(train), valX: asX(val), valY: asY(val) };
}

/** Frees the split's tensors. */
export function disposeSplit(s: Split): void {
  for (const t of [s.trainX, s.trainY, s.valX, s.valY]) t.dispose();
}

/** Rows `idx` of a set as tensors x [b, 2], y [b, 1] (a mini-batch; not kept). */
export function batchOf(d: Dataset2D, idx: ArrayLike<number>): { x: Tensor; y: Tensor } {
  const s = data.subset(d, idx);
  return { x: tensor(s.x, [s.n, 2]), y: tensor(Float32Array.from(s.y), [s.n, 1]) };
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
