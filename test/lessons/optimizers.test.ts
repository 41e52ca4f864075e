import { describe, expect, it } from 'vitest';
import { data, type Surface } from '../../src/engine';
import { experiment, noiseStd, Race } from '../../src/lessons/optimizers/experiment';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import { meta, params } from '../../src/lessons/optimizers/meta';
import { Racer, type RacerSettings } from '../../src/lessons/optimizers/model';
import { clampStart, distanceToMinimum } from '../../src/lessons/optimizers/surface';
import { NOTATION_TEX, RULES, SCHEDULE_TEX } from '../../src/lessons/optimizers/ruleTex';
import { RACERS, STATE, TAIL, type OptimizersParams, type RacerName } from '../../src/lessons/optimizers/types';
import { sceneParams } from '../../src/ui/lesson';
import { parseParams } from '../../src/ui/params';

/** The lesson's values for raw input, parsed by the schema as the worker does. */
const values = (raw: Record<string, unknown> = {}): OptimizersParams => parseParams(params, raw);
/** Scene i's values (every param the scene fixes, the schema's defaults for the rest), with overrides. */
const scene = (i: number, over: Partial<OptimizersParams> = {}) => values({ ...sceneParams(meta, i), ...over });

/** Runs a racer n steps and returns theta after each. */
async function trajectory(name: RacerName, s: RacerSettings, surface: Surface, start: [number, number], n: number): Promise<[number, number][]> {
  const r = new Racer(name, s, surface, start, 0, 1, 1e-9);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    await r.step();
    out.push([r.x, r.y]);
  }
  r.dispose();
  return out;
}

/** The rules of lecture 002 written out by hand in float64, per coordinate, for f = (x^2 + k y^2)/2 (g = (x, k y)). */
function byHand(name: RacerName, s: Required<Omit<RacerSettings, 'tau'>>, k: number, start: [number, number], n: number): [number, number][] {
  let th = [...start];
  let prev = [...start];
  let v = [0, 0];
  let G = [0, 0];
  let m = [0, 0];
  const out: [number, number][] = [];
  for (let t = 1; t <= n; t++) {
    const g = [th[0], k * th[1]];
    const next = [0, 1].map((j) => {
      switch (name) {
        case 'sgd':
          return th[j] - s.lr * g[j];
        case 'momentum': // theta_t = theta_{t-1} - a g + gamma (theta_{t-1} - theta_{t-2})
          return th[j] - s.lr * g[j] + s.momentum * (th[j] - prev[j]);
        case 'nesterov': // v_t = gamma v - a g; theta_t = theta_{t-1} + gamma v_t - a g
          v[j] = s.momentum * v[j] - s.lr * g[j];
          return th[j] + s.momentum * v[j] - s.lr * g[j];
        case 'adagrad':
          G[j] += g[j] ** 2;
          return th[j] - (s.lr / Math.sqrt(G[j] + s.eps)) * g[j];
        case 'rmsprop':
          G[j] = s.decay * G[j] + (1 - s.decay) * g[j] ** 2;
          return th[j] - (s.lr / Math.sqrt(G[j] + s.eps)) * g[j];
        case 'adam': {
          m[j] = s.beta1 * m[j] + (1 - s.beta1) * g[j];
          G[j] = s.beta2 * G[j] + (1 - s.beta2) * g[j] ** 2;
          const mh = m[j] / (1 - s.beta1 ** t);
          const vh = G[j] / (1 - s.beta2 ** t);
          return th[j] - (s.lr * mh) / (Math.sqrt(vh) + s.eps);
        }
      }
    });
    prev = th;
    th = next;
    out.push([th[0], th[1]]);
  }
  return out;
}

