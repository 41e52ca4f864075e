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
import { DAWN_REQUIRED, nodeGpu } from './nodeGpu';
import { TIMING_METRIC, chaoticReason } from './chaotic';
import { lessonExperiment } from '../../src/lessons/experimentEntry';
import type { LessonMeta } from '../../src/ui/lesson';

/** Slow on SwiftShader (pipeline builds): run with WEBGPU_DAWN_FULL=1 (npm run test:webgpu). */
const FULL = DAWN_REQUIRED;
const gpu = FULL ? await nodeGpu() : null;
const modules = import.meta.glob<{ experiment: ExperimentFactory }>('../../src/lessons/*/experiment.ts', { eager: true });
// experiments take values parsed by their schema, as the worker entry hands them
const metas = import.meta.glob<{ meta: LessonMeta }>('../../src/lessons/*/meta.ts', { eager: true });
const parsed = (path: string, mod: { experiment: ExperimentFactory }) => lessonExperiment(metas[path.replace('experiment.ts', 'meta.ts')].meta.params, mod.experiment);
const STEPS = 5;

/** Metrics at the initial weights and after STEPS steps. */
async function run(backend: Backend, factory: ExperimentFactory, name: string, params: Record<string, string | number | boolean>): Promise<{ init: Record<string, number>; after: Record<string, number> }> {
  E.setBackend(backend);
  try {
    const exp = await factory(params, { backend: backend.name });
    const init = await exp.metrics();
    for (let i = 0; i < STEPS; i++) await exp.step();
    const after = await exp.metrics();
    if (exp.frame) await exp.frame();
    exp.dispose?.();
    return { init, after };
  } catch (e) {
    throw new Error(`${name} on ${backend.name}: ${e instanceof Error ? e.message : e}`);
  } finally {
    E.setBackend(E.cpuBackend);
  }
}

/** WEBGPU_LESSONS=vanishing,lstm runs only those lessons. */
const ONLY = process.env.WEBGPU_LESSONS?.split(',');

describe.skipIf(!gpu || !FULL)('lesson experiments on webgpu (Dawn)', () => {
  for (const [path, mod] of Object.entries(modules)) {
    const name = path.split('/').at(-2)!;
    if (ONLY && !ONLY.includes(name)) continue;
    const { scenes } = metas[path.replace('experiment.ts', 'meta.ts')].meta;
    // every scene's own settings (they pick other architectures, inits and optimizers than the defaults)
    scenes.forEach((scene, i) => {
      it(`${name}, scene ${i + 1}: ${STEPS} steps give the cpu's metrics`, async () => {
        const backend = (await createWebGpuBackend(gpu!))!;
        const params = scene.params as Record<string, string | number | boolean>;
        const cpu = await run(E.cpuBackend, parsed(path, mod), name, params);
        const got = await run(backend, parsed(path, mod), name, params);
        // a chaotic scene's gradients are ill-conditioned even at the initial weights: 5e-3 there (the browser suite's bar)
        const rel = chaoticReason(name, i) ? 5e-3 : 1e-3;
        const close = (want: Record<string, number>, have: Record<string, number>, when: string) => {
          expect(Object.keys(have).sort()).toEqual(Object.keys(want).sort());
          for (const k of Object.keys(want)) {
            if (TIMING_METRIC.test(k)) continue;
            const tol = rel * Math.max(1, Math.abs(want[k]));
            expect(Math.abs(have[k] - want[k]), `${name} scene ${i + 1} ${when} ${k}: webgpu ${have[k]} vs cpu ${want[k]}`).toBeLessThanOrEqual(tol);
          }
        };
        close(cpu.init, got.init, 'at the initial weights');
        // a chaotic scene (test/webgpu/chaotic.ts) is held to equal values at its initial weights only
        if (chaoticReason(name, i)) for (const v of Object.values(got.after)) expect(Number.isFinite(v)).toBe(true);
        else close(cpu.after, got.after, `after ${STEPS} steps`);
        expect(backend.lost).toBe(false);
      });
    });
  }
});
