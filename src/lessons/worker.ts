/// <reference lib="webworker" />
/**
 * The worker entry: collects every lesson's experiment and hands the registry
 * to the engine's run loop, so the engine never imports a lesson.
 */
import type { ExperimentFactory, ExperimentRegistry } from '../engine/worker/experiment';
import type { ToWorker } from '../engine/worker/protocol';
import { RunLoop } from '../engine/worker/runLoop';
import { selectBackend } from '../engine/worker/selectBackend';
import { startGemmThreads, threadsSupported } from '../engine/wasm/threads';

const modules = import.meta.glob<{ experiment: ExperimentFactory }>('./*/experiment.ts', { eager: true });
const registry: ExperimentRegistry = {};
for (const [path, mod] of Object.entries(modules)) registry[path.split('/')[1]] = mod.experiment;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const loop = new RunLoop(registry, scope, selectBackend);
// Matrix-multiply helper threads where the page is cross-origin isolated (up to
// hardwareConcurrency - 1 threads in all, leaving a core for the page); one thread
// elsewhere. Messages wait for the pool so that the first 'ready' reports the count.
const threads = threadsSupported() ? Math.max(1, Math.min((navigator.hardwareConcurrency || 2) - 1, 8)) : 1;
const pool = threads > 1 ? startGemmThreads(threads, () => new Worker(new URL('../engine/wasm/gemmThreadWorker.ts', import.meta.url), { type: 'module' })) : Promise.resolve(1);
scope.onmessage = (e: MessageEvent<ToWorker>) => void pool.then(() => loop.handle(e.data));
