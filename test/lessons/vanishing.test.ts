/**
 * The vanishing lesson's code: the records its claims are judged on, the
 * gradients against hand computations, the Jacobian chain and the cliff. The
 * scenes' results themselves are claims in meta.ts, measured over many seeds
 * by `npm run claims -- --lesson vanishing` (and on seeds 1-5 inside npm test).
 */
import { describe, expect, it } from 'vitest';
import { Rng, tidy, valueAndGrad, variable } from '../../src/engine';
import { sceneParams } from '../../src/ui/lesson';
import { parseParams } from '../../src/ui/params';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { CLIFF_STEPS, CliffRun, cliffF, cliffLoss } from '../../src/lessons/vanishing/cliff';
import { DeepNetRun, EVAL_EVERY } from '../../src/lessons/vanishing/model';
import { autoBackend, experiment } from '../../src/lessons/vanishing/experiment';
import { DIM, JacobianRun, matrixWithRadius } from '../../src/lessons/vanishing/jacobians';
import { meta } from '../../src/lessons/vanishing/meta';
import type { VanishingParams } from '../../src/lessons/vanishing/types';

const P = (over: Partial<VanishingParams> = {}) => parseParams(meta.params, over);
const sceneIndex = (title: string) => meta.scenes.findIndex((s) => s.title.startsWith(title));
/** The params of the scene whose title starts with `title`, with `over` on top (a seed, say). */
const S = (title: string, over: Partial<VanishingParams> = {}) => {
  const i = sceneIndex(title);
  expect(i, title).toBeGreaterThanOrEqual(0);
  return parseParams(meta.params, { ...sceneParams(meta, i), ...over });
};
describe('scenes "Depth 10, naive init" and "Depth 10, Glorot init": one change, the initialization', () => {
  it('the two scenes differ in the init only', () => {
    const a = sceneParams(meta, sceneIndex('Depth 10, naive'));
    const b = sceneParams(meta, sceneIndex('Depth 10, Glorot'));
    const diff = Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
    expect(diff).toEqual(['init']);
  });
});

describe('the deep net: the records the claims are judged on', () => {
  it('best accuracy, the first steps at 80% and 95%, loss and saturation extremes are those of the looks at step 0 and every EVAL_EVERY steps; the ratio records are those of every step', async () => {
    const run = new DeepNetRun(P({ activation: 'tanh', init: 'glorot', depth: 3, width: 16, lr: 0.5, seed: 4 }));
    const looks: { s: number; accuracy: number; loss: number; saturation: number }[] = [];
    const grad: number[] = [];
    const delta: number[] = [];
    const steps = 200;
    for (let s = 0; s <= steps; s++) {
      const m = await run.metrics();
      grad.push(m.grad_ratio);
      delta.push(m.delta_ratio);
      if (s % EVAL_EVERY === 0) looks.push({ s, accuracy: m.accuracy, loss: m.loss, saturation: m.saturation });
      if (s < steps) await run.step();
    }
    const m = await run.metrics();
    run.dispose();
    const first = (acc: number) => looks.find((l) => l.accuracy >= acc)?.s ?? -1;
    expect(m.best_accuracy).toBe(Math.max(...looks.map((l) => l.accuracy)));
    expect(m.step_80).toBe(first(0.8));
    expect(m.step_95).toBe(first(0.95));
    // this small net learns, so the first-step records are real steps here
    expect(m.step_80).toBeGreaterThan(0);
    expect(m.loss_min).toBe(Math.min(...looks.map((l) => l.loss)));
    expect(m.loss_max).toBe(Math.max(...looks.map((l) => l.loss)));
    expect(m.sat_max).toBe(Math.max(...looks.map((l) => l.saturation)));
    const sorted = [...grad].sort((x, y) => x - y);
    expect(sorted).toHaveLength(steps + 1);
    expect(m.grad_ratio_median).toBe(sorted[steps / 2]);
    expect(m.grad_ratio_min).toBe(sorted[0]);
    expect(m.grad_ratio_max).toBe(sorted[steps]);
    expect(m.delta_ratio_min).toBe(Math.min(...delta));
    expect(m.delta_ratio_max).toBe(Math.max(...delta));
  });

  it('before any step the records hold step 0 only, and "not reached" is -1 (every metric finite)', async () => {
    const run = new DeepNetRun(S('A deep sigmoid net'));
    const m = await run.metrics();
    run.dispose();
    expect(m.best_accuracy).toBe(m.accuracy);
    expect(m.grad_ratio_median).toBe(m.grad_ratio);
    expect(m.delta_ratio_min).toBe(m.delta_ratio);
    expect(m.step_95).toBe(-1);
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
  });

  it('the per-layer shrink factors and each layer against the output are those of ||dL/da_l||', async () => {
    const run = new DeepNetRun(S('A deep sigmoid net'));
    const [m, a] = await Promise.all([run.metrics(), run.deltaNorms()]);
    run.dispose();
    const shrink = a.slice(1).map((v, l) => v / a[l]);
    expect(m.delta_shrink_min).toBeCloseTo(Math.min(...shrink), 10);
    expect(m.delta_shrink_max).toBeCloseTo(Math.max(...shrink), 10);
    expect(m.delta_rel_min).toBeCloseTo(Math.min(...a.map((v) => v / a[a.length - 1])), 10);
    expect(m.delta_rel_max).toBeCloseTo(1, 10);
  });

  it('||dL/da_l|| from the tape is what backprop by hand gives: dL/dW_l = (dL/da_l)^T h_(l-1) has a norm no larger than ||dL/da_l|| ||h_(l-1)||', async () => {
    const run = new DeepNetRun(S('A deep sigmoid net'));
    const [g, a] = await Promise.all([run.gradNorms(), run.deltaNorms()]);
    // the first layer's input is the 2-D point (|x| <= ~1.1 on the circles, 32 of them): a loose but real bound
    expect(g[0]).toBeLessThanOrEqual(a[0] * Math.sqrt(32) * 1.2 + 1e-12);
    for (const v of [...g, ...a]) expect(v).toBeGreaterThan(0);
    run.dispose();
  });
});

