import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { checkGrad, checkParamGrads, rand } from '../gradcheck';

const inp = (shape: number[], seed = 1, lo = -1, hi = 1) => ({ values: rand(shape, seed, lo, hi), shape });

describe('losses', () => {
  it('softmax cross-entropy: value, stability and gradient', () => {
    E.tidy(() => {
      const z = E.tensor([2, 1, 0, 0, 0, 0], [2, 3]);
      const y = E.oneHot([0, 2], 3);
      const want = -(Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1)) + Math.log(1 / 3)) / 2;
      expect(E.softmaxCrossEntropy(z, y).item()).toBeCloseTo(want, 5);
      expect(Number.isFinite(E.softmaxCrossEntropy(E.tensor([1e4, -1e4], [1, 2]), E.oneHot([1], 2)).item())).toBe(true);
    });
    const y = E.keep(E.oneHot([1, 0, 2], 3));
    checkGrad((z) => E.softmaxCrossEntropy(z, y), [inp([3, 3], 2, -2, 2)]);
    y.dispose();
  });
  it('BCE from probabilities and from logits agree', () => {
    E.tidy(() => {
      const z = E.tensor([-2, 0.5, 3], [3]);
      const t = E.tensor([0, 1, 1], [3]);
      expect(E.bce(E.sigmoid(z), t).item()).toBeCloseTo(E.bceWithLogits(z, t).item(), 5);
    });
    const t = E.keep(E.tensor([0, 1, 1, 0], [4]));
    checkGrad((z) => E.bceWithLogits(z, t), [inp([4], 3, -3, 3)]);
    checkGrad((p) => E.bce(p, t), [inp([4], 3, 0.1, 0.9)], { h: 1e-3 });
    t.dispose();
  });
});

describe('activations: values follow the formula they show', () => {
  // each formula written out in JS, as its TeX reads
  const ref: Record<E.ActivationName, (z: number[]) => number[]> = {
    relu: (z) => z.map((v) => Math.max(0, v)),
    tanh: (z) => z.map((v) => (Math.exp(v) - Math.exp(-v)) / (Math.exp(v) + Math.exp(-v))),
    sigmoid: (z) => z.map((v) => 1 / (1 + Math.exp(-v))),
    leakyRelu: (z) => z.map((v) => Math.max(0.01 * v, v)),
    softmax: (z) => {
      const e = z.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    },
    linear: (z) => z,
  };
  const z = [-3, -1.2, -0.3, 0.2, 0.7, 2.5];
  for (const [name, a] of Object.entries(E.activations) as [E.ActivationName, E.Activation][]) {
    it(`${name}: values, gradient, and the constant in its TeX`, () => {
      E.tidy(() => {
        const got = Array.from(a.fn(E.tensor(z, [1, z.length])).values);
        ref[name](z).forEach((w, i) => expect(got[i], `${name}(${z[i]})`).toBeCloseTo(w, 6));
      });
      checkGrad(a.fn, [{ values: Float32Array.from(z), shape: [2, 3] }], { h: 1e-3, tol: 1e-2 });
    });
  }
  it('the leaky slope on screen is the slope the code uses', () => {
    const slope = E.tidy(() => E.activations.leakyRelu.fn(E.tensor([-1], [1])).item());
    expect(E.activations.leakyRelu.tex).toContain(`\\max\\{${+(-slope).toFixed(6)}\\,z, z\\}`);
  });
});

describe('dropout', () => {
  it('inverted: scales kept units by 1/(1-p) in training, identity in eval, mask readable', () => {
    const d = new E.Dropout(0.5, new E.Rng(1));
    E.tidy(() => {
      const x = E.fill([1, 1000], 1);
      const y = d.forward(x).values;
      const m = d.mask!.values;
      let kept = 0;
      for (let i = 0; i < 1000; i++) {
        expect(y[i]).toBe(m[i]);
        expect([0, 2]).toContain(y[i]);
        if (y[i] > 0) kept++;
      }
      expect(kept).toBeGreaterThan(430);
      expect(kept).toBeLessThan(570);
      d.training = false;
      expect(d.forward(x)).toBe(x);
    });
    d.dispose();
  });
});

