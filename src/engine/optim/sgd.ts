import { assign } from '../engine';
import { mul, sub } from '../ops';
import type { Tensor } from '../tensor';

/** Plain SGD: theta <- theta - eta * g, in place. */
export class SGD {
  constructor(public lr: number) {}
  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    for (let i = 0; i < params.length; i++) assign(params[i], sub(params[i], mul(grads[i], this.lr)));
  }
}