describe('the deep net: bookkeeping', () => {
  it('metrics and frame of one step describe the same weights; per-layer histograms sum to 1', async () => {
    const run = new DeepNetRun(P({ activation: 'sigmoid', scale: 8, depth: 3, width: 16 }));
    await run.step();
    const [m, f] = await Promise.all([run.metrics(), run.frame()]);
    expect(m.saturation).toBeCloseTo(f.sat.reduce((a, b) => a + b, 0) / f.sat.length, 6);
    expect(f.hist.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 4);
    expect(f.gnorm).toHaveLength(4);
    expect(f.anorm).toHaveLength(4);
    expect(m.grad_bottom).toBe(f.gnorm[0]);
    run.dispose();
  });

  it('the same seed gives the same numbers; another seed does not', async () => {
    const run = async (seed: number) => {
      const r = new DeepNetRun(P({ activation: 'tanh', init: 'glorot', depth: 3, width: 8, seed }));
      for (let s = 0; s < 5; s++) await r.step();
      const m = await r.metrics();
      r.dispose();
      return m;
    };
    expect(await run(3)).toEqual(await run(3));
    expect((await run(3)).loss).not.toBe((await run(4)).loss);
  });
});

describe('product of Jacobians: h_t = W^t h_0 (Goodfellow 8.2.5, 10.7)', () => {
  const norms = async (rho: number, recurrence: 'linear' | 'tanh', steps: number, seed = 1) => {
    const run = new JacobianRun(P({ view: 'jacobian', rho, recurrence, seed }));
    for (let s = 0; s < steps; s++) await run.step();
    const m = run.metrics();
    const f = run.frame();
    run.dispose();
    return { m, f };
  };
  /** (W^T)^t u by hand for the scene's W and u (W symmetric; u is the third vector drawn after Q and h_0). */
  const byHand = (rho: number, t: number, seed = 1) => {
    const rng = new Rng(seed);
    const { W } = matrixWithRadius(rho, DIM, rng);
    const draw = () => {
      const v = Array.from({ length: DIM }, () => rng.normal());
      const s = Math.hypot(...v);
      return v.map((x) => x / s);
    };
    draw();
    let u = draw();
    for (let k = 0; k < t; k++) u = u.map((_, a) => u.reduce((s, ub, b) => s + W[b * DIM + a] * ub, 0));
    return Math.hypot(...u);
  };

  it('W has spectral radius rho and is symmetric (so its singular values are the |lambda_i|)', () => {
    const { W, eig } = matrixWithRadius(1.1, DIM, new Rng(1));
    expect(Math.max(...Array.from(eig, Math.abs))).toBeCloseTo(1.1, 12);
    for (let a = 0; a < DIM; a++) for (let b = 0; b < DIM; b++) expect(W[a * DIM + b]).toBeCloseTo(W[b * DIM + a], 6);
  });

  it('above radius 1 (what the scene asks the class to try): at 1.1 the norms grow over 50 steps, from several seeds', async () => {
    // no bound forces growth for every seed (h_0 could miss the top eigenvector), so this is behaviour, not the scene's claim
    for (const seed of [1, 2, 3, 4, 5]) {
      const up = await norms(1.1, 'linear', 50, seed);
      expect(up.m.h_norm, `seed ${seed}`).toBeGreaterThan(5);
      expect(up.m.grad_norm).toBeGreaterThan(5);
      expect(up.f.hnorm[50]).toBeGreaterThan(up.f.hnorm[25]);
    }
  });

  it('linear chain: the gradient the tape gives is ||(W^T)^t u||, computed by hand', async () => {
    const { m } = await norms(1.05, 'linear', 20);
    expect(m.grad_norm).toBeCloseTo(byHand(1.05, 20), 3);
  });

  it('tanh chain: the gradient is not ||(W^T)^t u|| (the diag(1 - h^2) factors), which is why the page shows that formula only for the linear chain', async () => {
    const { m } = await norms(1.05, 'tanh', 20);
    expect(Math.abs(m.grad_norm - byHand(1.05, 20)) / byHand(1.05, 20)).toBeGreaterThan(0.1);
  });

  it('with tanh the state stays bounded even above radius 1', async () => {
    const { m } = await norms(1.4, 'tanh', 50);
    expect(m.h_norm).toBeLessThanOrEqual(Math.sqrt(DIM));
  });
});

