import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';

const G = [0.5, -0.25, 1.0];

/** Runs three steps on a one-element param starting at 1 with gradients 0.5, -0.25, 1. */
function threeSteps(opt: E.Optimizer): number[] {
  const p = E.variable([1], [1]);
  const seen: number[] = [];
  for (const g of G) {
    E.tidy(() => opt.step([p], [E.tensor([g], [1])]));
    seen.push(p.item());
  }
  p.dispose();
  opt.dispose();
  return seen;
}

// Values worked out by hand from the update rules of lecture 002 (lr 0.1 throughout).
describe('optimizers: first three steps against hand-computed values', () => {
  const cases: [string, () => E.Optimizer, number[]][] = [
    // theta - 0.1 g
    ['sgd', () => new E.SGD(0.1), [0.95, 0.975, 0.875]],
    // v = 0.9 v - 0.1 g; theta += v: v = -0.05, -0.02, -0.118
    ['momentum', () => new E.Momentum({ lr: 0.1, momentum: 0.9 }), [0.95, 0.93, 0.812]],
    // theta += 0.9 v_new - 0.1 g
    ['nesterov', () => new E.Nesterov({ lr: 0.1, momentum: 0.9 }), [0.905, 0.912, 0.7058]],
    // G = 0.25, 0.3125, 1.3125
    ['adagrad', () => new E.AdaGrad({ lr: 0.1, eps: 1e-8 }), [0.9, 0.9447214, 0.8574342]],
    // G = 0.025, 0.02875, 0.125875
    ['rmsprop', () => new E.RMSProp({ lr: 0.1, decay: 0.9, eps: 1e-8 }), [0.6837722, 0.8312142, 0.5493565]],
    // m_hat = 0.5, 0.1052632, 0.4354244; v_hat = 0.25, 0.1562031, 0.4377502; theta -= 0.1 m_hat / (sqrt(v_hat) + eps)
    ['adam', () => new E.Adam({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 }), [0.9, 0.8733663, 0.8075552]],
    // the same with eps = 0.1, where inside and outside the root differ: sqrt(v_hat) + 0.1 = 0.6, 0.4952254, 0.7616269
    // (sqrt(v_hat + 0.1) would be 0.5916080, 0.5061651, 0.7333145: 0.9154845 after one step)
    ['adam, large eps (outside the root)', () => new E.Adam({ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 0.1 }), [0.9166667, 0.8954113, 0.8382406]],
  ];
  for (const [name, make, want] of cases) {
    it(name, () => {
      const got = threeSteps(make());
      got.forEach((v, i) => expect(v, `step ${i + 1}`).toBeCloseTo(want[i], 5));
    });
  }

  it('exposes its state as tensors (velocity, accumulators, moments)', () => {
    const p = E.variable([1], [1]);
    const m = new E.Momentum({ lr: 0.1 });
    const a = new E.Adam({ lr: 0.1 });
    E.tidy(() => m.step([p], [E.tensor([0.5], [1])]));
    E.tidy(() => a.step([p], [E.tensor([0.5], [1])]));
    expect(m.state.velocity[0].item()).toBeCloseTo(-0.05, 6);
    expect(a.state.m[0].item()).toBeCloseTo(0.05, 6);
    expect(a.state.v[0].item()).toBeCloseTo(0.00025, 8);
    expect(a.t).toBe(1);
    p.dispose();
  });
});

describe('Adam keeps its scale invariance for tiny gradients (eps outside the root)', () => {
  it('with |g| = 1e-5 the first step is alpha, as with |g| = 1 (eps inside the root would give about alpha / 10)', () => {
    for (const g of [1, 1e-3, 1e-5]) {
      const p = E.variable([0], [1]);
      const opt = new E.Adam({ lr: 0.01 });
      E.tidy(() => opt.step([p], [E.tensor([g], [1])]));
      // step = alpha g / (|g| + 1e-8): 0.999 alpha at g = 1e-5
      expect(-p.item() / 0.01, `g = ${g}`).toBeGreaterThan(0.998);
      expect(-p.item() / 0.01).toBeLessThanOrEqual(1.0000001);
      p.dispose();
      opt.dispose();
    }
  });
});

