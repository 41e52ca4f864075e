import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { nodeGpu } from './nodeGpu';

const gpu = await nodeGpu();

describe.skipIf(!gpu)('webgpu backend in node (Dawn)', () => {
  it('adds and multiplies', async () => {
    const b = (await createWebGpuBackend(gpu!))!;
    E.setBackend(b);
    try {
      const x = E.tensor([1, 2, 3, 4], [2, 2]);
      const y = E.add(E.mul(x, 2), E.tensor([10, 20], [2]));
      expect(Array.from(await y.read())).toEqual([12, 24, 16, 28]);
      const m = E.matmul(x, x);
      expect(Array.from(await m.read())).toEqual([7, 10, 15, 22]);
      const s = E.sum(x, [0]);
      expect(Array.from(await s.read())).toEqual([4, 6]);
    } finally {
      E.setBackend(E.cpuBackend);
    }
  });
});
