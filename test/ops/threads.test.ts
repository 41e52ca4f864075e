import { afterAll, describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { gemm } from '../../src/engine/backends/gemm';
import { gemmThreadCount, startGemmThreads, stopGemmThreads, threadsSupported } from '../../src/engine/wasm/threads';
import { rand } from '../gradcheck';
import { spawnNodeGemmThread } from '../helpers/gemmThreadNode';

function products(): Float32Array[] {
  const out: Float32Array[] = [];
  for (const [m, n, k] of [[64, 64, 128], [37, 129, 150], [130, 61, 99], [9, 300, 400]]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      const a = rand([m * k], m + k);
      const b = rand([k * n], n + 2 * k);
      const c = new Float32Array(m * n).fill(0.25);
      gemm(a, 0, ta, b, 0, tb, c, 0, m, n, k, true);
      out.push(c);
    }
  }
  // the convolution's operands are written straight into shared memory (OperandFill)
  E.tidy(() => {
    const x = E.variable(rand([6, 3, 12, 12], 5), [6, 3, 12, 12]);
    const w = E.variable(rand([64, 3, 5, 5], 6), [64, 3, 5, 5]); // 64 x 192 x 75: split over the threads
    const { grads } = E.valueAndGrad(() => E.sum(E.mul(E.conv2d(x, w, { pad: 2 }), E.conv2d(x, w, { pad: 2 }))), [x, w]);
    out.push(E.conv2d(x, w, { pad: 2 }).values.slice(), ...grads.map((g) => g.values.slice()));
  });
  return out;
}

/** Losses of 5 seeded SGD steps of a 784-64-10 MLP on random "images" (products big enough to be split). */
function seededLosses(): number[] {
  const rng = new E.Rng(11);
  const x = E.keep(E.tensor(rand([64 * 784], 3, 0, 1), [64, 784]));
  const y = E.keep(E.oneHot(Int32Array.from({ length: 64 }, (_, i) => i % 10), 10));
  const l1 = new E.Dense(784, 64, rng);
  const l2 = new E.Dense(64, 10, rng);
  const params = [...l1.params(), ...l2.params()];
  const opt = new E.SGD(0.1);
  const losses: number[] = [];
  for (let s = 0; s < 5; s++)
    E.tidy(() => {
      const { loss, grads } = E.valueAndGrad(() => E.softmaxCrossEntropy(l2.forward(E.relu(l1.forward(x))), y), params);
      losses.push(loss.item());
      opt.step(params, grads);
    });
  [...params, x, y].forEach((t) => t.dispose());
  return losses;
}

describe('gemm over helper threads (shared wasm memory)', () => {
  afterAll(() => stopGemmThreads());
  it('threads are supported in Node (SharedArrayBuffer, Atomics.wait)', () => {
    expect(threadsSupported()).toBe(true);
  });
  it('2 threads give the same products, bit for bit, as 1, and a seeded run repeats exactly', async () => {
    const single = products();
    const losses1 = seededLosses();
    expect(await startGemmThreads(2, spawnNodeGemmThread)).toBe(2);
    expect(gemmThreadCount()).toBe(2);
    const threaded = products();
    threaded.forEach((c, i) => expect(Array.from(c)).toEqual(Array.from(single[i])));
    const losses2 = seededLosses();
    expect(losses2).toEqual(losses1);
    expect(seededLosses()).toEqual(losses2);
    // three threads: the caller's rows and two uneven helper blocks
    expect(await startGemmThreads(3, spawnNodeGemmThread)).toBe(3);
    products().forEach((c, i) => expect(Array.from(c)).toEqual(Array.from(single[i])));
    stopGemmThreads();
    expect(gemmThreadCount()).toBe(1);
    expect(products().map((c) => Array.from(c))).toEqual(single.map((c) => Array.from(c)));
  }, 60_000);
  it('falls back to one thread when asked for one, or where shared memory is missing', async () => {
    expect(await startGemmThreads(1, spawnNodeGemmThread)).toBe(1);
    const sab = globalThis.SharedArrayBuffer;
    try {
      (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer = undefined;
      expect(threadsSupported()).toBe(false);
      expect(await startGemmThreads(2, spawnNodeGemmThread)).toBe(1);
    } finally {
      globalThis.SharedArrayBuffer = sab;
    }
    expect(gemmThreadCount()).toBe(1);
  });
});
