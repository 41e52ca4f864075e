/**
 * The webgpu column of the benchmark: per training step, GPU dispatches,
 * buffer copies, submits, bytes read back, and buffers/pipelines created in
 * steady state (should be 0), next to cpu and webgpu time per step. Runs in
 * Node on Dawn (the `webgpu` package); on a machine without a GPU that is
 * SwiftShader, so its times say nothing about a real GPU, while the counts do
 * not depend on the adapter.
 *
 *   node --import tsx bench/webgpu.ts       (or call webgpuColumn() from bench/run.ts)
 */
import * as E from '../src/engine';
import type { Backend } from '../src/engine/backend';
import { createWebGpuBackend, type WebGpuBackend } from '../src/engine/backends/webgpu';
import { RunLoop } from '../src/engine/worker/runLoop';
import type { FromWorker } from '../src/engine/worker/protocol';
import { experiment as xorExperiment } from '../src/lessons/xor/experiment';
import { meta as xorMeta } from '../src/lessons/xor/meta';
import { lessonExperiment } from '../src/lessons/experimentEntry';

const xor = lessonExperiment(xorMeta.params, xorExperiment);
import { parityModels } from '../test/webgpu/trainParity';
import { nodeGpu } from '../test/webgpu/nodeGpu';
import { oursModel, type Model as OursModel } from './ours';

export interface WebGpuRow {
  model: string;
  cpuMsPerStep: number;
  webgpuMsPerStep: number;
  dispatchesPerStep: number;
  copiesPerStep: number;
  submitsPerStep: number;
  /** bytes read back per step when the loss is read once per step */
  bytesReadPerStep: number;
  readbacksPerStep: number;
  /** created during the measured steps, after warm-up: 0 means the pools and caches hold */
  buffersCreated: number;
  pipelinesCreated: number;
}

type Model = ReturnType<(typeof parityModels)[string]>;

/** A 784-256-10 ReLU MLP on a batch of 64 seeded "images" (digits-sized), SGD. */
function digitsMlp(): Model {
  const rng = new E.Rng(5);
  const B = 64;
  const x = E.keep(E.tensor(Float32Array.from({ length: B * 784 }, () => rng.uniform(0, 1)), [B, 784]));
  const y = E.keep(E.oneHot(Int32Array.from({ length: B }, (_, i) => i % 10), 10));
  const net = new E.Sequential([new E.Dense(784, 256, rng, 'he'), new E.Fn(E.relu), new E.Dense(256, 10, rng)]);
  return {
    params: net.params(),
    loss: () => E.softmaxCrossEntropy(net.forward(x), y),
    opt: new E.SGD(0.1),
    dispose: () => [...net.params(), x, y].forEach((t) => t.dispose()),
  };
}

const models: Record<string, () => Model> = { ...parityModels, 'digits mlp 784-256-10 (B=64)': digitsMlp };
/** Measured webgpu steps per model (SwiftShader is slow on the big one; the counts are per step anyway). */
const gpuSteps: Record<string, number> = { 'digits mlp 784-256-10 (B=64)': 3 };

async function timeSteps(backend: Backend, make: () => Model, warm: number, steps: number, gpu?: WebGpuBackend): Promise<{ ms: number; before?: WebGpuBackend['stats'] }> {
  E.setBackend(backend);
  const m = make();
  const step = async () => {
    const L = E.tidy(() => {
      const { loss, grads } = E.valueAndGrad(m.loss, m.params);
      m.opt.step(m.params, grads);
      return E.keep(loss);
    });
    await L.read(); // one readback per step: the loss a metrics message would carry
    L.dispose();
  };
  for (let i = 0; i < warm; i++) await step();
  const before = gpu ? { ...gpu.stats } : undefined;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step();
  const ms = (performance.now() - t0) / steps;
  m.dispose();
  E.setBackend(E.cpuBackend);
  return { ms, before };
}

/** One row per model; null when no WebGPU adapter loads here. */
export async function webgpuColumn(steps = 20, warm = 3): Promise<WebGpuRow[] | null> {
  const gpuApi = await nodeGpu();
  const gpu = gpuApi && (await createWebGpuBackend(gpuApi));
  if (!gpu) return null;
  const rows: WebGpuRow[] = [];
  for (const [model, make] of Object.entries(models)) {
    const cpu = await timeSteps(E.cpuBackend, make, 50, steps * 5);
    const n = gpuSteps[model] ?? steps;
    const g = await timeSteps(gpu, make, warm, n, gpu);
    const b = g.before!;
    const d = (k: keyof WebGpuBackend['stats']) => (gpu.stats[k] - b[k]) / n;
    rows.push({
      model,
      cpuMsPerStep: cpu.ms,
      webgpuMsPerStep: g.ms,
      dispatchesPerStep: d('dispatches'),
      copiesPerStep: d('copies'),
      submitsPerStep: d('submits'),
      bytesReadPerStep: d('bytesRead'),
      readbacksPerStep: d('readbacks'),
      buffersCreated: gpu.stats.buffersCreated - b.buffersCreated,
      pipelinesCreated: gpu.stats.pipelinesCreated - b.pipelinesCreated,
    });
  }
  return rows;
}

