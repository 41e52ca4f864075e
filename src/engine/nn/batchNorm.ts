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
  /** Host copies of the last training batch's statistics (for readouts); empty before the first. */
  lastMean: Float32Array = new Float32Array(0);
  lastVar: Float32Array = new Float32Array(0);
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
  }

  forward(x: Tensor): Tensor {
    const opts = { axes: this.axes, eps: this.eps };
    if (!this.training) return batchNormWith(x, this.runningMean, this.runningVar, this.gamma, this.beta, opts);
    const { y, mean, variance } = batchNorm(x, this.gamma, this.beta, opts);
    this.fold(this.runningMean, mean);
    this.fold(this.runningVar, variance);
    this.copyOut(mean, (v) => (this.lastMean = v));
    this.copyOut(variance, (v) => (this.lastVar = v));
    return y;
  }

  /** running <- momentum running + (1 - momentum) batch, off the tape. */
  private fold(running: Tensor, batch: Tensor): void {
    const next = noGradEval(() => addScaled(mul(running, this.momentum), batch, 1 - this.momentum));
    assign(running, next);
    next.dispose();
  }

  private issued = 0;
  private landed = 0;
  /**
   * A host copy at once on the cpu; on webgpu when the read lands (reads
   * issued in one turn share one readback, so a metrics read awaited after the
   * step finds these in place). Only a newer copy replaces an older one.
   */
  private copyOut(t: Tensor, set: (v: Float32Array) => void): void {
    if (t.backend.readSync) return set(t.backend.readSync(t).slice());
    const n = ++this.issued;
    void t.read().then(
      (v) => {
        if (n < this.landed) return;
        this.landed = n;
        set(v);
      },
      () => {},
    );
  }

  params(): Tensor[] {
    return [this.gamma, this.beta];
  }

  dispose(): void {
    this.gamma.dispose();
    this.beta.dispose();
    this.runningMean.dispose();
    this.runningVar.dispose();
  }
}
