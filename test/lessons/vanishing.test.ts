import { describe, expect, it } from 'vitest';
import { data, tidy, valueAndGrad, variable } from '../../src/engine';
import { defaults } from '../../src/ui/params';
import { CLIFF_STEPS, CliffRun, cliffLoss } from '../../src/lessons/vanishing/cliff';
import { DeepNetRun } from '../../src/lessons/vanishing/deepNet';
import { experiment } from '../../src/lessons/vanishing/experiment';
import { DIM, JacobianRun, matrixWithRadius } from '../../src/lessons/vanishing/jacobians';
import { meta } from '../../src/lessons/vanishing/meta';
import { readParams, type VanishingParams } from '../../src/lessons/vanishing/params';
import { Rng } from '../../src/engine';

const P = (over: Partial<VanishingParams>) => readParams({ ...defaults(meta.params), ...over } as Record<string, number | string>);

async function ratiosOver(p: VanishingParams, steps: number): Promise<number[]> {
  const run = new DeepNetRun(p);
  const out: number[] = [];
  for (let s = 0; s < steps; s++) {
    run.step();
    out.push((await run.metrics()).grad_ratio);
  }
  run.dispose();
  return out;
}

describe('deep MLP: vanishing gradients and initialization (Glorot & Bengio 2010)', () => {
  it('sigmoid, 5 hidden layers, naive init: ||dL/dW_1|| is over 10x smaller than ||dL/dW_L|| in the first steps', async () => {
    for (const seed of [1, 2]) {
      const r = await ratiosOver(P({ activation: 'sigmoid', init: 'naive', depth: 5, seed }), 4);
      for (const v of r) expect(v).toBeLessThan(0.1);
    }
  });

  it('sigmoid, naive init: gradient norms grow layer by layer from the bottom to the top', async () => {
    const run = new DeepNetRun(P({ activation: 'sigmoid', init: 'naive', depth: 6 }));
    run.step();
    const n = await run.gradNorms();
    expect(n).toHaveLength(7);
    for (let l = 1; l < n.length; l++) expect(n[l]).toBeGreaterThan(n[l - 1]);
    run.dispose();
  });

  it('tanh with Glorot init: the bottom/top ratio stays within 10x while it trains', async () => {
    for (const seed of [1, 2]) {
      const r = await ratiosOver(P({ activation: 'tanh', init: 'glorot', depth: 5, seed }), 8);
      for (const v of r) {
        expect(v).toBeGreaterThan(0.1);
        expect(v).toBeLessThan(10);
      }
    }
  });

  it('tanh + Glorot learns the circles where sigmoid + naive stays at chance', async () => {
    const acc = async (p: VanishingParams) => {
      const run = new DeepNetRun(p);
      for (let s = 0; s < 150; s++) run.step();
      const m = await run.metrics();
      run.dispose();
      return m;
    };
    const good = await acc(P({ activation: 'tanh', init: 'glorot', depth: 4, width: 16 }));
    const bad = await acc(P({ activation: 'sigmoid', init: 'naive', depth: 4, width: 16 }));
    expect(good.accuracy).toBeGreaterThan(0.9);
    expect(bad.accuracy).toBeLessThan(0.7);
    expect(bad.loss).toBeGreaterThan(0.68);
  });

  it('saturation: a large init scale drives sigmoid units to their flat ends; scale 1 does not', async () => {
    const sat = async (scale: number) => {
      const run = new DeepNetRun(P({ activation: 'sigmoid', scale, depth: 3, width: 16 }));
      run.step();
      // the run loop asks for both at once: they must describe the same weights
      const [m, f] = await Promise.all([run.metrics(), run.frame()]);
      const perLayer = f.sat as Float32Array;
      expect(m.saturation).toBeCloseTo(perLayer.reduce((a, b) => a + b, 0) / perLayer.length, 6);
      run.dispose();
      return { m, f };
    };
    const big = await sat(8);
    const one = await sat(1);
    expect(big.m.saturation).toBeGreaterThan(0.3);
    expect(one.m.saturation).toBeLessThan(0.05);
    // per-layer histograms sum to 1 over their bins
    const h = big.f.hist as Float32Array;
    expect(h.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 4);
  });

  it('the same seed gives the same numbers; another seed does not', async () => {
    const run = async (seed: number) => {
      const r = new DeepNetRun(P({ activation: 'tanh', init: 'glorot', depth: 3, width: 8, seed }));
      for (let s = 0; s < 5; s++) r.step();
      const m = await r.metrics();
      r.dispose();
      return m;
    };
    expect(await run(3)).toEqual(await run(3));
    expect((await run(3)).loss).not.toBe((await run(4)).loss);
  });
});