describe('conv layer and pooling in a model', () => {
  it('gradients of a conv -> relu -> pool -> dense stack', () => {
    const rng = new E.Rng(5);
    const conv = new E.Conv2D(2, 3, 3, rng, { pad: 1 });
    const dense = new E.Dense(3 * 2 * 2, 2, rng);
    checkGrad(
      (x, w) => {
        const h = E.maxPool2d(E.relu(E.add(E.conv2d(x, w, { pad: 1 }), E.reshape(conv.b, [1, 3, 1, 1]))), 2);
        return dense.forward(E.reshape(h, [2, -1]));
      },
      [inp([2, 2, 4, 4], 1), { values: conv.W.values.slice(), shape: [3, 2, 3, 3] }],
    );
    // the layer itself: forward = conv2d + bias per channel (a 1x1 input patch is the dot product with the kernel's centre), and its parameter gradients
    E.tidy(() => {
      E.assign(conv.b, E.tensor([0.5, -1, 2], [3]));
      const x = E.tensor([1, -2], [1, 2, 1, 1]);
      const W = conv.W.values;
      const centre = (o: number, c: number) => W[((o * 2 + c) * 3 + 1) * 3 + 1];
      const y = conv.forward(x).values;
      [0.5, -1, 2].forEach((b, o) => expect(y[o]).toBeCloseTo(centre(o, 0) * 1 + centre(o, 1) * -2 + b, 5));
    });
    const x = E.keep(E.tensor(rand([2, 2, 4, 4], 3), [2, 2, 4, 4]));
    checkParamGrads(() => E.sum(E.mul(dense.forward(E.reshape(E.maxPool2d(E.relu(conv.forward(x)), 2), [2, -1])), E.tensor([1, -1, 0.5, 2], [2, 2]))), [...conv.params(), ...dense.params()]);
    x.dispose();
  });
});

