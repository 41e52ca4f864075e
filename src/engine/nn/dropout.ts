import { keep, tensor } from '../engine';
import { mul } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';

/**
 * Inverted dropout: in training, y = x * m with m_i = [u_i < 1 - p] / (1 - p),
 * so the expected activation is unchanged and evaluation is the identity.
 * The mask of the last training forward pass stays readable in `mask`.
 */
export class Dropout {
  training = true;
  /** The last mask (values 0 or 1/(1-p)), kept until the next forward pass or dispose(). */
  mask: Tensor | null = null;
  private host = new Float32Array(0);

  constructor(
    public p: number,
    private rng: Rng,
  ) {}

  forward(x: Tensor): Tensor {
    if (!this.training || this.p <= 0) return x;
    const q = 1 - this.p;
    if (this.host.length !== x.size) this.host = new Float32Array(x.size);
    const m = this.host;
    for (let i = 0; i < m.length; i++) m[i] = this.rng.next() < q ? 1 / q : 0;
    this.mask?.dispose();
    this.mask = keep(tensor(m, x.shape));
    return mul(x, this.mask);
  }

  params(): Tensor[] {
    return [];
  }

  dispose(): void {
    this.mask?.dispose();
    this.mask = null;
  }
}
