/**
 * Chooses the backend in the worker. `cpu` is the cpu; `webgpu` is WebGPU when
 * navigator.gpu gives an adapter and a device, else the cpu with a visible
 * note; `auto` is WebGPU when available, unless the experiment prefers the
 * cpu under auto (its AutoBackend): the rule (bench/webgpu.ts) is that a GPU
 * step costs at least its dispatch count times ~10 us of encoding and driver
 * work, so a model stays on the cpu while its cpu step is shorter than that
 * (XOR: 33 dispatches vs 0.1 ms on the cpu; the 2-D lessons' MLPs and the
 * small RNNs, one set of dispatches per time step). Digits models (a
 * 784-256-10 MLP step: 43 dispatches against ~45 ms on the cpu) take WebGPU.
 */
import { cpuBackend } from '../backends/cpu';
import { createWebGpuBackend, type WebGpuBackend } from '../backends/webgpu';
import type { Backend } from '../backend';
import type { BackendChoice } from './protocol';

export const NO_WEBGPU_NOTE = 'WebGPU is not available in this browser; running on the CPU.';

let gpu: Promise<WebGpuBackend | null> | null = null;

/** The worker's WebGPU backend, created once; a new device is asked for after a loss. */
async function webgpu(): Promise<WebGpuBackend | null> {
  const prev = gpu && (await gpu);
  if (!gpu || (prev && prev.lost)) {
    gpu = createWebGpuBackend();
    // the simulated device loss exists only in test builds (vite build --mode test)
    if (import.meta.env?.MODE === 'test') listenForSimulatedLoss();
  }
  return gpu;
}

/**
 * A same-origin debugging hook: posting 'lose-device' on this BroadcastChannel
 * destroys the worker's GPU device, as a driver reset would (the browser test
 * of the fallback uses it). Only in a browser worker.
 */
export const SIMULATE_LOSS_CHANNEL = 'dlp-webgpu-debug';
let listening = false;
function listenForSimulatedLoss(): void {
  if (listening || typeof BroadcastChannel === 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined') return;
  listening = true;
  new BroadcastChannel(SIMULATE_LOSS_CHANNEL).onmessage = async (e: MessageEvent) => {
    if (e.data !== 'lose-device') return;
    const b = gpu && (await gpu);
    b?.device.destroy();
  };
}

/** The backend for a choice; `autoPrefersCpu` is the experiment's own AutoBackend resolved to a boolean. */
export async function selectBackend(choice: BackendChoice, autoPrefersCpu: boolean): Promise<{ backend: Backend; note?: string }> {
  if (choice === 'cpu') return { backend: cpuBackend };
  if (choice === 'auto' && autoPrefersCpu) return { backend: cpuBackend };
  const b = await webgpu();
  if (b) return { backend: b };
  return { backend: cpuBackend, note: choice === 'webgpu' ? NO_WEBGPU_NOTE : undefined };
}
