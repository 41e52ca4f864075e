import { describe, expect, it } from 'vitest';
import { sceneParams } from '../../src/ui/lesson';
import { data, type Surface } from '../../src/engine';
import { checkValue, defaults } from '../../src/ui/params';
import { clampStart, experiment, Race, readParams, STATE } from '../../src/lessons/optimizers/experiment';
import { meta } from '../../src/lessons/optimizers/meta';
import { Racer, RACERS, type RacerName, type RacerSettings } from '../../src/lessons/optimizers/racer';

const D = defaults(meta.params);

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

describe('optimizer race: behaviour', () => {
  it('on the ill-conditioned quadratic (kappa 50) with a shared learning rate, momentum reaches the tolerance in fewer steps than SGD', async () => {
    const exp = new Race(readParams({ ...D, kappa: 50, lr_sgd: 0.025, lr_momentum: 0.025, steps: 600 }));
    while (!exp.done) await exp.step();
    const m = await exp.metrics();
    expect(m.reached_sgd).toBeGreaterThan(0);
    expect(m.reached_momentum).toBeGreaterThan(0);
    expect(m.reached_momentum).toBeLessThan(m.reached_sgd);
    exp.dispose();
  });

  it("AdaGrad's effective step decreases monotonically with constant gradients; RMSProp's levels off", async () => {
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
    }
    expect(ada.status).toBe('running');
    expect(rms.status).toBe('running');
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
    const exp = await experiment({ ...D, lr_sgd: 0.05 }, { backend: 'cpu' });
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
    const f = await exp.frame!();
    for (const v of f.path_sgd as Float32Array) expect(Number.isFinite(v)).toBe(true);
    const lossMomentum = m.loss_momentum;
    for (let i = 0; i < 20; i++) await exp.step();
    expect((await exp.metrics()).loss_momentum).not.toBe(lossMomentum);
    exp.dispose?.();
  });

  it('every enabled racer lowers its loss on the default surface; disabled racers send nothing', async () => {
    const exp = new Race(readParams({ ...D, on_nesterov: false }));
    const before = await exp.metrics();
    for (let i = 0; i < 100; i++) await exp.step();
    const m = await exp.metrics();
    expect(Object.keys(m).some((k) => k.includes('nesterov'))).toBe(false);
    for (const r of RACERS.filter((r) => r !== 'nesterov')) expect(m[`loss_${r}`], r).toBeLessThan(before[`loss_${r}`] / 10);
    exp.dispose();
  });

  it('gradient noise is seeded: the same seed repeats the race exactly, another seed does not', async () => {
    const run = async (seed: number) => {
      const exp = new Race(readParams({ ...D, noise: 1, seed }));
      for (let i = 0; i < 50; i++) await exp.step();
      const f = await exp.frame();
      exp.dispose();
      return Array.from(f.path_adam as Float32Array);
    };
    expect(await run(3)).toEqual(await run(3));
    expect(await run(3)).not.toEqual(await run(4));
  });

  it('the 1/t schedule: alpha_t = lr tau / max(t, tau)', async () => {
    const exp = new Race(readParams({ ...D, schedule: true, tau: 10, lr_sgd: 0.02 }));
    for (let i = 0; i < 40; i++) await exp.step();
    const f = await exp.frame();
    const s = f.state_sgd as Float32Array;
    expect(s[STATE.t]).toBe(40);
    expect(s[STATE.lr]).toBeCloseTo((0.02 * 10) / 40, 7);
    expect((f.path_sgd as Float32Array).length).toBe(2 * 41);
    exp.dispose();
  });

  it('a start point from the link is clamped into the surface view; the saddle counts escapes, not divergence', async () => {
    expect(clampStart(data.surfaces.rosenbrock, 7, -4)).toEqual([2, -1]);
    const exp = new Race(readParams({ ...D, ...sceneParams(meta, 1) }));
    while (!exp.done) await exp.step();
    const m = await exp.metrics();
    expect(m.escaped_momentum).toBe(1);
    expect(m.diverged_momentum).toBe(0);
    // started on the ridge, plain SGD lingers by the saddle longer than momentum
    expect(m.escaped_sgd).toBe(1);
    expect(m.stopped_momentum).toBeLessThan(m.stopped_sgd);
    exp.dispose();
  });

  it('every scene sets only params of the schema, with valid values', () => {
    for (const sc of meta.scenes) {
      for (const [k, v] of Object.entries(sc.params ?? {})) {
        const p = meta.params.find((q) => q.key === k);
        expect(p, `${sc.title}: ${k}`).toBeDefined();
        expect(checkValue(p!, v).problem, `${sc.title}: ${k}`).toBeUndefined();
      }
    }
  });
});
