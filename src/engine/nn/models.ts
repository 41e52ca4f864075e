/** Named model architectures shared by tests, benchmarks and lessons. */
import type { Rng } from '../rng';
import { Conv2D, MaxPool2D } from './conv';
import { Dense } from './dense';
import { Flatten, Fn, Sequential } from './sequential';
import { relu } from '../ops';

/**
 * ConvNetJS's MNIST net on [N, 1, 28, 28]: conv 5x5x8 (pad 2), relu, max-pool 2,
 * conv 5x5x16 (pad 2), relu, max-pool 3, dense 256 -> 10 logits.
 */
export function digitsCnn(rng: Rng): Sequential {
  return new Sequential([
    new Conv2D(1, 8, 5, rng, { pad: 2 }),
    new Fn(relu),
    new MaxPool2D(2),
    new Conv2D(8, 16, 5, rng, { pad: 2 }),
    new Fn(relu),
    new MaxPool2D(3),
    new Flatten(),
    new Dense(16 * 4 * 4, 10, rng),
  ]);
}
