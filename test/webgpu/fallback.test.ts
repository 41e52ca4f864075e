import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
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
  });
});