describe('state belongs to the parameter, not to its position', () => {
  it('the same params in another order take the same steps as in the first order', () => {
    const run = (swap: boolean) => {
      const a = E.variable([1, 2], [2]);
      const b = E.variable([3, 4, 5], [3]);
      const opt = new E.Adam({ lr: 0.1 });
      for (let t = 0; t < 3; t++) {
        const ga = E.tensor([0.5, -t], [2]);
        const gb = E.tensor([1, 2, -3 + t], [3]);
        E.tidy(() => (swap && t % 2 ? opt.step([b, a], [gb, ga]) : opt.step([a, b], [ga, gb])));
        ga.dispose();
        gb.dispose();
      }
      expect(opt.stateOf(a)!.m.shape).toEqual([2]);
      expect(opt.state.m[1]).toBe(opt.stateOf(b)!.m);
      const out = [...a.values, ...b.values];
      [a, b].forEach((t) => t.dispose());
      opt.dispose();
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });
  it('a parameter the optimizer was not first stepped with is a clear error; reset() allows a new list', () => {
    const a = E.variable([1, 2], [2]);
    const c = E.variable([1, 2, 3], [3]);
    const opt = new E.Momentum({ lr: 0.1 });
    E.tidy(() => opt.step([a], [E.tensor([1, 1], [2])]));
    expect(() => E.tidy(() => opt.step([c], [E.tensor([1, 1, 1], [3])]))).toThrow(
      /momentum\.step: parameter 0 \(shape \[3\]\) is not one this optimizer was first stepped with \(it holds state for 1: \[2\]\)/,
    );
    expect(opt.t).toBe(1);
    expect(() => E.tidy(() => opt.step([a], [E.tensor([1, 1, 1], [3])]))).toThrow('the gradient of parameter 0 has shape [3], the parameter [2]');
    expect(() => E.tidy(() => opt.step([a, c], [E.tensor([1, 1], [2])]))).toThrow('2 parameters but 1 gradients');
    opt.reset();
    E.tidy(() => opt.step([c], [E.tensor([1, 1, 1], [3])]));
    expect(Array.from(c.values).map((v) => +v.toFixed(6))).toEqual([0.9, 1.9, 2.9]);
    [a, c].forEach((t) => t.dispose());
    opt.dispose();
  });
});

describe('options', () => {
  it('makeOptimizer and the constructors reject unknown keys and list the valid ones', () => {
    expect(() => E.makeOptimizer('adam', { lr: 0.1, beta_1: 0.5 })).toThrow(
      'Adam: unknown option "beta_1"; valid options are lr, weightDecay, l1, regularizeBiases, beta1, beta2, eps',
    );
    expect(() => E.makeOptimizer('sgd', { lr: 0.1, momentum: 0.9 })).toThrow('SGD: unknown option "momentum"; valid options are lr, weightDecay, l1, regularizeBiases');
    expect(() => E.makeOptimizer('rmsprop', { lr: 0.1, rho: 0.9, epsilon: 1 })).toThrow('unknown options "rho", "epsilon"');
    expect(() => new E.Momentum({ lr: 0.1, gamma: 0.5 } as never)).toThrow('Momentum: unknown option "gamma"');
    expect(() => E.makeOptimizer('adamw' as never, { lr: 0.1 })).toThrow('unknown optimizer "adamw"');
    // every documented key is accepted, and the value is used
    const adam = E.makeOptimizer('adam', { lr: 0.1, beta1: 0.5, beta2: 0.9, eps: 1e-6, weightDecay: 0.1, l1: 0, regularizeBiases: true }) as E.Adam;
    expect([adam.beta1, adam.beta2, adam.eps]).toEqual([0.5, 0.9, 1e-6]);
  });
});

describe('regularization in the update', () => {
  it('L2: W <- (1 - eta lambda) W - eta g, biases untouched', () => {
    const W = E.variable([1, -2, 3, 0.5], [2, 2]);
    const b = E.variable([1, 1], [2]);
    const opt = new E.SGD({ lr: 0.1, weightDecay: 0.5 });
    E.tidy(() => opt.step([W, b], [E.tensor([1, 1, 1, 1], [2, 2]), E.tensor([1, 1], [2])]));
    const want = [1, -2, 3, 0.5].map((w) => (1 - 0.05) * w - 0.1);
    Array.from(W.values).forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    expect(Array.from(b.values).map((v) => +v.toFixed(6))).toEqual([0.9, 0.9]);
    W.dispose();
    b.dispose();
  });
  it('L1: adds lambda sign(W) to the gradient', () => {
    const W = E.variable([1, -2, 0, 0.5], [2, 2]);
    const opt = new E.SGD({ lr: 0.1, l1: 1 });
    E.tidy(() => opt.step([W], [E.zeros([2, 2])]));
    Array.from(W.values).forEach((v, i) => expect(v).toBeCloseTo([0.9, -1.9, 0, 0.4][i], 6));
    W.dispose();
  });
});

describe('schedules', () => {
  it('constant, eps0 tau / max(t, tau), step decay', () => {
    expect(E.constant(0.3)(1000)).toBe(0.3);
    const s = E.inverseTime(0.1, 10);
    expect(s(1)).toBeCloseTo(0.1, 12);
    expect(s(10)).toBeCloseTo(0.1, 12);
    expect(s(20)).toBeCloseTo(0.05, 12);
    expect(s(40)).toBeCloseTo(0.025, 12);
    const d = E.stepDecay(1, 0.5, 10);
    expect([d(1), d(10), d(11), d(21)]).toEqual([1, 1, 0.5, 0.25]);
  });
  it('the optimizer follows its schedule', () => {
    const p = E.variable([0], [1]);
    const opt = new E.SGD({ lr: E.inverseTime(1, 2) });
    const lrs: number[] = [];
    for (let i = 0; i < 4; i++) {
      E.tidy(() => opt.step([p], [E.tensor([-1], [1])]));
      lrs.push(opt.lastLr);
    }
    expect(lrs).toEqual([1, 1, 2 / 3, 0.5]);
    expect(p.item()).toBeCloseTo(1 + 1 + 2 / 3 + 0.5, 5);
    p.dispose();
  });
});

describe('clipping', () => {
  it('by global norm rescales only above the threshold and reports the norm', () => {
    E.tidy(() => {
      const gs = [E.tensor([3], [1]), E.tensor([0, 4], [2])];
      const { grads, norm } = E.clipByGlobalNorm(gs, 1);
      expect(norm.item()).toBeCloseTo(5, 6);
      expect(grads[0].item()).toBeCloseTo(0.6, 6);
      expect(Array.from(grads[1].values)[1]).toBeCloseTo(0.8, 6);
      const kept = E.clipByGlobalNorm(gs, 10).grads;
      expect(kept[0].item()).toBeCloseTo(3, 6);
    });
  });
  it('by value clamps each component', () => {
    E.tidy(() => {
      const [g] = E.clipByValue([E.tensor([-5, 0.2, 7], [3])], 1);
      expect(Array.from(g.values).map((v) => +v.toFixed(6))).toEqual([-1, 0.2, 1]);
    });
  });
});
