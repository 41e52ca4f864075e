/**
 * The cliff-and-clipping view (Goodfellow 8.2.4 fig. 8.3, 10.11.1 fig. 10.17;
 * Pascanu et al. 2013; Bengio 2012): plain gradient descent and gradient
 * descent with norm clipping (g <- g r / ||g|| when ||g|| > r) start together
 * on a slope that runs from a high plateau down into a ravine at the foot of a
 * cliff. The plain steps overshoot the ravine onto the cliff face, where a
 * huge gradient throws them back onto the plateau (the gradient there is
 * nearly zero and the progress is lost); the clipped step moves at most eta r
 * and settles in the ravine.
 */
import { SGD, add, clipByGlobalNorm, globalNorm, keep, mul, sigmoid, square, sub, tidy, valueAndGrad, variable, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { cliffF } from './cliffSurface';
import { CLIFF_COLS, CLIFF_ROWS, CLIFF_START, CLIFF_STEPS, CLIFF_X, CLIFF_Y, irrelevant, type CliffFrame, type VanishingParams } from './types';

export { CLIFF_STEPS };
export { cliffF, CLIFF_TEX } from './cliffSurface';

/** The same f written with ops (x, y: [1]) so autodiff gives its gradient. */
export function cliffLoss(x: Tensor, y: Tensor): Tensor {
  const plateau = mul(sigmoid(mul(sub(x, 1), -2)), 5);
  const wall = mul(sigmoid(mul(sub(x, 4), 10)), 10);
  return add(add(plateau, wall), mul(square(y), 0.5));
}

/** One descent from CLIFF_START; `clip` is the threshold r or null for plain steps. */
class Descent {
  readonly x: Tensor;
  readonly y: Tensor;
  readonly opt: SGD;
  /** Visited points, flattened [x0, y0, x1, y1, ...]. */
  path: number[];
  /** Length of every step taken, in order. */
  steps: number[] = [];
  /** f at every visited point. */
  losses: number[];
  lastStep = 0;
  maxStep = 0;
  gradNorm = 0;
  constructor(
    lr: number,
    readonly clip: number | null,
  ) {
    const [x0, y0] = CLIFF_START;
    this.x = variable([x0], [1]);
    this.y = variable([y0], [1]);
    this.opt = new SGD(lr);
    this.path = [x0, y0];
    this.losses = [cliffF(x0, y0)];
  }

  /** One SGD step with the (clipped) gradient; the step length is measured from the positions before and after. */
  async step(): Promise<void> {
    const params = [this.x, this.y];
    const norm = tidy(() => {
      const { grads } = valueAndGrad(() => cliffLoss(this.x, this.y), params);
      const c = this.clip === null ? { grads, norm: globalNorm(grads) } : clipByGlobalNorm(grads, this.clip);
      this.opt.step(params, c.grads);
      return keep(c.norm);
    });
    const [g, x, y] = await Promise.all([norm.read(), this.x.read(), this.y.read()]);
    norm.dispose();
    const n = this.path.length;
    this.lastStep = Math.hypot(x[0] - this.path[n - 2], y[0] - this.path[n - 1]);
    this.maxStep = Math.max(this.maxStep, this.lastStep);
    this.steps.push(this.lastStep);
    this.gradNorm = g[0];
    this.path.push(x[0], y[0]);
    this.losses.push(cliffF(x[0], y[0]));
  }

  get at(): [number, number] {
    return [this.path[this.path.length - 2], this.path[this.path.length - 1]];
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/** f over the picture's window, row 0 at the top: [CLIFF_ROWS * CLIFF_COLS]. */
export function cliffImage(): Float32Array {
  const img = new Float32Array(CLIFF_ROWS * CLIFF_COLS);
  for (let r = 0; r < CLIFF_ROWS; r++) {
    const y = CLIFF_Y[1] - ((CLIFF_Y[1] - CLIFF_Y[0]) * (r + 0.5)) / CLIFF_ROWS;
    for (let c = 0; c < CLIFF_COLS; c++) img[r * CLIFF_COLS + c] = cliffF(CLIFF_X[0] + ((CLIFF_X[1] - CLIFF_X[0]) * (c + 0.5)) / CLIFF_COLS, y);
  }
  return img;
}

/** Plain and clipped descents side by side; metrics: step lengths (last and largest), losses, positions, the bound eta r. */
export class CliffRun implements Experiment<VanishingParams> {
  private readonly plain: Descent;
  private readonly clipped: Descent;
  private readonly image = cliffImage();
  private t = 0;

  constructor(readonly p: VanishingParams) {
    this.plain = new Descent(p.lr, null);
    this.clipped = new Descent(p.lr, p.clip);
  }

  get done(): boolean {
    return this.t >= CLIFF_STEPS;
  }

  get phase(): string {
    return this.done ? 'finished' : 'descending';
  }

  async step(): Promise<void> {
    if (this.done) return;
    await this.plain.step();
    await this.clipped.step();
    this.t++;
  }

  metrics(): Record<string, number> {
    const [xp, yp] = this.plain.at;
    const [xc, yc] = this.clipped.at;
    return {
      loss_start: this.plain.losses[0],
      loss_plain: cliffF(xp, yp),
      loss_clipped: cliffF(xc, yc),
      step_plain: this.plain.lastStep,
      step_clipped: this.clipped.lastStep,
      max_step_plain: this.plain.maxStep,
      max_step_clipped: this.clipped.maxStep,
      grad_norm: this.clipped.gradNorm,
      bound: this.p.lr * this.p.clip,
      x_plain: xp,
      x_clipped: xc,
      // over the whole descent so far: the plain one's lowest loss and farthest point right (onto the cliff face at x > 4)
      loss_plain_min: Math.min(...this.plain.losses),
      x_plain_max: Math.max(...this.plain.path.filter((_, i) => i % 2 === 0)),
    };
  }

  frame(): CliffFrame {
    // every step's length and loss travel in the frame: one spike at the cliff must not fall between two metrics posts
    return {
      surface: this.image.slice(),
      plain: this.plain.path.slice(),
      clipped: this.clipped.path.slice(),
      steps_plain: this.plain.steps.slice(),
      steps_clipped: this.clipped.steps.slice(),
      loss_plain: this.plain.losses.slice(),
      loss_clipped: this.clipped.losses.slice(),
    };
  }

  /** Params of the other views leave this one running; its own rebuild it. */
  setParams(v: Partial<VanishingParams>): boolean {
    return irrelevant('cliff', v);
  }

  dispose(): void {
    this.plain.dispose();
    this.clipped.dispose();
  }
}