/**
 * What one posted metrics message costs in the real run loop on webgpu (XOR
 * lesson: loss, weights, decision surface, hidden layer, plus the weight
 * snapshot for the device-loss fallback): readbacks and bytes per post.
 */
export async function xorPostCost(): Promise<{ posts: number; steps: number; readbacksPerPost: number; bytesPerPost: number; bytesPerStep: number } | null> {
  const gpuApi = await nodeGpu();
  const gpu = gpuApi && (await createWebGpuBackend(gpuApi));
  if (!gpu) return null;
  let posts = 0;
  let lastStep = 0;
  const port = {
    postMessage(m: FromWorker) {
      if (m.type === 'metrics') {
        posts++;
        lastStep = m.step;
      }
    },
  };
  const loop = new RunLoop({ xor }, port, async () => ({ backend: gpu }));
  await loop.handle({ type: 'init', runId: 1, lesson: 'xor', params: { model: 'mlp', hidden: 4, seed: 1 }, backend: 'webgpu' });
  for (let i = 0; i < 3; i++) await loop.handle({ type: 'step', runId: 1 });
  const b = { ...gpu.stats };
  const p0 = posts;
  const s0 = lastStep;
  await loop.handle({ type: 'play', runId: 1 });
  await new Promise((r) => setTimeout(r, 4000));
  await loop.handle({ type: 'pause', runId: 1 });
  await loop.handle({ type: 'dispose', runId: 1 });
  E.setBackend(E.cpuBackend);
  const n = posts - p0;
  const steps = lastStep - s0;
  return {
    posts: n,
    steps,
    readbacksPerPost: (gpu.stats.readbacks - b.readbacks) / n,
    bytesPerPost: (gpu.stats.bytesRead - b.bytesRead) / n,
    bytesPerStep: (gpu.stats.bytesRead - b.bytesRead) / Math.max(1, steps),
  };
}

/**
 * The webgpu column for bench/run.ts: its models (bench/ours.ts, built on the
 * active backend) on webgpu, as a markdown table of dispatches, copies,
 * submits and bytes read back per step. A step reads nothing back; a metrics
 * post reads the loss (4 bytes). Times are flagged: on SwiftShader they are a CPU's.
 */
export async function webgpuBenchTable(models: { id: OursModel; label: string }[], steps = 2): Promise<string> {
  const gpuApi = await nodeGpu();
  const gpu = gpuApi && (await createWebGpuBackend(gpuApi));
  if (!gpu) return '\nwebgpu column: no WebGPU adapter loads here (the `webgpu` package with a Vulkan driver); skipped';
  const lines = [
    '',
    `webgpu column (${gpu.adapterInfo || 'adapter'}; Dawn in Node): counts per training step do not depend on the adapter; times on SwiftShader are a CPU's`,
    '',
    '| model | dispatches/step | copies/step | submits/step | bytes read back/step | new buffers/step | new pipelines/step | ms/step |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of models) {
    E.setBackend(gpu);
    try {
      const { step } = oursModel(m.id);
      const settle = async () => {
        gpu.flush();
        await gpu.device.queue.onSubmittedWorkDone();
      };
      step(); // builds the pipelines and fills the pools
      await settle();
      const b = { ...gpu.stats };
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) step();
      await settle();
      const ms = (performance.now() - t0) / steps;
      const d = (k: keyof WebGpuBackend['stats']) => fmt((gpu.stats[k] - b[k]) / steps);
      lines.push(`| ${m.label} | ${d('dispatches')} | ${d('copies')} | ${d('submits')} | ${d('bytesRead')} | ${d('buffersCreated')} | ${d('pipelinesCreated')} | ${fmt(ms, 1)} |`);
    } catch (e) {
      lines.push(`| ${m.label} | failed: ${(e as Error).message.split('\n')[0]} |`);
    } finally {
      E.setBackend(E.cpuBackend);
    }
  }
  gpu.destroy('benchmark done');
  return lines.join('\n');
}

const fmt = (v: number, d = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(d));

export function printWebGpuColumn(rows: WebGpuRow[]): void {
  console.log('\nwebgpu column (Dawn in Node; SwiftShader times are not GPU times, the counts are):');
  console.log(['model', 'cpu ms/step', 'webgpu ms/step', 'dispatches/step', 'copies/step', 'submits/step', 'bytes read/step', 'readbacks/step', 'new buffers', 'new pipelines'].join(' | '));
  for (const r of rows) {
    console.log(
      [r.model, fmt(r.cpuMsPerStep, 3), fmt(r.webgpuMsPerStep, 1), fmt(r.dispatchesPerStep), fmt(r.copiesPerStep), fmt(r.submitsPerStep), fmt(r.bytesReadPerStep), fmt(r.readbacksPerStep), r.buffersCreated, r.pipelinesCreated].join(' | '),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await webgpuColumn();
  if (!rows) console.log('webgpu column: no WebGPU adapter here (the `webgpu` package did not load); skipped');
  else {
    printWebGpuColumn(rows);
    const post = await xorPostCost();
    if (post)
      console.log(
        `\nXOR lesson in the run loop on webgpu: ${post.posts} metrics posts over ${post.steps} steps; ${fmt(post.readbacksPerPost)} readbacks and ${fmt(post.bytesPerPost, 0)} bytes per post (${fmt(post.bytesPerStep)} bytes per step)`,
      );
  }
  process.exit(0);
}
