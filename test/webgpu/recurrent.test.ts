/**
 * The fused LSTM and GRU steps on webgpu (Dawn in Node): a few training steps
 * match the cpu's, and the LSTM 32-unit, T 20 step stays within its dispatch
 * budget (at most 150 per training step, counted as bench/webgpu.ts does): each
 * dispatch costs encoding and driver time, and keeping that count low is what
 * the fused cells are for.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { nodeGpu } from './nodeGpu';

const gpu = await nodeGpu();

function model(kind: 'lstm' | 'gru', H: number, T: number, B: number) {
  const rng = new E.Rng(3);
  const seq = E.data.firstSymbolTask(B, T, 4, rng);
  const xs = Array.from({ length: T }, (_, t) => E.keep(E.tensor(E.data.stepSlice(seq, t), [B, 4])));
  const y = E.keep(E.oneHot(seq.y, 4));
  const cell = kind === 'lstm' ? new E.LSTM(4, H, rng) : new E.GRU(4, H, rng);
  const head = new E.Dense(H, 4, rng);
  const params = [...cell.params(), ...head.params()];
  const opt = new E.SGD(0.5);
  const step = () => E.tidy(() => {
    const { loss, grads } = E.valueAndGrad(() => E.softmaxCrossEntropy(head.forward(cell.forward(xs).hs[T - 1]), y), params);
    opt.step(params, grads);
    return E.keep(loss);
  });
  const dispose = () => [...params, ...xs, y].forEach((t) => t.dispose());
  return { step, dispose };
}

async function losses(backend: E.Backend, kind: 'lstm' | 'gru'): Promise<number[]> {
  E.setBackend(backend);
  try {
    const m = model(kind, 8, 6, 5);
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const L = m.step();
      out.push((await L.read())[0]);
      L.dispose();
    }
    m.dispose();
    return out;
  } finally {
    E.setBackend(E.cpuBackend);
  }
}

describe.skipIf(!gpu)('fused recurrent cells on webgpu (Dawn)', () => {
  for (const kind of ['lstm', 'gru'] as const) {
    it(`${kind}: four training steps match the cpu`, async () => {
      const b = (await createWebGpuBackend(gpu!))!;
      const cpu = await losses(E.cpuBackend, kind);
      const got = await losses(b, kind);
      got.forEach((v, i) => expect(Math.abs(v - cpu[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i]))));
      expect(cpu[3]).toBeLessThan(cpu[0]);
      b.destroy('test done');
    }, 60_000);
  }

  it('LSTM 32 units, T 20, batch 16: at most 150 dispatches per training step', async () => {
    const b = (await createWebGpuBackend(gpu!))!;
    E.setBackend(b);
    try {
      const m = model('lstm', 32, 20, 16);
      m.step().dispose();
      const d0 = b.stats.dispatches;
      m.step().dispose();
      const perStep = b.stats.dispatches - d0;
      console.log(`LSTM 32 x 20 training step: ${perStep} dispatches`);
      expect(perStep).toBeLessThanOrEqual(150);
      m.dispose();
    } finally {
      E.setBackend(E.cpuBackend);
      b.destroy('test done');
    }
  }, 120_000);
});
