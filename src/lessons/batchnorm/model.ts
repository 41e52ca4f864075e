/**
 * The lesson's deep MLP on digits, with or without batch normalization after
 * every hidden layer's linear map (Ioffe & Szegedy 2015, §3.2: BN(W u) in
 * place of W u + b, the bias dropped since β takes its role), then the
 * activation; a plain linear soft-max output layer on top.
 */
import { BatchNorm, Conv2D, Dense, activations, batchNorm, batchNormWith, conv2d, fill, matmul, maxPool2d, reshape, type Rng, type Tensor } from '../../engine';
import { BN_EPS, type ActName } from './types';
import { CLASSES, PIXELS } from './digits';

export interface MlpOptions {
  depth: number;
  width: number;
  activation: ActName;
  bn: boolean;
  /** Momentum of the running averages. */
  momentum: number;
}

/** How a batch-norm layer normalizes: the batch's own statistics, the running averages, or running averages left at their start (μ = 0, σ² = 1). */
export type NormMode = 'batch' | 'running' | 'unupdated';

/** The init each activation is paired with: sigmoid the naive U[±1/√fan_in] (as the vanishing lesson's first scene), ReLU He's. */
const INIT = { sigmoid: 'uniform', relu: 'he' } as const;

export class Mlp {
  readonly hidden: Dense[] = [];
  readonly out: Dense;
  readonly norms: BatchNorm[] = [];
  private readonly g: (x: Tensor) => Tensor;

  constructor(
    readonly o: MlpOptions,
    rng: Rng,
  ) {
    let fanIn = PIXELS;
    for (let l = 0; l < o.depth; l++) {
      this.hidden.push(new Dense(fanIn, o.width, rng, INIT[o.activation]));
      if (o.bn) this.norms.push(new BatchNorm(o.width, { axes: [0], eps: BN_EPS, momentum: o.momentum }));
      fanIn = o.width;
    }
    this.out = new Dense(fanIn, CLASSES, rng, INIT[o.activation]);
    this.g = activations[o.activation].fn;
  }

  /** Layer l's linear map: u = h W (batch norm's β stands in for the bias) or h W + b. */
  private linear(l: number, h: Tensor): Tensor {
    return this.o.bn ? matmul(h, this.hidden[l].W) : this.hidden[l].forward(h);
  }

  /**
   * The training forward pass (the batch-norm layers normalize with the batch's statistics and update
   * their running averages): every hidden layer's raw pre-activation u_l and the logits.
   */
  forward(x: Tensor): { pre: Tensor[]; logits: Tensor } {
    for (const n of this.norms) n.training = true;
    const pre: Tensor[] = [];
    let h = x;
    for (let l = 0; l < this.hidden.length; l++) {
      const u = this.linear(l, h);
      pre.push(u);
      h = this.g(this.o.bn ? this.norms[l].forward(u) : u);
    }
    return { pre, logits: this.out.forward(h) };
  }

  /**
   * A forward pass that changes nothing (no running average moves): with `mode` choosing the statistics;
   * 'running' is the layer's own inference mode. Also every layer's u_l and its normalized y_l = γ x̂ + β.
   */
  evaluate(x: Tensor, mode: NormMode): { pre: Tensor[]; post: Tensor[]; logits: Tensor } {
    const pre: Tensor[] = [];
    const post: Tensor[] = [];
    let h = x;
    for (let l = 0; l < this.hidden.length; l++) {
      const u = this.linear(l, h);
      pre.push(u);
      const y = this.o.bn ? this.normalize(l, u, mode) : u;
      post.push(y);
      h = this.g(y);
    }
    return { pre, post, logits: this.out.forward(h) };
  }

  private normalize(l: number, u: Tensor, mode: NormMode): Tensor {
    const n = this.norms[l];
    if (mode === 'batch') return batchNorm(u, n.gamma, n.beta, { axes: [0], eps: BN_EPS }).y;
    if (mode === 'running') {
      n.training = false;
      const y = n.forward(u);
      n.training = true;
      return y;
    }
    // running averages never updated: still at their start, μ = 0 and σ² = 1
    const w = this.o.width;
    return batchNormWith(u, fill([w], 0), fill([w], 1), n.gamma, n.beta, { axes: [0], eps: BN_EPS });
  }

