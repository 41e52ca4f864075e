/**
 * "Run 5 seeds": other seeds of a scene, each trained headless to its claims'
 * moments in a worker of its own (so the live run on screen is not touched),
 * one after the other, on the cpu (a seed reproduces exactly there).
 */
import type { FromWorker, Mark, ParamValues, ToWorker } from '../engine/worker/protocol';

export interface TrialOutcome {
  results: Record<string, Record<string, number>>;
  steps: number;
}

let worker: Worker | null = null;
let trialId = 1_000_000; // far from the live runs' ids, which count from 1
let active: { id: number; resolve: (r: TrialOutcome) => void; reject: (e: Error) => void; onProgress?: (step: number, of: number) => void } | null = null;

function spawn(): Worker {
  const w = new Worker(new URL('../lessons/worker.ts', import.meta.url), { type: 'module', name: 'trials' });
  w.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (!active || msg.runId !== active.id) return;
    if (msg.type === 'trialProgress') active.onProgress?.(msg.step, msg.of);
    else if (msg.type === 'trialDone') {
      const a = active;
      active = null;
      a.resolve({ results: msg.results, steps: msg.steps });
    } else if (msg.type === 'error' || msg.type === 'diverged') {
      const a = active;
      active = null;
      a.reject(new Error(msg.message));
    }
  };
  w.onerror = (e) => {
    e.preventDefault();
    const a = active;
    stopTrials();
    a?.reject(new Error(e.message || 'the trial worker stopped'));
  };
  return w;
}

/** Trains one run of `lesson` with `params` to `marks` (at most maxSteps steps); one at a time. */
export function runTrial(lesson: string, params: ParamValues, marks: Mark[], maxSteps: number, onProgress?: (step: number, of: number) => void): Promise<TrialOutcome> {
  if (active) return Promise.reject(new Error('a trial is already running'));
  worker ??= spawn();
  const id = ++trialId;
  return new Promise((resolve, reject) => {
    active = { id, resolve, reject, onProgress };
    worker!.postMessage({ type: 'trial', runId: id, lesson, params, marks, maxSteps } satisfies ToWorker);
  });
}

/** Stops any trial (the lesson closed, the scene changed): the worker goes, a later trial starts a fresh one. */
export function stopTrials(): void {
  worker?.terminate();
  worker = null;
  const a = active;
  active = null;
  a?.reject(new Error('stopped'));
}
