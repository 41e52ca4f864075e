/**
 * A headless run of an experiment to its marks: steps it and reads its
 * metrics after each numbered step mark, when a named phase ends and when it
 * is done. The claims runner (Node) and the worker's "Run 5 seeds" trials
 * both use it, so a claim is judged on the same numbers in both places.
 */
import type { Experiment } from './experiment';
import type { Mark } from './protocol';

export interface TrialResult {
  /** Metrics at each mark reached, keyed by String(mark). */
  results: Record<string, Record<string, number>>;
  /** Steps taken. */
  steps: number;
}

export interface TrialOptions {
  /** Called every so often with the steps taken (the page shows progress). */
  onProgress?: (step: number, of: number) => void;
  /** Yield to the event loop this often (ms) so a worker keeps answering messages; 0 never yields. */
  yieldMs?: number;
}

/**
 * Runs `exp` until every mark is reached or `maxSteps` steps are taken. The
 * experiment is not disposed here. A non-finite metric at a mark is kept as
 * it is (a predicate decides what a diverged run means).
 */
export async function runToMarks(exp: Experiment, marks: readonly Mark[], maxSteps: number, opts: TrialOptions = {}): Promise<TrialResult> {
  const stepMarks = new Set(marks.filter((m): m is number => typeof m === 'number'));
  const phaseMarks = new Set(marks.filter((m): m is `phase:${string}` => typeof m === 'string' && m.startsWith('phase:')).map((m) => m.slice(6)));
  const wantsEnd = marks.includes('end');
  const lastStep = Math.max(0, ...stepMarks);
  const limit = Math.max(lastStep, wantsEnd || phaseMarks.size ? maxSteps : 0);
  const results: Record<string, Record<string, number>> = {};
  const open = () => [...stepMarks].some((s) => !(String(s) in results)) || (wantsEnd && !('end' in results)) || [...phaseMarks].some((p) => !(`phase:${p}` in results));
  const read = async (step: number) => ({ ...(await exp.metrics()), step });

  let step = 0;
  if (stepMarks.has(0)) results['0'] = await read(0);
  let phase = exp.phase ?? '';
  let lastYield = Date.now();
  while (step < limit && open() && !exp.done) {
    const r = exp.step();
    if (r) await r;
    step++;
    const now = exp.phase ?? '';
    let m: Record<string, number> | null = null;
    if (stepMarks.has(step)) results[String(step)] = m = await read(step);
    if (now !== phase) {
      if (phaseMarks.has(phase)) results[`phase:${phase}`] = m ??= await read(step);
      phase = now;
    }
    if (opts.yieldMs && Date.now() - lastYield >= opts.yieldMs) {
      opts.onProgress?.(step, limit);
      await new Promise((res) => setTimeout(res, 0));
      lastYield = Date.now();
    }
  }
  if (exp.done) {
    const m = await read(step);
    if (wantsEnd) results.end = m;
    // the run's last phase ends with the run
    if (phaseMarks.has(phase) && !(`phase:${phase}` in results)) results[`phase:${phase}`] = m;
  }
  opts.onProgress?.(step, limit);
  return { results, steps: step };
}
