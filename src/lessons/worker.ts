/// <reference lib="webworker" />
/**
 * The worker entry: collects every lesson's experiment and schema and hands
 * them to the engine's run loop, so the engine never imports a lesson. Each
 * experiment receives its params parsed against its own schema (validated,
 * clamped, defaults filled), and says itself where `auto` should run it.
 */
import type { AutoBackend, ExperimentFactory, ExperimentRegistry } from '../engine/worker/experiment';
import type { ParamValues, ToWorker } from '../engine/worker/protocol';
import { RunLoop } from '../engine/worker/runLoop';
import { selectBackend } from '../engine/worker/selectBackend';
import { lessonExperiment, type ExperimentModule } from './experimentEntry';
import type { LessonMeta } from '../ui/lesson';
import { parseParams } from '../ui/params';
import { startGemmThreads, threadsSupported } from '../engine/wasm/threads';
import { setWasmRelaxed } from '../engine/wasm/gemm';

const metas = import.meta.glob<{ meta: LessonMeta }>('./*/meta.ts', { eager: true });
const modules = import.meta.glob<ExperimentModule>('./*/experiment.ts', { eager: true });
const registry: ExperimentRegistry = {};
const autoOf: Record<string, AutoBackend | undefined> = {};
for (const [path, mod] of Object.entries(modules)) {
  const id = path.split('/')[1];
  const meta = metas[`./${id}/meta.ts`]?.meta;
  if (!meta) throw new Error(`lesson ${id} has an experiment but no meta.ts`);
  registry[id] = lessonExperiment(meta.params, mod.experiment as ExperimentFactory<never>);
  autoOf[id] = mod.autoBackend as AutoBackend | undefined;
}

/** The lesson's own AutoBackend rule, on its parsed params; the cpu when it states none. */
function prefersCpu(lesson: string, params: ParamValues): boolean {
  const rule = autoOf[lesson];
  const meta = metas[`./${lesson}/meta.ts`]?.meta;
  if (typeof rule === 'function') return !meta || rule(parseParams(meta.params, params) as ParamValues) === 'cpu';
  return rule !== 'webgpu';
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
// test builds only: the browser suite runs the plain-SIMD fallback (no relaxed SIMD) through the worker's name,
// since no Chromium flag turns relaxed SIMD off
if (import.meta.env.MODE === 'test' && scope.name.includes('simd=plain')) setWasmRelaxed(false);
const loop = new RunLoop(registry, scope, (choice, lesson, params) => selectBackend(choice, prefersCpu(lesson, params)));
// Matrix-multiply helper threads where the page is cross-origin isolated (up to
// hardwareConcurrency - 1 threads in all, leaving a core for the page); one thread
// elsewhere. Messages wait for the pool so that the first 'ready' reports the count.
const threads = threadsSupported() ? Math.max(1, Math.min((navigator.hardwareConcurrency || 2) - 1, 8)) : 1;
const pool = threads > 1 ? startGemmThreads(threads, () => new Worker(new URL('../engine/wasm/gemmThreadWorker.ts', import.meta.url), { type: 'module' })) : Promise.resolve(1);
scope.onmessage = (e: MessageEvent<ToWorker>) => void pool.then(() => loop.handle(e.data));
