/**
 * One racer of the optimizer race: a 2-vector parameter theta = [x, y] moved
 * by one of the engine's optimizers, fed the surface's analytic gradient plus
 * seeded Gaussian noise (a stand-in for a small mini-batch). Runs in the
 * worker and in Node; reads tensor values only through `await read()`.
 */
import { AdaGrad, Adam, Momentum, Nesterov, RMSProp, SGD, inverseTime, tensor, tidy, variable, Rng, type Optimizer, type Tensor, type Surface } from '../../engine';
import type { RacerName } from './types';

/** Hyper-parameters of one racer; `tau` turns on eps_t = lr tau / max(t, tau). */
export interface RacerSettings {
  lr: number;
  momentum?: number;
  decay?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  tau?: number;
}

/** running, or stopped because it left the finite world (diverged) or slid off a surface with no minimum (escaped). */
export type RacerStatus = 'running' | 'diverged' | 'escaped';

/**
 * A racer stops when it is this many view widths from the view's centre (or
 * not finite); on a surface with no minimum (the saddle) leaving the view
 * counts as having escaped.
 */
export const BOUND_WIDTHS = 1000;

/** Builds the engine optimizer for a racer (the update rules of Martins, Zerva & Figueiredo, Neural Networks II; Nesterov after Sutskever et al. 2013). */
export function makeRacerOptimizer(name: RacerName, s: RacerSettings): Optimizer {
  const lr = s.tau ? inverseTime(s.lr, s.tau) : s.lr;
  switch (name) {
    case 'sgd':
      return new SGD({ lr });
    case 'momentum':
      return new Momentum({ lr, momentum: s.momentum });
    case 'nesterov':
      return new Nesterov({ lr, momentum: s.momentum });
    case 'adagrad':
      return new AdaGrad({ lr, eps: s.eps });
    case 'rmsprop':
      return new RMSProp({ lr, decay: s.decay, eps: s.eps });
    case 'adam':
      return new Adam({ lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps });
  }
}

/** Live state of a racer for its equation: t, alpha_t, theta, g, the last step and its slots (velocity | G | m-hat, v-hat). */
export interface RacerState {
  t: number;
  lr: number;
  theta: [number, number];
  grad: [number, number];
  /** theta_t - theta_{t-1} of the last step (zeros before the first). */
  delta: [number, number];
  /** velocity (momentum, Nesterov), G (AdaGrad, RMSProp) or m-hat (Adam); zeros for SGD. */
  a: [number, number];
  /** v-hat (Adam only). */
  b: [number, number];
}

export class Racer {
  readonly theta: Tensor;
  readonly opt: Optimizer;
  status: RacerStatus = 'running';
  /** Steps taken (stays put once stopped). */
  t = 0;
  x: number;
  y: number;
  /** f(theta) at the last point inside the bound. */
  loss: number;
  /** The (noisy) gradient used by the last step. */
  grad: [number, number] = [0, 0];
  /** The last step actually taken, theta_t - theta_{t-1} per coordinate. */
  delta: [number, number] = [0, 0];
  /** The step at which the racer was stopped (diverged or escaped); 0 while running. */
  stoppedAt = 0;
  /** First step at which theta came within `tol` of a minimum; 0 while not yet. */
  reachedAt = 0;
  /** x0, y0, x1, y1, ... every point visited (Float64 on the host, sent as Float32). */
  readonly path: number[];
  private readonly rng: Rng;
  private readonly bound: number;
  private readonly centre: [number, number];

  constructor(
    readonly name: RacerName,
    readonly settings: RacerSettings,
    readonly surface: Surface,
    start: [number, number],
    /** std of the noise added to each gradient component */
    readonly noise: number,
    seed: number,
    readonly tol: number,
  ) {
    this.theta = variable(start, [2]);
    this.opt = makeRacerOptimizer(name, settings);
    [this.x, this.y] = start;
    this.loss = surface.f(start[0], start[1]);
    this.path = [start[0], start[1]];
    // every racer draws the same noise sequence (common random numbers), so the rules, not the luck, differ
    this.rng = new Rng(seed);
    const { x, y } = surface.domain;
    this.bound = (surface.minima.length ? BOUND_WIDTHS : 0.5) * Math.max(x[1] - x[0], y[1] - y[0]);
    this.centre = [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2];
    this.checkReached();
  }

