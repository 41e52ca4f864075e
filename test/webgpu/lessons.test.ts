/**
 * Every lesson's experiment runs on webgpu (Dawn) and reports the same
 * metrics as on the cpu after a few steps: the lessons read values only with
 * await read(), and every op they use has a kernel.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../../src/engine';
import type { Backend } from '../../src/engine/backend';
import { createWebGpuBackend } from '../../src/engine/backends/webgpu';
import type { ExperimentFactory } from '../../src/engine/worker/experiment';
import { nodeGpu } from './nodeGpu';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import type { LessonMeta } from '../../src/ui/lesson';

/** Slow on SwiftShader (pipeline builds): run with WEBGPU_DAWN_FULL=1 (npm run test:webgpu). */
const FULL = !!process.env.WEBGPU_DAWN_FULL;
const gpu = FULL ? await nodeGpu() : null;
const modules = import.meta.glob<{ experiment: ExperimentFactory }>('../../src/lessons/*/experiment.ts', { eager: true });
// experiments take values parsed by their schema, as the worker entry hands them
const metas = import.meta.glob<{ meta: LessonMeta }>('../../src/lessons/*/meta.ts', { eager: true });
const parsed = (path: string, mod: { experiment: ExperimentFactory }) => lessonExperiment(metas[path.replace('experiment.ts', 'meta.ts')].meta.params, mod.experiment);
const STEPS = 5;

async function run(backend: Backend, factory: ExperimentFactory, name: string): Promise<Record<string, number>> {
  E.setBackend(backend);
  try {
    const exp = await factory({}, { backend: backend.name });
    for (let i = 0; i < STEPS; i++) await exp.step();
    const m = await exp.metrics();
    if (exp.frame) await exp.frame();
    exp.dispose?.();
    return m;
  } catch (e) {
    throw new Error(`${name} on ${backend.name}: ${e instanceof Error ? e.message : e}`);
  } finally {
    E.setBackend(E.cpuBackend);
  }
}

describe.skipIf(!gpu || !FULL)('lesson experiments on webgpu (Dawn)', () => {
  for (const [path, mod] of Object.entries(modules)) {
    const name = path.split('/').at(-2)!;
    it(`${name}: ${STEPS} steps give the cpu's metrics`, async () => {
      const backend = (await createWebGpuBackend(gpu!))!;
      const cpu = await run(E.cpuBackend, parsed(path, mod), name);
      const got = await run(backend, parsed(path, mod), name);
      expect(Object.keys(got).sort()).toEqual(Object.keys(cpu).sort());
      for (const k of Object.keys(cpu)) {
        const tol = 1e-3 * Math.max(1, Math.abs(cpu[k]));
        expect(Math.abs(got[k] - cpu[k]), `${name} ${k}: webgpu ${got[k]} vs cpu ${cpu[k]}`).toBeLessThanOrEqual(tol);
      }
      expect(backend.lost).toBe(false);
    });
  }
});