describe('optimizer race: the engine rules on a 2-vector', () => {
  const k = 10;
  const q = data.quadratic(k);
  const start: [number, number] = [1, 1];
  const s = { lr: 0.05, momentum: 0.9, decay: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

  it('SGD on (x^2 + 10 y^2)/2 with lr 0.05: x_t = 0.95^t, y_t = 0.5^t', async () => {
    const got = await trajectory('sgd', s, q, start, 5);
    got.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(0.95 ** (i + 1), 6);
      expect(y).toBeCloseTo(0.5 ** (i + 1), 6);
    });
  });

  it('momentum, first steps by hand: (0.95, 0.5), (0.8575, -0.2), (0.731375, -0.73)', async () => {
    // v1 = -0.05 g(1,1) = (-0.05, -0.5); v2 = 0.9 v1 - 0.05 (0.95, 5) = (-0.0925, -0.7); v3 = 0.9 v2 - 0.05 (0.8575, -2)
    const got = await trajectory('momentum', s, q, start, 3);
    const want = [
      [0.95, 0.5],
      [0.8575, -0.2],
      [0.8575 - 0.08325 - 0.042875, -0.2 - 0.63 + 0.1],
    ];
    got.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(want[i][0], 5);
      expect(y).toBeCloseTo(want[i][1], 5);
    });
  });

  for (const name of RACERS) {
    it(`${name}: the first 5 steps equal the update rule computed by hand`, async () => {
      const got = await trajectory(name, s, q, start, 5);
      const want = byHand(name, s, k, start, 5);
      got.forEach(([x, y], i) => {
        expect(x, `x at step ${i + 1}`).toBeCloseTo(want[i][0], 5);
        expect(y, `y at step ${i + 1}`).toBeCloseTo(want[i][1], 5);
      });
    });
  }
});

/** Runs a race to its end; per racer the mean distance to the nearest minimum over the last `tail` steps. */
async function race(p: OptimizersParams, tail = 200): Promise<{ m: Record<string, number>; exp: Race; meanDist: Record<string, number> }> {
  const exp = new Race(p);
  const sums: Record<string, number> = {};
  let t = 0;
  while (!exp.done) {
    await exp.step();
    t++;
    if (t > p.steps - tail) for (const r of exp.racers) sums[r.name] = (sums[r.name] ?? 0) + distanceToMinimum(exp.surface, r.x, r.y);
  }
  const meanDist = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / tail]));
  const m = exp.metrics();
  exp.dispose();
  return { m, exp, meanDist };
}

describe('optimizer race: the schema is the one source of values', () => {
  it('parsing {} gives each racer the schema’s own learning rate, and the experiment runs with it', async () => {
    const want: Record<RacerName, number> = { sgd: 0.025, momentum: 0.025, nesterov: 0.025, adagrad: 0.5, rmsprop: 0.05, adam: 0.1 };
    for (const r of RACERS) expect(params.find((p) => p.key === `lr_${r}`)?.default, r).toBe(want[r]);
    // through the worker's entry: raw {} in, parsed by the schema
    const exp = await lessonExperiment(params, experiment)({}, { backend: 'cpu' });
    await exp.step();
    const f = (await exp.frame!()) as Record<string, Float32Array>;
    for (const r of RACERS) expect(f[`state_${r}`][STATE.lr], r).toBeCloseTo(want[r], 7);
    exp.dispose?.();
  });

  it('the noise each racer sees is sigma / sqrt(B): sigma 2 with B = 4 runs exactly as sigma 1 with B = 1', async () => {
    expect(noiseStd({ noise: 2, batch: 4 })).toBe(1);
    const path = async (noise: number, batch: number) => {
      const exp = new Race(values({ noise, batch, seed: 7 }));
      for (let i = 0; i < 30; i++) await exp.step();
      const f = await exp.frame();
      exp.dispose();
      return Array.from(f.path_sgd!);
    };
    expect(await path(2, 4)).toEqual(await path(1, 1));
    expect(await path(2, 4)).not.toEqual(await path(2, 1));
  });
});

