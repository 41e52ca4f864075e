import { variable } from '../engine';
import { initWeights, type InitName } from '../init';
import { add, matmul } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';

/** A fully connected layer: y = x W + b with x [batch, in], W [in, out], b [out]. */
export class Dense {
  readonly W: Tensor;
  readonly b: Tensor;
  constructor(
    readonly inSize: number,
    readonly outSize: number,
    rng: Rng,
    init: InitName = 'glorot-uniform',
    scale = 1,
  ) {
    this.W = variable(initWeights(init, inSize, outSize, rng, scale), [inSize, outSize]);
    this.b = variable(new Float32Array(outSize), [outSize]);
  }

  forward(x: Tensor): Tensor {
    return add(matmul(x, this.W), this.b);
  }

  params(): Tensor[] {
    return [this.W, this.b];
  }

  dispose(): void {
    this.W.dispose();
    this.b.dispose();
  }
}
