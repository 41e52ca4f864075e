/// <reference lib="webworker" />
/**
 * The worker entry: collects every lesson's experiment and hands the registry
 * to the engine's run loop, so the engine never imports a lesson.
 */
import type { ExperimentFactory, ExperimentRegistry } from '../engine/worker/experiment';
import type { ToWorker } from '../engine/worker/protocol';
import { RunLoop } from '../engine/worker/runLoop';
import { selectBackend } from '../engine/worker/selectBackend';

const modules = import.meta.glob<{ experiment: ExperimentFactory }>('./*/experiment.ts', { eager: true });
const registry: ExperimentRegistry = {};
for (const [path, mod] of Object.entries(modules)) registry[path.split('/')[1]] = mod.experiment;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const loop = new RunLoop(registry, scope, selectBackend);
scope.onmessage = (e: MessageEvent<ToWorker>) => void loop.handle(e.data);
