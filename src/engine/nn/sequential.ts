import { reshape } from '../ops';
import type { Tensor } from '../tensor';

/** Anything with a forward pass and trainable parameters. */
export interface Layer {
  forward(x: Tensor): Tensor;
  params(): Tensor[];
}

/** [B, ...] -> [B, prod(...)]. */
export class Flatten implements Layer {
  forward(x: Tensor): Tensor {
    return reshape(x, [x.shape[0], -1]);
  }
  params(): Tensor[] {
    return [];
  }
}

/** A layer applying a function (an activation) with no parameters. */
export class Fn implements Layer {
  constructor(readonly fn: (x: Tensor) => Tensor) {}
  forward(x: Tensor): Tensor {
    return this.fn(x);
  }
  params(): Tensor[] {
    return [];
  }
}

/** Layers applied in order; `activations` holds each layer's output of the last forward pass. */
export class Sequential implements Layer {
  activations: Tensor[] = [];
  constructor(readonly layers: Layer[]) {}
  forward(x: Tensor): Tensor {
    this.activations = [];
    let h = x;
    for (const l of this.layers) {
      h = l.forward(h);
      this.activations.push(h);
    }
    return h;
  }
  params(): Tensor[] {
    return this.layers.flatMap((l) => l.params());
  }
}
