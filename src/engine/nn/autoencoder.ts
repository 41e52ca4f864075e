/**
 * Auto-encoders for greedy layer-wise pre-training (lectures 000, 004):
 * h = act(x W + b_h), x_hat = out(h W' + b_v) with W' = W^T (tied) or its own matrix (untied).
 */
import { variable } from '../engine';
import { initWeights, type InitName } from '../init';
import { add, matmul } from '../ops';
import type { Rng } from '../rng';
import type { Tensor } from '../tensor';
import { activations, type ActivationName } from './activations';

export interface AutoEncoderOptions {
  tied?: boolean;
  activation?: ActivationName;
  /** Decoder output: 'sigmoid' for pixels in [0, 1], 'linear' for real values. */
  output?: ActivationName;
  init?: InitName;
}

export class AutoEncoder {
  readonly W: Tensor;
  /** Decoder weights [hidden, visible]; absent when tied (the decoder uses W^T). */
  readonly Wd: Tensor | null;
  readonly bh: Tensor;
  readonly bv: Tensor;
  readonly tied: boolean;
  readonly act: ActivationName;
  readonly out: ActivationName;
  constructor(readonly visible: number, readonly hidden: number, rng: Rng, o: AutoEncoderOptions = {}) {
    const init = o.init ?? 'glorot-uniform';
    this.tied = o.tied ?? false;
    this.act = o.activation ?? 'sigmoid';
    this.out = o.output ?? 'sigmoid';
    this.W = variable(initWeights(init, visible, hidden, rng), [visible, hidden]);
    this.Wd = this.tied ? null : variable(initWeights(init, hidden, visible, rng), [hidden, visible]);
    this.bh = variable(new Float32Array(hidden), [hidden]);
    this.bv = variable(new Float32Array(visible), [visible]);
  }
  /** h = act(x W + b_h): [B, visible] -> [B, hidden]. */
  encode(x: Tensor): Tensor {
    return activations[this.act].fn(add(matmul(x, this.W), this.bh));
  }
  /** Decoder pre-activation h W' + b_v (use with bceWithLogits when output is sigmoid). */
  decodeLogits(h: Tensor): Tensor {
    return add(this.Wd ? matmul(h, this.Wd) : matmul(h, this.W, false, true), this.bv);
  }
  decode(h: Tensor): Tensor {
    return activations[this.out].fn(this.decodeLogits(h));
  }
  /** x_hat = decode(encode(x)). */
  forward(x: Tensor): Tensor {
    return this.decode(this.encode(x));
  }
  params(): Tensor[] {
    return this.Wd ? [this.W, this.Wd, this.bh, this.bv] : [this.W, this.bh, this.bv];
  }
  dispose(): void {
    for (const p of this.params()) p.dispose();
  }
}

/** Masking noise for a denoising auto-encoder: each value zeroed with probability `level` (host-side). */
export function corrupt(x: Float32Array, level: number, rng: Rng): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = rng.next() < level ? 0 : x[i];
  return y;
}