  /** The gradient the optimizer sees at the current point: analytic, plus noise of std `noise`. */
  private gradient(): [number, number] {
    const [gx, gy] = this.surface.grad(this.x, this.y);
    if (this.noise <= 0) return [gx, gy];
    return [gx + this.noise * this.rng.normal(), gy + this.noise * this.rng.normal()];
  }

  /** One update theta <- rule(theta, g); stops the racer if theta leaves the bound or stops being finite. */
  async step(): Promise<void> {
    if (this.status !== 'running') return;
    const g = (this.grad = this.gradient());
    tidy(() => this.opt.step([this.theta], [tensor(g, [2])]));
    this.t++;
    const v = await this.theta.read();
    const x = v[0];
    const y = v[1];
    const f = this.surface.f(x, y);
    const far = Math.abs(x - this.centre[0]) > this.bound || Math.abs(y - this.centre[1]) > this.bound;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(f) || far) {
      this.status = this.surface.minima.length === 0 && Number.isFinite(x) && Number.isFinite(y) ? 'escaped' : 'diverged';
      this.stoppedAt = this.t;
      return;
    }
    this.delta = [x - this.x, y - this.y];
    this.x = x;
    this.y = y;
    this.loss = f;
    this.path.push(x, y);
    this.checkReached();
  }

  private checkReached(): void {
    if (this.reachedAt || !this.surface.minima.length) return;
    for (const [mx, my] of this.surface.minima) {
      if (Math.hypot(this.x - mx, this.y - my) < this.tol) {
        this.reachedAt = Math.max(this.t, 1);
        return;
      }
    }
  }

  /** The learning rate of the last step (of the next one before any step). */
  get lr(): number {
    return this.t ? this.opt.lastLr : this.opt.lrAt(1);
  }

  /**
   * Per-coordinate factor in front of the gradient in the last update: alpha_t
   * for SGD, alpha_t / sqrt(G_j + eps) for AdaGrad and RMSProp (G already holds
   * the current g^2), and for Adam the measured |dtheta_j / m-hat_j| (so it does
   * not depend on where the rule puts eps). Momentum's step is not a factor of g.
   */
  async effectiveStep(): Promise<[number, number]> {
    const lr = this.lr;
    const s = await this.state();
    const eps = this.settings.eps ?? 1e-8;
    if (this.name === 'adagrad' || this.name === 'rmsprop') return [lr / Math.sqrt(s.a[0] + eps), lr / Math.sqrt(s.a[1] + eps)];
    if (this.name === 'adam') return [Math.abs(s.delta[0] / s.a[0]), Math.abs(s.delta[1] / s.a[1])];
    return [lr, lr];
  }

  /** The optimizer's state read from its tensors (with Adam's bias corrections applied). */
  async state(): Promise<RacerState> {
    const st = this.opt.state;
    const read2 = async (t: Tensor | undefined): Promise<[number, number]> => {
      if (!t) return [0, 0];
      const v = await t.read();
      return [v[0], v[1]];
    };
    let a = await read2((st.velocity ?? st.accumulator ?? st.m)?.[0]);
    let b = await read2(st.v?.[0]);
    if (this.opt instanceof Adam && this.t > 0) {
      const c1 = 1 - Math.pow(this.opt.beta1, this.opt.t);
      const c2 = 1 - Math.pow(this.opt.beta2, this.opt.t);
      a = [a[0] / c1, a[1] / c1];
      b = [b[0] / c2, b[1] / c2];
    }
    return { t: this.t, lr: this.lr, theta: [this.x, this.y], grad: this.grad, delta: this.delta, a, b };
  }

  dispose(): void {
    this.theta.dispose();
    this.opt.dispose();
  }
}