describe('recurrent cells', () => {
  for (const Cell of [E.RNN, E.LSTM, E.GRU]) {
    it(`${Cell.name}: gradients through 3 steps; per-step hidden-state gradients`, () => {
      const rng = new E.Rng(9);
      const cell = new Cell(2, 3, rng);
      const P = cell.params();
      checkGrad((x0, x1, x2) => cell.forward([x0, x1, x2]).hs[2], [inp([2, 2], 1), inp([2, 2], 2), inp([2, 2], 3)]);
      const xs = E.keep(E.tensor(rand([3, 2], 4), [3, 2]));
      const R = E.keep(E.tensor(rand([3, 3], 5), [3, 3]));
      checkParamGrads(() => E.sum(E.mul(cell.forward([xs, xs, xs]).hs[2], R)), P);
      E.tidy(() => {
        const xs = [0, 1, 2, 3].map((s) => E.tensor(rand([2, 2], s), [2, 2]));
        const { result, tape } = E.record(() => {
          const out = cell.forward(xs);
          return { loss: E.sum(out.hs[3]), out };
        });
        // fused cells carry packed states: dL/dh_t through later steps comes from hiddenGradients
        const gh = E.hiddenGradients(tape, result.loss, result.out);
        expect(gh.every((g) => g !== null)).toBe(true);
        expect(gh[3]!.values.every((v) => v === 1)).toBe(true);
        if (Cell === E.LSTM) expect(Object.keys(result.out.gates[0]).sort()).toEqual(['f', 'g', 'i', 'o']);
        if (Cell === E.GRU) expect(Object.keys(result.out.gates[0]).sort()).toEqual(['n', 'r', 'z']);
      });
      cell.dispose();
    });
  }
  it('LSTM forget bias is initialised', () => {
    const l = new E.LSTM(1, 2, new E.Rng(1), { forgetBias: 1 });
    expect(Array.from(l.b.values)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    l.dispose();
  });
});

describe('auto-encoders', () => {
  it('tied uses W^T; untied has its own decoder; gradients check', () => {
    const rng = new E.Rng(2);
    const tied = new E.AutoEncoder(5, 3, rng, { tied: true });
    const untied = new E.AutoEncoder(5, 3, rng);
    expect(tied.params().length).toBe(3);
    expect(untied.params().length).toBe(4);
    const x = E.keep(E.tensor(rand([2, 5], 1, 0, 1), [2, 5]));
    checkParamGrads(() => E.mse(tied.forward(x), x), tied.params());
    checkParamGrads(() => E.bceWithLogits(untied.decodeLogits(untied.encode(x)), x), untied.params());
    // tied: the decoder's logits are h W^T + b_v, with no matrix of its own
    E.tidy(() => {
      const hv = rand([2, 3], 7);
      const h = E.tensor(hv, [2, 3]);
      E.assign(tied.bv, E.tensor([0.1, 0.2, 0.3, 0.4, 0.5], [5]));
      // x_hat logits [b, v] = sum_k h[b, k] W[v, k] + b_v[v] (W is [visible 5, hidden 3])
      const byHand = (M: (v: number, k: number) => number, bv: Float32Array) =>
        Array.from({ length: 10 }, (_, i) => {
          const [b, v] = [Math.floor(i / 5), i % 5];
          return [0, 1, 2].reduce((acc, k) => acc + hv[b * 3 + k] * M(v, k), bv[v]);
        });
      const W = tied.W.values;
      const Wd = untied.Wd!.values;
      const got = Array.from(tied.decodeLogits(h).values);
      byHand((v, k) => W[v * 3 + k], tied.bv.values).forEach((w, i) => expect(got[i]).toBeCloseTo(w, 5));
      const gotU = Array.from(untied.decodeLogits(h).values);
      byHand((v, k) => Wd[k * 5 + v], untied.bv.values).forEach((w, i) => expect(gotU[i]).toBeCloseTo(w, 5));
    });
    tied.dispose();
    untied.dispose();
  });
});

describe('initializers', () => {
  it('Glorot uniform bound and He variance, with scale', () => {
    const r = Math.sqrt(6 / (300 + 200));
    const w = E.initWeights('glorot-uniform', 300, 200, new E.Rng(1));
    expect(Math.max(...w)).toBeLessThanOrEqual(r);
    expect(Math.max(...w)).toBeGreaterThan(0.95 * r);
    const h = E.initWeights('he', 400, 300, new E.Rng(1), 2);
    const v = h.reduce((s, x) => s + x * x, 0) / h.length;
    expect(v / ((4 * 2) / 400)).toBeCloseTo(1, 1);
    expect(E.initWeights('zeros', 3, 3, new E.Rng(1)).every((x) => x === 0)).toBe(true);
    const u = E.initWeights('uniform', 100, 10, new E.Rng(1));
    expect(Math.max(...u.map(Math.abs))).toBeLessThanOrEqual(0.1);
  });
});

describe('statistics helpers', () => {
  it('gradient norms, global norm, activation statistics', () => {
    E.tidy(() => {
      const a = E.tensor([3, 4], [2]);
      const b = E.tensor([12], [1]);
      expect(E.gradNorms([a, b]).map((t) => t.item())).toEqual([5, 12]);
      expect(E.globalNorm([a, b]).item()).toBeCloseTo(13, 5);
      const s = E.activationStats(E.tensor([0.95, -0.99, 0.1, 0], [4]), 0.9);
      expect(s.saturated.item()).toBe(0.5);
      expect(s.mean.item()).toBeCloseTo(0.015, 5);
      expect(Array.from(E.histogram([0, 0.1, 0.6, 2], 2, 0, 1))).toEqual([2, 2]);
    });
  });
});

describe('per-layer statistics after a step', () => {
  it('one gradient norm per layer with parameters and activation stats for every layer', () => {
    const rng = new E.Rng(4);
    const net = new E.Sequential([new E.Dense(2, 4, rng), new E.Fn(E.tanh), new E.Dense(4, 1, rng)]);
    E.tidy(() => {
      const x = E.tensor(rand([5, 2], 1), [5, 2]);
      const { grads } = E.valueAndGrad(() => E.mse(net.forward(x), E.zeros([5, 1])), net.params());
      const s = E.layerStats(net, grads);
      expect(s.length).toBe(3);
      expect(s[1].gradNorm).toBeUndefined();
      const want = Math.sqrt([grads[0], grads[1]].reduce((a, g) => a + g.values.reduce((b, v) => b + v * v, 0), 0));
      expect(s[0].gradNorm!.item()).toBeCloseTo(want, 5);
      expect(s[1].activation.std.item()).toBeGreaterThan(0);
    });
  });
});
