/**
 * Drives the real RunLoop with the XOR experiment on a given backend and
 * records what it posts; used by the device-loss tests in Node and in Chromium.
 */
import type { Backend } from '../../src/engine/backend';
import { RunLoop } from '../../src/engine/worker/runLoop';
import type { FromWorker } from '../../src/engine/worker/protocol';
import { experiment as xorExperiment } from '../../src/lessons/xor/experiment';
import { meta as xorMeta } from '../../src/lessons/xor/meta';
import { lessonExperiment } from '../../src/lessons/experimentEntry';

const xor = lessonExperiment(xorMeta.params, xorExperiment);

/**
 * Checks a device-loss run: no error, a `backend` message naming the cpu and
 * the snapshot step, then metrics that resume at that step with the loss the
 * gpu posted for it (the weights carried over) and go on from there.
 */
export function checkDeviceLoss(run: LossRun): string[] {
  const problems: string[] = [];
  if (run.errors.length) problems.push(`errors: ${run.errors.join('; ')}`);
  const sw = run.messages.find((m) => m.type === 'backend');
  if (!sw || sw.type !== 'backend') return [...problems, 'no backend message'];
  if (sw.backend !== 'cpu') problems.push(`switched to ${sw.backend}`);
  const from = Number(/weights of step (\d+)/.exec(sw.note ?? '')?.[1] ?? NaN);
  if (!Number.isFinite(from)) problems.push(`note does not name the step: ${sw.note}`);
  const at = run.messages.indexOf(sw);
  const gpuLoss = run.messages.slice(0, at).find((m) => m.type === 'metrics' && m.step === from);
  const cpuFirst = run.messages.slice(at).find((m) => m.type === 'metrics');
  if (!gpuLoss || gpuLoss.type !== 'metrics' || !cpuFirst || cpuFirst.type !== 'metrics') return [...problems, 'missing metrics around the switch'];
  if (cpuFirst.step < from) problems.push(`cpu resumed at step ${cpuFirst.step}, before ${from}`);
  if (cpuFirst.step === from) {
    // posted before any cpu step: exactly the snapshot's numbers
    if (Math.abs(cpuFirst.values.loss - gpuLoss.values.loss) > 1e-6) problems.push(`loss ${cpuFirst.values.loss} on the cpu vs ${gpuLoss.values.loss} on the gpu at step ${from}`);
  } else if (!(cpuFirst.values.loss < gpuLoss.values.loss + 0.02)) {
    // a few steps on: close to where the gpu left off (a restart from scratch would be back near the first loss)
    problems.push(`first cpu loss ${cpuFirst.values.loss} (step ${cpuFirst.step}) far above ${gpuLoss.values.loss} at step ${from}`);
  }
  const last = run.losses[run.losses.length - 1];
  if (!(last[0] > from + 20)) problems.push(`only reached step ${last[0]}`);
  if (!(last[1] < gpuLoss.values.loss)) problems.push(`loss did not fall after the switch: ${last[1]}`);
  return problems;
}

export interface LossRun {
  messages: FromWorker[];
  /** [step, loss] of every metrics message */
  losses: [number, number][];
  backendMessages: FromWorker[];
  errors: string[];
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

/**
 * Plays XOR on `gpu`, calls `lose()` once `lossAfter` steps are posted, and
 * returns once `continueSteps` more steps have been posted on the cpu.
 */
export async function xorDeviceLoss(gpu: Backend, lose: () => void, lossAfter = 30, continueSteps = 60, timeoutMs = 100_000): Promise<LossRun> {
  const run: LossRun = { messages: [], losses: [], backendMessages: [], errors: [] };
  const port = {
    postMessage(m: FromWorker) {
      run.messages.push(m);
      if (m.type === 'metrics') run.losses.push([m.step, m.values.loss]);
      if (m.type === 'backend' || m.type === 'ready') run.backendMessages.push(m);
      if (m.type === 'error' || m.type === 'diverged') run.errors.push(m.message);
    },
  };
  const loop = new RunLoop({ xor }, port, async () => ({ backend: gpu }));
  await loop.handle({ type: 'init', runId: 1, lesson: 'xor', params: { model: 'mlp', hidden: 4, activation: 'tanh', lr: 0.2, seed: 3 }, backend: 'webgpu' });
  await loop.handle({ type: 'play', runId: 1 });
  const lastStep = () => (run.losses.length ? run.losses[run.losses.length - 1][0] : 0);
  await until(() => lastStep() >= lossAfter || run.errors.length > 0, timeoutMs, `step ${lossAfter} on the gpu`);
  lose();
  await until(() => run.backendMessages.some((m) => m.type === 'backend') || run.errors.length > 0, timeoutMs, 'the backend message');
  const at = run.losses.length;
  await until(() => run.errors.length > 0 || (run.losses.length > at && lastStep() >= run.losses[at - 1][0] + continueSteps), timeoutMs, 'steps on the cpu');
  await loop.handle({ type: 'dispose', runId: 1 });
  return run;
}
