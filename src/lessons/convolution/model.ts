/** The lesson's CNN, built from the engine's layers (shapes in types.ts CNN). */
import { Conv2D, Dense, assign, maxPool2d, relu, reshape, type Rng, type Tensor } from '../../engine';
import { CNN } from './types';

export interface Features {
  /** ReLU(conv1 x) [N, c1, 24, 24]. */
  a1: Tensor;
  /** ReLU(conv2 pool(a1)) [N, c2, 8, 8]. */
  a2: Tensor;
  /** Class scores [N, 10]. */
  logits: Tensor;
}

/** x [N, 1, 28, 28] -> conv 5x5x8, ReLU, max-pool 2, conv 5x5x16, ReLU, max-pool 2, dense 256 -> 10. */
export class DigitsNet {
  readonly conv1: Conv2D;
  readonly conv2: Conv2D;
  readonly fc: Dense;
  constructor(rng: Rng) {
    this.conv1 = new Conv2D(1, CNN.c1, CNN.k, rng);
    this.conv2 = new Conv2D(CNN.c1, CNN.c2, CNN.k, rng);
    const flat = CNN.c2 * (CNN.side2 / 2) ** 2;
    this.fc = new Dense(flat, CNN.classes, rng);
  }

  features(x: Tensor): Features {
    const a1 = relu(this.conv1.forward(x));
    const a2 = relu(this.conv2.forward(maxPool2d(a1, 2)));
    const p2 = maxPool2d(a2, 2);
    return { a1, a2, logits: this.fc.forward(reshape(p2, [p2.shape[0], -1])) };
  }

  forward(x: Tensor): Tensor {
    return this.features(x).logits;
  }

  params(): Tensor[] {
    return [...this.conv1.params(), ...this.conv2.params(), ...this.fc.params()];
  }

  /** Copies another net's weights into this one (on any backend). */
  copyFrom(other: DigitsNet): void {
    const src = other.params();
    this.params().forEach((p, i) => assign(p, src[i]));
  }

  dispose(): void {
    this.conv1.dispose();
    this.conv2.dispose();
    this.fc.dispose();
  }
}
