import { variable } from '../engine';
import { initWeights, type InitName } from '../init';
import { add, avgPool2d, conv2d, maxPool2d, reshape, type ConvOptions } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';

/** A convolution layer: y = x (*) W + b with x [N, C, H, W], W [O, C, K, K], b [O]. */
export class Conv2D {
  readonly W: Tensor;
  readonly b: Tensor;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernel: number,
    rng: Rng,
    readonly opts: ConvOptions = {},
    init: InitName = 'he',
    scale = 1,
  ) {
    const k2 = kernel * kernel;
    this.W = variable(initWeights(init, inChannels * k2, outChannels * k2, rng, scale, outChannels * inChannels * k2), [outChannels, inChannels, kernel, kernel]);
    this.b = variable(new Float32Array(outChannels), [outChannels]);
  }

  forward(x: Tensor): Tensor {
    return add(conv2d(x, this.W, this.opts), reshape(this.b, [1, this.outChannels, 1, 1]));
  }

  params(): Tensor[] {
    return [this.W, this.b];
  }

  dispose(): void {
    this.W.dispose();
    this.b.dispose();
  }
}

/** Max pooling over size x size windows (stride defaults to size). */
export class MaxPool2D {
  constructor(readonly size: number, readonly stride = size) {}
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.size, this.stride);
  }
  params(): Tensor[] {
    return [];
  }
}

/** Average pooling over size x size windows (stride defaults to size). */
export class AvgPool2D {
  constructor(readonly size: number, readonly stride = size) {}
  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.size, this.stride);
  }
  params(): Tensor[] {
    return [];
  }
}