describe('optimizer race: behaviour', () => {
  it('AdaGrad’s effective step decreases monotonically with constant gradients; RMSProp’s levels off', async () => {
    // a plane: the gradient is (2, -0.5) everywhere (a wide view, so no racer leaves it in 100 steps)
    const plane: Surface = { ...data.quadratic(1), f: (x, y) => 2 * x - 0.5 * y, grad: () => [2, -0.5], minima: [], domain: { x: [-1e3, 1e3], y: [-1e3, 1e3] } };
    const ada = new Racer('adagrad', { lr: 0.1, eps: 1e-8 }, plane, [0, 0], 0, 1, 0.01);
    const rms = new Racer('rmsprop', { lr: 0.1, decay: 0.9, eps: 1e-8 }, plane, [0, 0], 0, 1, 0.01);
    const etaAda: [number, number][] = [];
    const etaRms: [number, number][] = [];
    for (let t = 1; t <= 100; t++) {
      await ada.step();
      await rms.step();
      etaAda.push(await ada.effectiveStep());
      etaRms.push(await rms.effectiveStep());
      // the step actually taken is the factor times g
      expect(Math.abs(ada.delta[0])).toBeCloseTo(etaAda[t - 1][0] * 2, 6);
    }
    for (let i = 1; i < etaAda.length; i++) {
      expect(etaAda[i][0]).toBeLessThan(etaAda[i - 1][0]);
      expect(etaAda[i][1]).toBeLessThan(etaAda[i - 1][1]);
    }
    // G_t = t g^2, so the step is alpha / (sqrt(t) |g|)
    expect(etaAda[99][0]).toBeCloseTo(0.1 / (Math.sqrt(100) * 2), 5);
    // RMSProp's G tends to g^2: its step settles at alpha / |g| instead of vanishing
    expect(etaRms[99][0]).toBeCloseTo(0.1 / 2, 4);
    expect(etaRms[99][1]).toBeCloseTo(0.1 / 0.5, 3);
    ada.dispose();
    rms.dispose();
  });

  it('a too-large learning rate is reported as diverged (finite metrics) while the others keep running', async () => {
    // kappa 50 and lr 0.05: |1 - 0.05 * 50| = 1.5 > 1, so SGD's y grows by 1.5 each step
    const exp = await experiment(values({ lr_sgd: 0.05 }), { backend: 'cpu' });
    const before = await exp.metrics();
    for (let i = 0; i < 60; i++) await exp.step();
    const m = await exp.metrics();
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
    expect(m.diverged_sgd).toBe(1);
    for (const r of RACERS.filter((r) => r !== 'sgd')) {
      expect(m[`diverged_${r}`], r).toBe(0);
      expect(m[`loss_${r}`], r).toBeLessThan(before[`loss_${r}`]);
    }
    expect(exp.done).toBe(false);
    const f = (await exp.frame!()) as Record<string, Float32Array>;
    for (const v of f.path_sgd) expect(Number.isFinite(v)).toBe(true);
    const lossMomentum = m.loss_momentum;
    for (let i = 0; i < 20; i++) await exp.step();
    expect((await exp.metrics()).loss_momentum).not.toBe(lossMomentum);
    exp.dispose?.();
  });

  it('every enabled racer lowers its loss on the default surface; disabled racers send nothing', async () => {
    const exp = new Race(values({ on_nesterov: false }));
    const before = exp.metrics();
    for (let i = 0; i < 100; i++) await exp.step();
    const m = exp.metrics();
    expect(Object.keys(m).some((k) => k.includes('nesterov'))).toBe(false);
    for (const r of RACERS.filter((r) => r !== 'nesterov')) expect(m[`loss_${r}`], r).toBeLessThan(before[`loss_${r}`] / 10);
    exp.dispose();
  });

  it('gradient noise is seeded: the same seed repeats the race exactly, another seed does not', async () => {
    const run = async (seed: number) => {
      const exp = new Race(values({ noise: 1, seed }));
      for (let i = 0; i < 50; i++) await exp.step();
      const f = await exp.frame();
      exp.dispose();
      return Array.from(f.path_adam!);
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });

  it('the 1/t schedule: alpha_t = lr tau / max(t, tau); the frame carries the last step taken', async () => {
    const exp = new Race(values({ schedule: true, tau: 10, lr_sgd: 0.02 }));
    for (let i = 0; i < 40; i++) await exp.step();
    const f = await exp.frame();
    const s = f.state_sgd!;
    expect(s[STATE.t]).toBe(40);
    expect(s[STATE.lr]).toBeCloseTo((0.02 * 10) / 40, 7);
    const path = f.path_sgd!;
    expect(path.length).toBe(2 * 41);
    expect(s[STATE.dx]).toBeCloseTo(path[80] - path[78], 6);
    expect(s[STATE.dy]).toBeCloseTo(path[81] - path[79], 6);
    // SGD's step is alpha_t g
    expect(s[STATE.dx]).toBeCloseTo(-s[STATE.lr] * s[STATE.gx], 6);
    const m = exp.metrics();
    expect(m.step_sgd_x).toBeCloseTo(Math.abs(s[STATE.dx]), 6);
    expect(m.dist_sgd).toBeCloseTo(Math.hypot(path[80], path[81]), 5);
    exp.dispose();
  });

  it('a start point from the link is clamped into the surface view', () => {
    expect(clampStart(data.surfaces.rosenbrock, 7, -4)).toEqual([2, -1]);
  });
});

// The scenes' results are claims (meta.ts), measured over seeds by `npm run claims`; here only what those claims rest on.
describe('optimizer race: what the scenes’ claims rest on', () => {
  it('avgdist_<r> is the mean distance to the nearest minimum over the last TAIL steps, kept by the experiment itself', async () => {
    const p = scene(4, { steps: TAIL + 150, seed: 5 });
    const { m, meanDist } = await race(p, TAIL);
    for (const r of RACERS) expect(m[`avgdist_${r}`], r).toBeCloseTo(meanDist[r], 12);
  });

  it('travel_<r>_x|y adds up |theta_j,t - theta_j,t-1| along the path; x_<r>, y_<r> are theta now', async () => {
    const exp = new Race(scene(0, { steps: 40 }));
    while (!exp.done) await exp.step();
    const m = exp.metrics();
    const f = await exp.frame();
    for (const r of RACERS) {
      const path = f[`path_${r}`]!;
      let tx = 0;
      let ty = 0;
      for (let i = 2; i < path.length; i += 2) {
        tx += Math.abs(path[i] - path[i - 2]);
        ty += Math.abs(path[i + 1] - path[i - 1]);
      }
      expect(m[`travel_${r}_x`], r).toBeCloseTo(tx, 4);
      expect(m[`travel_${r}_y`], r).toBeCloseTo(ty, 4);
      expect(m[`x_${r}`], r).toBeCloseTo(path[path.length - 2], 5);
      expect(m[`y_${r}`], r).toBeCloseTo(path[path.length - 1], 5);
    }
    exp.dispose();
  });

  it('a racer that diverges stops adding to its travel; every metric stays finite', async () => {
    const exp = new Race(scene(7, { steps: 50 }));
    while (!exp.done) await exp.step();
    const m = exp.metrics();
    for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
    expect(m.diverged_sgd).toBe(1);
    // the path holds only the points inside the bound, and the travel only the steps between them
    const path = (await exp.frame()).path_sgd!;
    let tx = 0;
    for (let i = 2; i < path.length; i += 2) tx += Math.abs(path[i] - path[i - 2]);
    expect(path.length / 2 - 1).toBeLessThan(m.stopped_sgd);
    expect(m.travel_sgd_x).toBeCloseTo(tx, 2);
    exp.dispose();
  });

  it('the scenes without gradient noise run the same race whatever the seed, so their claims hold on every seed or none', async () => {
    const noiseFree = meta.scenes.map((_, i) => i).filter((i) => scene(i).noise === 0);
    expect(noiseFree).toEqual([0, 1, 2, 3, 6, 7]);
    for (const i of noiseFree) {
      const run = async (seed: number) => {
        const exp = new Race(scene(i, { seed }));
        for (let k = 0; k < 60 && !exp.done; k++) await exp.step();
        const m = exp.metrics();
        exp.dispose();
        return m;
      };
      expect(await run(2), meta.scenes[i].title).toEqual(await run(1));
    }
  });

  it('every scene states its results as claims, and the claim ids are unique', () => {
    const ids = meta.scenes.flatMap((s) => (s.claims ?? []).map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of meta.scenes) expect(s.claims?.length, s.title).toBeGreaterThan(0);
    expect(meta.scenes.map((s) => s.params?.surface)).toEqual(['quadratic', 'saddle', 'rosenbrock', 'cliff', 'quadratic', 'quadratic', 'himmelblau', 'beale']);
  });

  it('the seven update equations share one notation: theta_t from theta_{t-1}, with alpha_t and g_t = g(theta_{t-1})', () => {
    for (const r of RACERS) {
      const tex = RULES[r];
      expect(tex, r).not.toMatch(/t\+1/);
      expect(tex, r).toMatch(/\\theta_(\{j,)?t\}? = \\theta_\{(j,)?t-1\}/);
      expect(tex, r).toContain('\\alpha_t');
      expect(tex, r).toMatch(/g_(t|\{j,t\})/);
      expect(tex, r).not.toMatch(/g\(\\theta/);
    }
    expect(SCHEDULE_TEX).toContain('\\alpha_t');
    expect(NOTATION_TEX).toContain('g_t = g(\\theta_{t-1})');
  });
});
