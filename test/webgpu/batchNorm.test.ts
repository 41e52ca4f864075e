/** The BatchNorm layer on webgpu (Dawn): the same outputs, running averages and last batch statistics (read when asked) as on the cpu. */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { rand } from '../gradcheck';
import { nodeGpu } from './nodeGpu';

const gpu = await nodeGpu();

async function run(backend: E.Backend): Promise<{ y: Float32Array; runningVar: Float32Array; lastMean: Float32Array }> {
  E.setBackend(backend);
  try {
    const bn = new E.BatchNorm(3, { axes: [0, 2, 3] });
    let y: Float32Array = new Float32Array(0);
    for (let s = 0; s < 3; s++) {
      const out = E.keep(E.tidy(() => bn.forward(E.tensor(rand([4, 3, 2, 2], s + 1, -1, 2), [4, 3, 2, 2]))));
      y = await out.read();
      out.dispose();
    }
    const runningVar = await bn.runningVar.read();
    // the last batch's statistics stay on the device until asked for
    const lastMean = (await bn.lastStats())!.mean;
    bn.dispose();
    return { y, runningVar, lastMean };
  } finally {
    E.setBackend(E.cpuBackend);
  }
}

describe.skipIf(!gpu)('BatchNorm on webgpu (Dawn)', () => {
  it('matches the cpu: output, running variance and lastMean', async () => {
    const cpu = await run(E.cpuBackend);
    const webgpu = await run((await createWebGpuBackend(gpu!))!);
    for (const k of ['y', 'runningVar', 'lastMean'] as const) {
      expect(webgpu[k].length, k).toBe(cpu[k].length);
      cpu[k].forEach((v, i) => expect(Math.abs(webgpu[k][i] - v), `${k}[${i}]`).toBeLessThan(1e-4 * Math.max(1, Math.abs(v))));
    }
  });
});
