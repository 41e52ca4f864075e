import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend, type GpuKernel } from '../../src/engine/backends/webgpu';
import { ops } from '../../src/engine/ops';
import { nodeGpu } from './nodeGpu';
import { checkDeviceLoss, xorDeviceLoss } from './runLoopHarness';

const gpu = await nodeGpu();

describe.skipIf(!gpu)('device loss in the run loop (Dawn)', () => {
  it('a destroyed device mid-run switches to the cpu and keeps training from the last weights', async () => {
    const backend = (await createWebGpuBackend(gpu!))!;
    try {
      const run = await xorDeviceLoss(backend, () => backend.device.destroy());
      expect(checkDeviceLoss(run)).toEqual([]);
      expect(E.getBackend().name).toBe('cpu');
    } finally {
      E.setBackend(E.cpuBackend);
    }
  }, 300_000); // SwiftShader on a loaded 2-core machine: each of the run's three waits may take a minute

  it('a pipeline that fails to build mid-run also hands the run to the cpu', async () => {
    const backend = (await createWebGpuBackend(gpu!))!;
    const tanh = ops.tanh as { webgpu: GpuKernel<undefined> };
    const kernel = tanh.webgpu;
    try {
      const run = await xorDeviceLoss(backend, () => {
        // from now on tanh compiles a shader that does not exist: the pipeline is invalid
        tanh.webgpu = () => ({ key: 'broken tanh', code: () => 'this is not wgsl', workgroups: [1, 1, 1] });
      });
      expect(checkDeviceLoss(run)).toEqual([]);
      const note = (run.backendMessages.find((m) => m.type === 'backend') as { note?: string }).note;
      expect(note).toMatch(/pipeline|GPU error/);
    } finally {
      tanh.webgpu = kernel;
      E.setBackend(E.cpuBackend);
    }
  }, 300_000);
});
