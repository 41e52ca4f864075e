/**
 * One network of the comparison: the MLP, its optimizer with the chosen L2/L1
 * penalties, and a copy of the weights at the best validation step.
 */
import {
  Rng, abs, add, assign, greater, keep, makeOptimizer, mean, mul, noGradEval, relu, scalar, sign, sub, tidy, valueAndGrad, zeros,
  type Optimizer, type Tensor,
} from '../../engine';
import { RegNet, accuracyOf, lossOf, type NetSpec } from './model';

/** Everything that distinguishes the regularized run from the baseline. */
export interface RegSpec extends NetSpec {
  /** lambda of the L2 penalty (lambda/2)||W||^2: adds lambda W to the gradient. */
  l2: number;
  /** lambda_1 of the L1 penalty lambda_1 ||W||_1, applied by its proximal step (soft threshold by eta lambda_1) after each update. */
  l1: number;
}

export interface RunOptions {
  optimizer: 'adam' | 'sgd';
  lr: number;
  /** Seed of the initial weights: the same for both runs of a comparison. */
  initSeed: number;
  /** Seed of the dropout masks. */
  dropSeed: number;
}

/**
 * A network trained by mini-batch steps on the cross-entropy plus penalties;
 * evaluation always uses the full network. L2 goes through the optimizer
 * (lambda W added to the gradient: W <- (1 - eta lambda) W - eta g under plain
 * SGD). L1 is applied by its proximal step, the soft threshold
 * W <- sign(W) max(|W| - eta lambda_1, 0), after the optimizer's update: small
 * weights land on exactly 0 and stay there while their gradient is under lambda_1,
 * where the sign(W) subgradient would make them flip around 0 by eta lambda_1.
 */
export class RegRun {
  readonly net: RegNet;
  private readonly opt: Optimizer;
  private readonly best: Tensor[];
  /** Sum over steps of the fraction of hidden units kept: kept / steps -> 1 - p. */
  private readonly keptSum: Tensor = keep(scalar(0));
  private readonly lr: number;
  steps = 0;

  constructor(
    readonly spec: RegSpec,
    o: RunOptions,
  ) {
    this.net = new RegNet(spec, new Rng(o.initSeed), new Rng(o.dropSeed));
    this.opt = makeOptimizer(o.optimizer, { lr: o.lr, weightDecay: spec.l2 });
    this.lr = o.lr;
    this.best = this.net.params().map((p) => keep(zeros(p.shape)));
    this.snapshot();
  }

  get dropsHidden(): boolean {
    return this.spec.p > 0;
  }

  /** One optimizer step on the mini-batch (x [b, 2], y [b, 1]) through a freshly sampled thinned network. */
  step(x: Tensor, y: Tensor): void {
    const params = this.net.params();
    tidy(() => {
      const { grads } = valueAndGrad(() => lossOf(this.net.forward(x, true), y), params);
      this.opt.step(params, grads);
      if (this.spec.l1 > 0) this.softThreshold(this.lr * this.spec.l1);
      if (this.dropsHidden) {
        const m1 = this.net.drop1.mask!;
        const m2 = this.net.drop2.mask!;
        // the mean over both hidden layers' masks of [m > 0]
        const kept = mul(add(mean(greater(m1, 0)), mean(greater(m2, 0))), 0.5);
        assign(this.keptSum, add(this.keptSum, kept));
      }
    });
    this.steps++;
  }

  /** The proximal step of tau ||W||_1 on every weight matrix (not the biases): W <- sign(W) max(|W| - tau, 0). */
  private softThreshold(tau: number): void {
    for (const w of this.net.weights()) assign(w, mul(sign(w), relu(sub(abs(w), tau))));
  }

  /** Mean fraction of hidden units kept per step so far (NaN before any dropout step). */
  async keptFraction(): Promise<number> {
    return (await this.keptSum.read())[0] / this.steps;
  }

  /** Loss and accuracy of the full (weight-scaled) network on x, y; two kept scalars to read and dispose. */
  evaluate(x: Tensor, y: Tensor): { loss: Tensor; acc: Tensor } {
    const z = noGradEval(() => this.net.forward(x, false));
    const loss = noGradEval(() => lossOf(z, y));
    // a logit above 0 is a probability above 1/2
    const acc = noGradEval(() => accuracyOf(z, y, 0));
    z.dispose();
    return { loss, acc };
  }

  /** The training loss of the full network on x, y; a kept scalar to read and dispose. */
  lossOn(x: Tensor, y: Tensor): Tensor {
    return noGradEval(() => lossOf(this.net.forward(x, false), y));
  }

  /** Copies the current weights aside (the best so far). */
  snapshot(): void {
    this.net.params().forEach((p, i) => assign(this.best[i], p));
  }

  /** Puts the snapshot back into the network. */
  restore(): void {
    this.net.params().forEach((p, i) => assign(p, this.best[i]));
  }

  /** The weight matrices, flattened and concatenated on the host (W1, W2, W3). */
  async weightValues(): Promise<Float32Array> {
    const parts = await Promise.all(this.net.weights().map((w) => w.read()));
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let k = 0;
    for (const p of parts) {
      out.set(p, k);
      k += p.length;
    }
    return out;
  }

  dispose(): void {
    this.net.dispose();
    this.opt.dispose();
    for (const t of this.best) t.dispose();
    this.keptSum.dispose();
  }
}