describe('product of Jacobians: h_t = W^t h_0 (Goodfellow 8.2.5, 10.7)', () => {
  const norms = async (rho: number, recurrence: 'linear' | 'tanh', steps: number) => {
    const run = new JacobianRun(P({ view: 'jacobian', rho, recurrence }));
    for (let s = 0; s < steps; s++) await run.step();
    const m = run.metrics();
    const f = run.frame();
    run.dispose();
    return { m, f };
  };

  it('W has spectral radius rho: its largest eigenvalue magnitude is rho', () => {
    const { eig } = matrixWithRadius(1.1, DIM, new Rng(1));
    expect(Math.max(...Array.from(eig, Math.abs))).toBeCloseTo(1.1, 12);
  });

  it('radius 0.9: ||h_t|| and the back-propagated gradient shrink over 50 steps', async () => {
    const { m, f } = await norms(0.9, 'linear', 50);
    expect(m.t).toBe(50);
    expect(m.h_norm).toBeLessThan(0.05);
    expect(m.grad_norm).toBeLessThan(0.05);
    const h = f.hnorm as Float32Array;
    expect(h).toHaveLength(51);
    expect(h[50]).toBeLessThan(h[25]);
    expect(h[25]).toBeLessThan(h[0]);
  });

  it('radius 1.1: the same norms grow over 50 steps', async () => {
    const { m, f } = await norms(1.1, 'linear', 50);
    expect(m.h_norm).toBeGreaterThan(5);
    expect(m.grad_norm).toBeGreaterThan(5);
    const h = f.hnorm as Float32Array;
    expect(h[50]).toBeGreaterThan(h[25]);
  });

  it('the gradient the tape gives is (W^T)^t u, computed by hand', async () => {
    const run = new JacobianRun(P({ view: 'jacobian', rho: 1.05 }));
    for (let s = 0; s < 20; s++) await run.step();
    const { W } = matrixWithRadius(1.05, DIM, new Rng(1));
    // W is symmetric, so (W^T)^t u = W^t u; u is the third vector drawn after Q and h_0
    const rng = new Rng(1);
    matrixWithRadius(1.05, DIM, rng);
    const draw = () => {
      const v = Array.from({ length: DIM }, () => rng.normal());
      const s = Math.hypot(...v);
      return v.map((x) => x / s);
    };
    draw();
    let u = draw();
    for (let t = 0; t < 20; t++) u = u.map((_, a) => u.reduce((s, ub, b) => s + W[a * DIM + b] * ub, 0));
    expect(run.metrics().grad_norm).toBeCloseTo(Math.hypot(...u), 3);
    run.dispose();
  });

  it('with tanh the state stays bounded even above radius 1', async () => {
    const { m } = await norms(1.4, 'tanh', 50);
    expect(m.h_norm).toBeLessThanOrEqual(Math.sqrt(DIM));
  });
});

describe('cliff and gradient-norm clipping (Goodfellow 8.2.4, 10.11.1)', () => {
  it('the ops-built loss matches the engine cliff surface and its gradient', () => {
    for (const [x0, y0] of [[-2, 1], [-0.1, 0.3], [3, -1]]) {
      const x = variable([x0], [1]);
      const y = variable([y0], [1]);
      tidy(() => {
        const { loss, grads } = valueAndGrad(() => cliffLoss(x, y), [x, y]);
        const [gx, gy] = data.surfaces.cliff.grad(x0, y0);
        expect(loss.item()).toBeCloseTo(data.surfaces.cliff.f(x0, y0), 4);
        expect(grads[0].item()).toBeCloseTo(gx, 3);
        expect(grads[1].item()).toBeCloseTo(gy, 4);
      });
      x.dispose();
      y.dispose();
    }
  });

  it('every clipped step is at most eta r long, while the plain step at the cliff is thrown far', async () => {
    const p = P({ view: 'cliff', lr: 1.5, clip: 1 });
    const run = new CliffRun(p);
    let worst = 0;
    while (!run.done) {
      await run.step();
      worst = Math.max(worst, run.metrics().step_clipped);
    }
    const m = run.metrics();
    expect(m.bound).toBe(1.5);
    expect(worst).toBeLessThanOrEqual(1.5 * (1 + 1e-5));
    expect(m.max_step_clipped).toBe(worst);
    expect(m.max_step_plain).toBeGreaterThan(5 * m.bound);
    expect(Math.abs(m.x_clipped - 4)).toBeLessThan(0.5);
    expect(run.frame().clipped).toHaveLength(2 * (CLIFF_STEPS + 1));
    run.dispose();
  });

  it('a view keeps running when only another view’s params change, and rebuilds for its own', async () => {
    const mlp = new DeepNetRun(P({ depth: 2, width: 4 }));
    expect(mlp.setParams({ rho: 1.2, clip: 3 })).toBe(true);
    expect(mlp.setParams({ lr: 0.05 })).toBe(true);
    expect(mlp.setParams({ depth: 3 })).toBe(false);
    mlp.dispose();
    const jac = new JacobianRun(P({ view: 'jacobian' }));
    expect(jac.setParams({ depth: 3, lr: 1 })).toBe(true);
    expect(jac.setParams({ rho: 1.2 })).toBe(false);
    jac.dispose();
    const cliff = new CliffRun(P({ view: 'cliff' }));
    expect(cliff.setParams({ activation: 'tanh' })).toBe(true);
    expect(cliff.setParams({ clip: 2 })).toBe(false);
    cliff.dispose();
  });

  it('the factory builds the view the params name', async () => {
    expect(await experiment({ ...defaults(meta.params) }, { backend: 'cpu' })).toBeInstanceOf(DeepNetRun);
    expect(await experiment({ ...defaults(meta.params), view: 'cliff' }, { backend: 'cpu' })).toBeInstanceOf(CliffRun);
    expect(await experiment({ ...defaults(meta.params), view: 'jacobian' }, { backend: 'cpu' })).toBeInstanceOf(JacobianRun);
  });
});
