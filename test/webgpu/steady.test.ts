/** Steady state on webgpu: a training step creates no buffers and no pipelines, submits once per read, and reads back nothing by itself. */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { nodeGpu } from './nodeGpu';
import { parityModels } from './trainParity';

const gpu = await nodeGpu();

describe.skipIf(!gpu)('webgpu steady state (Dawn)', () => {
  it('XOR steps reuse pooled buffers and cached pipelines; weights stay on the GPU', async () => {
    const b = (await createWebGpuBackend(gpu!))!;
    E.setBackend(b);
    try {
      const m = parityModels['xor mlp']();
      const step = () => E.tidy(() => m.opt.step(m.params, E.valueAndGrad(m.loss, m.params).grads));
      for (let i = 0; i < 3; i++) step();
      await m.params[0].read();
      const s0 = { ...b.stats };
      for (let i = 0; i < 10; i++) step();
      const s1 = { ...b.stats };
      expect(s1.buffersCreated - s0.buffersCreated).toBe(0);
      expect(s1.pipelinesCreated - s0.pipelinesCreated).toBe(0);
      expect(s1.bindGroupsCreated - s0.bindGroupsCreated).toBe(0);
      expect(s1.readbacks - s0.readbacks).toBe(0); // no step reads anything back
      expect(s1.bytesUploaded - s0.bytesUploaded).toBeLessThan(10 * 64); // only the scalar constants of each step
      expect((s1.dispatches - s0.dispatches) % 10).toBe(0);
      // reads issued in the same turn share one submit and one map
      const vals = await Promise.all(m.params.map((p) => p.read()));
      expect(b.stats.readbacks - s1.readbacks).toBe(1);
      expect(vals.map((v) => v.length)).toEqual([8, 4, 4, 1]);
      m.dispose();
    } finally {
      E.setBackend(E.cpuBackend);
    }
  });
});
