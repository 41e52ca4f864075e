/**
 * The product-of-Jacobians view (Goodfellow 8.2.5, 10.7; Bengio 2012):
 * h_t = W h_{t-1} (or tanh(W h_{t-1})) with W = Q diag(lambda) Q^T of spectral
 * radius rho. Each step multiplies by W once more; the norms of h_t and of the
 * back-propagated gradient dL/dh_s for L = u^T h_t follow rho^t.
 */
import { Rng, gradients, keep, l2Norm, matmul, mul, record, sum, tanh, tensor, tidy, variable, type Tensor } from '../../engine';
import type { Experiment } from '../../engine/worker/experiment';
import { DIM, HORIZON, irrelevant, type JacobianFrame, type VanishingParams } from './types';

export { DIM, HORIZON };

/** A seeded orthogonal [n, n] matrix (Gram-Schmidt on a Gaussian one), row-major; its rows are the eigenvectors. */
export function orthogonal(n: number, rng: Rng): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) q[i * n + j] = rng.normal();
    for (let k = 0; k < i; k++) {
      let d = 0;
      for (let j = 0; j < n; j++) d += q[i * n + j] * q[k * n + j];
      for (let j = 0; j < n; j++) q[i * n + j] -= d * q[k * n + j];
    }
    let s = 0;
    for (let j = 0; j < n; j++) s += q[i * n + j] ** 2;
    s = Math.sqrt(s);
    for (let j = 0; j < n; j++) q[i * n + j] /= s;
  }
  return q;
}

/**
 * W = Q^T diag(lambda) Q, symmetric [n, n], with eigenvalues of magnitude rho down to 0.4 rho
 * (seeded signs, the first one +rho): its spectral radius is exactly rho.
 */
export function matrixWithRadius(rho: number, n: number, rng: Rng): { W: Float32Array; Q: Float64Array; eig: Float64Array } {
  const Q = orthogonal(n, rng);
  const eig = new Float64Array(n);
  for (let i = 0; i < n; i++) eig[i] = rho * (1 - (0.6 * i) / (n - 1)) * (i === 0 || rng.next() < 0.5 ? 1 : -1);
  const W = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Q[i * n + a] * eig[i] * Q[i * n + b];
      W[a * n + b] = s;
    }
  }
  return { W, Q, eig };
}

function unitVector(n: number, rng: Rng): Float32Array {
  const v = Float32Array.from({ length: n }, () => rng.normal());
  const s = Math.hypot(...v);
  return v.map((x) => x / s);
}

/** Steps t = 1..HORIZON; reports ||h_t||, ||dL/dh_0|| (L = u^T h_t) and per-s norms for the charts. */
export class JacobianRun implements Experiment<VanishingParams> {
  private t = 0;
  private readonly W: Tensor;
  private readonly h0: Tensor;
  private readonly u: Tensor;
  readonly Q: Float64Array;
  readonly eig: Float64Array;
  // h_0 and u are unit vectors, so at t = 0 both norms are 1
  private hNorms = Float32Array.of(1);
  private gNorms = Float32Array.of(1);
  private coef: Float32Array;

  constructor(readonly p: VanishingParams) {
    const rng = new Rng(p.seed);
    const m = matrixWithRadius(p.rho, DIM, rng);
    this.Q = m.Q;
    this.eig = m.eig;
    this.W = keep(tensor(m.W, [DIM, DIM]));
    // h_0 is a leaf that asks for its gradient, so the tape records the whole chain from it
    const h0 = unitVector(DIM, rng);
    this.h0 = variable(h0, [DIM, 1]);
    this.coef = this.project(h0);
    this.u = keep(tensor(unitVector(DIM, rng), [DIM, 1]));
  }

  get done(): boolean {
    return this.t >= HORIZON;
  }

  get phase(): string {
    return `t = ${this.t}`;
  }

  /** Multiplies by W once more: recomputes h_1..h_t on a tape and back-propagates L = u^T h_t to every h_s. */
  async step(): Promise<void> {
    if (this.done) return;
    this.t++;
    const g = this.p.recurrence === 'tanh' ? tanh : (x: Tensor) => x;
    const { hs, hn, gn } = tidy(() => {
      const { result, tape } = record(() => {
        const out = [this.h0];
        for (let s = 1; s <= this.t; s++) out.push(g(matmul(this.W, out[s - 1])));
        return { hs: out, loss: sum(mul(this.u, out[this.t])) };
      });
      const { hs, loss } = result;
      const grads = gradients(tape, loss, hs);
      return { hs: hs[this.t], hn: hs.map(l2Norm), gn: grads.map((d) => l2Norm(d!)) };
    });
    const [ht, hv, gv] = await Promise.all([hs.read(), Promise.all(hn.map((x) => x.read())), Promise.all(gn.map((x) => x.read()))]);
    this.hNorms = Float32Array.from(hv, (v) => v[0]);
    this.gNorms = Float32Array.from(gv, (v) => v[0]);
    // |q_i . h_t|: h_t in the eigenbasis, where the linear map is just lambda_i^t c_i(0)
    this.coef = this.project(ht);
    for (const x of [...hn, ...gn]) x.dispose();
    if (hs !== this.h0) hs.dispose();
  }

  /** |q_i . h| for each eigenvector q_i (rows of Q). */
  private project(h: Float32Array): Float32Array {
    return Float32Array.from({ length: DIM }, (_, i) => {
      let s = 0;
      for (let j = 0; j < DIM; j++) s += this.Q[i * DIM + j] * h[j];
      return Math.abs(s);
    });
  }

  metrics(): Record<string, number> {
    const t = this.t;
    return {
      t,
      h_norm: this.hNorms[this.hNorms.length - 1],
      grad_norm: this.gNorms[0],
      rho: this.p.rho,
      rho_t: this.p.rho ** t,
    };
  }

  frame(): JacobianFrame {
    return { hnorm: this.hNorms.slice(), gnorm: this.gNorms.slice(), coef: this.coef.slice(), eig: Array.from(this.eig) };
  }

  /** Params of the other views leave this one running; its own rebuild it. */
  setParams(v: Partial<VanishingParams>): boolean {
    return irrelevant('jacobian', v);
  }

  dispose(): void {
    this.W.dispose();
    this.h0.dispose();
    this.u.dispose();
  }
}
