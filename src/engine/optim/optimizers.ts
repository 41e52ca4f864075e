/** The update rules of Martins, Zerva & Figueiredo, Neural Networks II (and Goodfellow et al. 2016, §8.3-8.5), one class each. */
import { assign, updateInPlace } from '../engine';
import { addScaledOp } from '../ops/addScaled';
import { lift } from '../ops/lift';
import { add, div, mul, sqrt, square, sub } from '../ops';
import type { Tensor } from '../tensor';
import { checkOptions, Optimizer, type OptimizerOptions } from './optimizer';

/** theta <- theta - eta g. */
export class SGD extends Optimizer {
  readonly name = 'sgd';
  protected readonly slots = [] as const;
  constructor(opts: OptimizerOptions | number) {
    super(typeof opts === 'number' ? { lr: opts } : opts);
    checkOptions('SGD', this.opts, SGD.options);
  }
  static readonly options = [] as const;
  /** Current constant learning rate (the schedule when constant). */
  get lr(): number {
    return this.lrAt(this.t + 1);
  }
  set lr(v: number) {
    this.opts.lr = v;
  }
  protected update(_st: unknown, p: Tensor, g: Tensor, lr: number): void {
    // one pass: p + (-lr) g, the same bits as p - lr g, written into p
    updateInPlace(p, addScaledOp, [p, g, lift(-lr)], undefined);
  }
}

/** v <- gamma v - eta g; theta <- theta + v (= theta_{t-1} - eta g + gamma (theta_{t-1} - theta_{t-2})). */
export class Momentum extends Optimizer {
  readonly name = 'momentum';
  protected readonly slots = ['velocity'] as const;
  static readonly options = ['momentum'] as const;
  constructor(opts: OptimizerOptions & { momentum?: number }) {
    super(opts);
    checkOptions('Momentum', opts, Momentum.options);
    this.momentum = opts.momentum ?? 0.9;
  }
  momentum: number;
  protected update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void {
    const v = sub(mul(st.velocity, this.momentum), mul(g, lr));
    assign(st.velocity, v);
    assign(p, add(p, v));
  }
}

/**
 * Nesterov momentum in the form that needs only g at the current point
 * (Sutskever et al. 2013; Keras SGD(nesterov=True)):
 * v <- gamma v - eta g; theta <- theta + gamma v - eta g.
 */
export class Nesterov extends Optimizer {
  readonly name = 'nesterov';
  protected readonly slots = ['velocity'] as const;
  momentum: number;
  static readonly options = ['momentum'] as const;
  constructor(opts: OptimizerOptions & { momentum?: number }) {
    super(opts);
    checkOptions('Nesterov', opts, Nesterov.options);
    this.momentum = opts.momentum ?? 0.9;
  }
  protected update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void {
    const step = mul(g, lr);
    const v = sub(mul(st.velocity, this.momentum), step);
    assign(st.velocity, v);
    assign(p, sub(add(p, mul(v, this.momentum)), step));
  }
}

/** G <- G + g^2; theta <- theta - alpha g / sqrt(G + eps), per component. */
export class AdaGrad extends Optimizer {
  readonly name = 'adagrad';
  protected readonly slots = ['accumulator'] as const;
  eps: number;
  static readonly options = ['eps'] as const;
  constructor(opts: OptimizerOptions & { eps?: number }) {
    super(opts);
    checkOptions('AdaGrad', opts, AdaGrad.options);
    this.eps = opts.eps ?? 1e-8;
  }
  protected update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void {
    const G = add(st.accumulator, square(g));
    assign(st.accumulator, G);
    assign(p, sub(p, div(mul(g, lr), sqrt(add(G, this.eps)))));
  }
}

/** G <- gamma G + (1 - gamma) g^2; theta <- theta - alpha g / sqrt(G + eps). */
export class RMSProp extends Optimizer {
  readonly name = 'rmsprop';
  protected readonly slots = ['accumulator'] as const;
  decay: number;
  eps: number;
  static readonly options = ['decay', 'eps'] as const;
  constructor(opts: OptimizerOptions & { decay?: number; eps?: number }) {
    super(opts);
    checkOptions('RMSProp', opts, RMSProp.options);
    this.decay = opts.decay ?? 0.9;
    this.eps = opts.eps ?? 1e-8;
  }
  protected update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void {
    const G = add(mul(st.accumulator, this.decay), mul(square(g), 1 - this.decay));
    assign(st.accumulator, G);
    assign(p, sub(p, div(mul(g, lr), sqrt(add(G, this.eps)))));
  }
}

/**
 * m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; m_hat = m / (1 - b1^t);
 * v_hat = v / (1 - b2^t); theta <- theta - alpha m_hat / (sqrt(v_hat) + eps).
 * eps outside the root as in Kingma & Ba (2015), PyTorch, Keras and tfjs. The
 * Martins, Zerva & Figueiredo (Neural Networks II) slide writes sqrt(v_hat + eps): that caps every step near
 * alpha |g| / sqrt(eps) once |g| is below sqrt(eps) (1e-4 for eps = 1e-8), so
 * Adam would lose its scale invariance exactly for vanishing gradients; with eps
 * outside, the step stays about alpha until |g| nears eps itself.
 */
export class Adam extends Optimizer {
  readonly name = 'adam';
  protected readonly slots = ['m', 'v'] as const;
  beta1: number;
  beta2: number;
  eps: number;
  static readonly options = ['beta1', 'beta2', 'eps'] as const;
  constructor(opts: OptimizerOptions & { beta1?: number; beta2?: number; eps?: number }) {
    super(opts);
    checkOptions('Adam', opts, Adam.options);
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
  }
  protected update(st: Record<string, Tensor>, p: Tensor, g: Tensor, lr: number): void {
    const { beta1: b1, beta2: b2, t } = this;
    const m = add(mul(st.m, b1), mul(g, 1 - b1));
    const v = add(mul(st.v, b2), mul(square(g), 1 - b2));
    assign(st.m, m);
    assign(st.v, v);
    const mHat = mul(m, 1 / (1 - Math.pow(b1, t)));
    const vHat = mul(v, 1 / (1 - Math.pow(b2, t)));
    assign(p, sub(p, div(mul(mHat, lr), add(sqrt(vHat), this.eps))));
  }
}

export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/** Builds an optimizer by name (lessons pick it from a control); unknown names and option keys are errors that list the valid ones. */
export function makeOptimizer(name: OptimizerName, opts: OptimizerOptions & Record<string, unknown>): Optimizer {
  switch (name) {
    case 'sgd':
      return new SGD(opts);
    case 'momentum':
      return new Momentum(opts);
    case 'nesterov':
      return new Nesterov(opts);
    case 'adagrad':
      return new AdaGrad(opts);
    case 'rmsprop':
      return new RMSProp(opts);
    case 'adam':
      return new Adam(opts);
    default:
      throw new Error(`makeOptimizer: unknown optimizer "${String(name)}"; valid names are sgd, momentum, nesterov, adagrad, rmsprop, adam`);
  }
}
