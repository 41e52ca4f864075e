/// <reference lib="webworker" />
/** The parity suite in a Worker (where the app trains): ops, training, or a device loss mid-run. */
import { createWebGpuBackend, type WebGpuBackend } from '../../../src/engine/backends/webgpu';
import { runOpSuite } from '../opSuite';
import { runTrainingParity } from '../trainParity';
import { checkDeviceLoss, xorDeviceLoss } from '../runLoopHarness';

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function main(run: string): Promise<unknown> {
  const make = async (): Promise<WebGpuBackend> => {
    const b = await createWebGpuBackend(navigator.gpu);
    if (!b) throw new Error('no WebGPU adapter in this worker');
    return b;
  };
  const gpu = await createWebGpuBackend(navigator.gpu);
  if (!gpu) return { adapter: null, hasGpu: !!navigator.gpu };
  const adapter = gpu.adapterInfo || 'unknown adapter';
  if (run === 'ops') return { adapter, ops: await runOpSuite(gpu, undefined, make) };
  if (run === 'training') return { adapter, training: await runTrainingParity(gpu) };
  if (run === 'loss') {
    const r = await xorDeviceLoss(gpu, () => gpu.device.destroy());
    return { adapter, problems: checkDeviceLoss(r), backendMessages: r.backendMessages, lastLoss: r.losses[r.losses.length - 1] };
  }
  throw new Error(`unknown run ${run}`);
}

scope.onmessage = (e: MessageEvent<string>) => {
  main(e.data).then(
    (v) => scope.postMessage(v),
    (err) => scope.postMessage({ error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
};
