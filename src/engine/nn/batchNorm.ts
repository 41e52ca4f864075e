import { assign, fill, keep, noGradEval, variable } from '../engine';
import { addScaled, batchNorm, batchNormWith, mul } from '../ops';
import type { Tensor } from '../tensor';

export interface BatchNormLayerOptions {
  /** Axes the statistics are taken over: [0] for [B, F] (default), [0, 2, 3] for NCHW channels. */
  axes?: number[];
  eps?: number;
  /** running <- momentum running + (1 - momentum) batch (default 0.9). */
  momentum?: number;
}

/**
 * Batch normalization with a learned scale and shift per feature (or
 * channel). Training: the batch statistics, and the running averages move
 * toward them; inference (`training = false`): the running averages, so one
 * example's output does not depend on the rest of its batch.
 */
export class BatchNorm {
  training = true;
  readonly gamma: Tensor;
  readonly beta: Tensor;
  /** Not trainable: start at 0 and 1, updated by each training forward pass. */
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;
  /**
   * The last training batch's mean and variance, kept on the device (copied
   * there each training pass, nothing read back); `lastStats()` reads them
   * when a readout needs them. Meaningful once `trained` is true.
   */
  readonly batchMean: Tensor;
  readonly batchVar: Tensor;
  /** Whether a training pass has run (batchMean and batchVar hold its statistics). */
  trained = false;
  readonly axes: number[];
  readonly eps: number;
  readonly momentum: number;

  constructor(
    readonly features: number,
    { axes = [0], eps = 1e-5, momentum = 0.9 }: BatchNormLayerOptions = {},
  ) {
    this.axes = axes;
    this.eps = eps;
    this.momentum = momentum;
    this.gamma = variable(new Float32Array(features).fill(1), [features]);
    this.beta = variable(new Float32Array(features), [features]);
    this.runningMean = keep(fill([features], 0));
    this.runningVar = keep(fill([features], 1));
    this.batchMean = keep(fill([features], 0));
    this.batchVar = keep(fill([features], 0));
  }

  forward(x: Tensor): Tensor {
    const opts = { axes: this.axes, eps: this.eps };
    if (!this.training) return batchNormWith(x, this.runningMean, this.runningVar, this.gamma, this.beta, opts);
    const { y, mean, variance } = batchNorm(x, this.gamma, this.beta, opts);
    this.fold(this.runningMean, mean);
    this.fold(this.runningVar, variance);
    // device-to-device copies: the training step reads nothing back to the host
    assign(this.batchMean, mean);
    assign(this.batchVar, variance);
    this.trained = true;
    return y;
  }

  /** running <- momentum running + (1 - momentum) batch, off the tape. */
  private fold(running: Tensor, batch: Tensor): void {
    const next = noGradEval(() => addScaled(mul(running, this.momentum), batch, 1 - this.momentum));
    assign(running, next);
    next.dispose();
  }

  /** The last training batch's statistics read to the host (one readback, when asked); null before the first training pass. */
  async lastStats(): Promise<{ mean: Float32Array; variance: Float32Array } | null> {
    if (!this.trained) return null;
    const [mean, variance] = await Promise.all([this.batchMean.read(), this.batchVar.read()]);
    return { mean, variance };
  }

  params(): Tensor[] {
    return [this.gamma, this.beta];
  }

  dispose(): void {
    this.gamma.dispose();
    this.beta.dispose();
    this.runningMean.dispose();
    this.runningVar.dispose();
    this.batchMean.dispose();
    this.batchVar.dispose();
  }
}
