/** The op suite on webgpu in Node (Dawn on SwiftShader); skipped where Dawn does not load. The authoritative run is e2e/webgpu-parity.spec.ts in Chromium. */
import { describe, expect, it } from 'vitest';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import { DAWN_REQUIRED, nodeGpu } from './nodeGpu';
import { runOpSuite } from './opSuite';

/** Slow on SwiftShader (pipeline builds): run with WEBGPU_DAWN_FULL=1 (npm run test:webgpu). */
const FULL = DAWN_REQUIRED;
const gpu = FULL ? await nodeGpu() : null;
/** WEBGPU_OPS=sum,max runs only those ops' cases. */
const ONLY = process.env.WEBGPU_OPS?.split(',');

describe.skipIf(!gpu || !FULL)('op suite: webgpu matches cpu (Dawn)', () => {
  it('every op, forward and gradient', async () => {
    const backend = (await createWebGpuBackend(gpu!))!;
    const results = await runOpSuite(backend, ONLY && ((op) => ONLY.includes(op)), async () => (await createWebGpuBackend(gpu!))!);
    const bad = results.filter((r) => !r.ok);
    const worst = [...results].sort((a, b) => b.err - a.err).slice(0, 5);
    console.log(`${results.length} comparisons; worst:`, worst.map((r) => `${r.label} ${r.part} ${r.err.toExponential(2)}`).join('; '));
    expect(bad.map((r) => `${r.label} ${r.part}: err ${r.err} ${r.message ?? ''}`)).toEqual([]);
  });
});
