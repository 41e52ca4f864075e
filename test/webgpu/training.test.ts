/** Training parity cpu vs webgpu in Node (Dawn); the authoritative run is e2e/webgpu-parity.spec.ts in Chromium. */
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { DAWN_REQUIRED, nodeGpu } from './nodeGpu';
import { runTrainingParity, TRAIN_STEPS } from './trainParity';

/** Slow on SwiftShader (pipeline builds): run with WEBGPU_DAWN_FULL=1 (npm run test:webgpu). */
const FULL = DAWN_REQUIRED;
const gpu = FULL ? await nodeGpu() : null;

describe.skipIf(!gpu || !FULL)('training parity: webgpu matches cpu for 20 steps (Dawn)', () => {
  it('xor mlp, spirals mlp, small cnn', async () => {
    const backend = (await createWebGpuBackend(gpu!))!;
    const results = await runTrainingParity(backend);
    for (const r of results) console.log(r.model, 'max err', r.err.toExponential(2), 'loss', r.cpu[0]?.toFixed(4), '->', r.cpu[TRAIN_STEPS - 1]?.toFixed(4), r.message ?? '');
    expect(results.filter((r) => !r.ok).map((r) => `${r.model}: ${r.err} ${r.message ?? ''}`)).toEqual([]);
    // the models learn: the last loss is below the first
    for (const r of results) expect(r.gpu[TRAIN_STEPS - 1]).toBeLessThan(r.gpu[0]);
  });
});
