import type { Rng } from '../rng';

/**
 * Minibatch indices by epochs: a seeded shuffle of 0..n-1, reshuffled when it
 * runs out, so `next(B)` samples without replacement within an epoch.
 */
export class Batches {
  private readonly order: Int32Array;
  private pos: number;
  constructor(
    readonly n: number,
    private readonly rng: Rng,
  ) {
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.pos = n;
  }
  next(B: number): Int32Array {
    const out = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      if (this.pos >= this.n) {
        this.rng.shuffle(this.order);
        this.pos = 0;
      }
      out[i] = this.order[this.pos++];
    }
    return out;
  }
}

/** Rows `idx` of a row-major [n, dim] array, packed into `out` ([idx.length, dim]): a minibatch's inputs. */
export function gatherRows(src: Float32Array, dim: number, idx: ArrayLike<number>, out = new Float32Array(idx.length * dim)): Float32Array {
  for (let i = 0; i < idx.length; i++) out.set(src.subarray(idx[i] * dim, idx[i] * dim + dim), i * dim);
  return out;
}