describe('cliff and gradient-norm clipping (Goodfellow fig. 8.3, 10.17; Pascanu et al. 2013)', () => {
  it('the ops-built loss and its autodiff gradient match the plain formula and finite differences', () => {
    for (const [x0, y0] of [[-2, 1], [0, 0.3], [3.3, -1], [3.9, 0.2]]) {
      const x = variable([x0], [1]);
      const y = variable([y0], [1]);
      tidy(() => {
        const { loss, grads } = valueAndGrad(() => cliffLoss(x, y), [x, y]);
        const h = 1e-4;
        expect(loss.item()).toBeCloseTo(cliffF(x0, y0), 4);
        expect(grads[0].item()).toBeCloseTo((cliffF(x0 + h, y0) - cliffF(x0 - h, y0)) / (2 * h), 2);
        expect(grads[1].item()).toBeCloseTo(y0, 4);
      });
      x.dispose();
      y.dispose();
    }
  });

  it('the scene and its neighbours (lr 1.2-1.8, r 0.5-1): the plain descent overshoots onto the cliff face, is thrown back onto the plateau and ends above its start; the clipped one settles in the ravine with every step <= eta r', async () => {
    const scene = S('Cliffs and clipping');
    expect([scene.lr, scene.clip]).toEqual([1.5, 1]);
    for (const lr of [1.2, 1.5, 1.8]) {
      for (const clip of [0.5, 1]) {
        const run = new CliffRun(P({ view: 'cliff', lr, clip }));
        let worst = 0;
        while (!run.done) {
          await run.step();
          worst = Math.max(worst, run.metrics().step_clipped);
        }
        const m = run.metrics();
        const at = `lr ${lr}, r ${clip}`;
        expect(m.bound).toBeCloseTo(lr * clip, 12);
        expect(worst, at).toBeLessThanOrEqual(lr * clip * (1 + 1e-5));
        // the scene's claims hold around it too (at the scene: x = 0, 1.58, 4.32 on the cliff face, back to -1.58; again at step 12, then a 34-long jump to x = -30)
        expect(m.x_plain_max, at).toBeGreaterThan(4);
        expect(m.loss_plain_min, at).toBeGreaterThan(0.5);
        expect(m.max_step_plain, at).toBeGreaterThan(10);
        expect(m.x_plain, at).toBeLessThan(-5);
        expect(m.loss_plain, at).toBeGreaterThanOrEqual(m.loss_start);
        expect(m.loss_clipped, at).toBeLessThan(0.1);
        expect(Math.abs(m.x_clipped - 3.3), at).toBeLessThan(0.2);
        const f = run.frame();
        expect(f.clipped).toHaveLength(2 * (CLIFF_STEPS + 1));
        expect(f.loss_plain).toHaveLength(CLIFF_STEPS + 1);
        expect(f.loss_clipped.at(-1)).toBeCloseTo(m.loss_clipped, 6);
        run.dispose();
      }
    }
  });
});

describe('the experiment module', () => {
  it('runs on the cpu under auto and builds the view the params name', async () => {
    expect(autoBackend).toBe('cpu');
    const make = lessonExperiment(meta.params, experiment);
    expect(await make({}, { backend: 'cpu' })).toBeInstanceOf(DeepNetRun);
    expect(await make({ view: 'cliff' }, { backend: 'cpu' })).toBeInstanceOf(CliffRun);
    expect(await make({ view: 'jacobian' }, { backend: 'cpu' })).toBeInstanceOf(JacobianRun);
  });

  it('a view keeps running when only another view’s params change, and rebuilds for its own', () => {
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

  it('every scene fixes the params its view reads, the seed included', () => {
    for (const s of meta.scenes) {
      const view = (s.params?.view ?? 'mlp') as VanishingParams['view'];
      const need = { mlp: ['activation', 'init', 'scale', 'depth', 'width', 'data', 'lr', 'seed'], jacobian: ['rho', 'recurrence', 'seed'], cliff: ['lr', 'clip'] }[view];
      for (const k of need) expect(s.params, `${s.title}: ${k}`).toHaveProperty(k);
    }
  });
});