  params(): Tensor[] {
    const lin = this.hidden.flatMap((d) => (this.o.bn ? [d.W] : d.params()));
    return [...lin, ...this.norms.flatMap((n) => n.params()), ...this.out.params()];
  }

  /** W_1..W_L, the output layer's last: the matrices whose gradient norms are charted. */
  weights(): Tensor[] {
    return [...this.hidden.map((d) => d.W), this.out.W];
  }

  dispose(): void {
    for (const d of this.hidden) d.dispose();
    for (const n of this.norms) n.dispose();
    this.out.dispose();
  }
}

/** The small CNN's shapes: conv 5x5 (valid) x C1, pool 2, conv 5x5 x C2, pool 2, dense -> 10 (28 -> 24 -> 12 -> 8 -> 4). */
export const CNN_SHAPE = { k: 5, c1: 4, c2: 8, side: 28, flat: 8 * 4 * 4 } as const;

export interface CnnOptions {
  activation: ActName;
  bn: boolean;
  momentum: number;
}

/**
 * A small CNN on digits (the convolution lesson's layout with fewer channels,
 * so a step is quick on the cpu): x [N, 1, 28, 28] -> conv 5x5x4 -> (batch
 * norm per channel, over batch and both spatial axes) -> activation -> max-pool
 * 2 -> conv 5x5x8 -> (batch norm) -> activation -> max-pool 2 -> dense 128 -> 10.
 * With batch norm the convolutions have no bias (β takes its role).
 */
export class Cnn {
  readonly convs: Conv2D[];
  readonly out: Dense;
  readonly norms: BatchNorm[] = [];
  private readonly g: (x: Tensor) => Tensor;

  constructor(
    readonly o: CnnOptions,
    rng: Rng,
  ) {
    const S = CNN_SHAPE;
    this.convs = [new Conv2D(1, S.c1, S.k, rng, {}, INIT[o.activation]), new Conv2D(S.c1, S.c2, S.k, rng, {}, INIT[o.activation])];
    if (o.bn) for (const c of [S.c1, S.c2]) this.norms.push(new BatchNorm(c, { axes: [0, 2, 3], eps: BN_EPS, momentum: o.momentum }));
    this.out = new Dense(S.flat, CLASSES, rng, INIT[o.activation]);
    this.g = activations[o.activation].fn;
  }

  private run(x: Tensor, norm: (l: number, u: Tensor) => Tensor): Tensor {
    let h = x;
    for (let l = 0; l < this.convs.length; l++) {
      const c = this.convs[l];
      const u = this.o.bn ? norm(l, conv2d(h, c.W)) : c.forward(h);
      h = maxPool2d(this.g(u), 2);
    }
    return this.out.forward(reshape(h, [h.shape[0], -1]));
  }

  /** Training: batch statistics per channel, and the running averages move. */
  forward(x: Tensor): { logits: Tensor } {
    for (const n of this.norms) n.training = true;
    return { logits: this.run(x, (l, u) => this.norms[l].forward(u)) };
  }

  /** A pass that moves no running average; 'running' is test mode. */
  evaluate(x: Tensor, mode: NormMode): { logits: Tensor } {
    return {
      logits: this.run(x, (l, u) => {
        const n = this.norms[l];
        if (mode === 'batch') return batchNorm(u, n.gamma, n.beta, { axes: [0, 2, 3], eps: BN_EPS }).y;
        if (mode === 'unupdated') return batchNormWith(u, fill([n.features], 0), fill([n.features], 1), n.gamma, n.beta, { axes: [0, 2, 3], eps: BN_EPS });
        n.training = false;
        const y = n.forward(u);
        n.training = true;
        return y;
      }),
    };
  }

  params(): Tensor[] {
    const lin = this.convs.flatMap((c) => (this.o.bn ? [c.W] : c.params()));
    return [...lin, ...this.norms.flatMap((n) => n.params()), ...this.out.params()];
  }

  /** The two kernels and the output matrix. */
  weights(): Tensor[] {
    return [...this.convs.map((c) => c.W), this.out.W];
  }

  dispose(): void {
    for (const c of this.convs) c.dispose();
    for (const n of this.norms) n.dispose();
    this.out.dispose();
  }
}
