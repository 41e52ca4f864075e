/**
 * Chooses the backend in the worker. `cpu` is the cpu; `webgpu` is WebGPU when
 * navigator.gpu gives an adapter and a device, else the cpu with a visible
 * note; `auto` is WebGPU when available, except for the tiny-model lessons in
 * CPU_UNDER_AUTO, which stay on the cpu: their whole training step costs less
 * on the cpu than the GPU dispatches it needs (see bench/webgpu.ts).
 */
import { cpuBackend } from '../backends/cpu';
import { createWebGpuBackend, type WebGpuBackend } from '../backends/webgpu';
import type { BackendSelector } from './runLoop';

/**
 * Lessons whose models are so small that dispatch overhead dominates. The
 * rule (bench/webgpu.ts): a GPU step costs at least its dispatch count times
 * ~10 us of encoding and driver work, so a lesson stays on the cpu under auto
 * while its cpu step is shorter than that. XOR: 33 dispatches vs 0.1 ms on
 * the cpu; a spirals-sized MLP with Adam: 129 dispatches vs ~0.4 ms; the
 * 2-D optimizer race, the deep 2-D MLPs of the vanishing and dropout lessons
 * and the small RNNs of the LSTM lesson (one set of dispatches per time step)
 * are of that size. The digits models (pretraining auto-encoders, the CNN)
 * are not: a 784-256-10 MLP step is 43 dispatches against ~45 ms on the cpu,
 * so they take WebGPU when it is there.
 */
export const CPU_UNDER_AUTO: ReadonlySet<string> = new Set(['xor', 'optimizers', 'vanishing', 'dropout', 'lstm']);

export const NO_WEBGPU_NOTE = 'WebGPU is not available in this browser; running on the CPU.';

let gpu: Promise<WebGpuBackend | null> | null = null;

/** The worker's WebGPU backend, created once; a new device is asked for after a loss. */
async function webgpu(): Promise<WebGpuBackend | null> {
  const prev = gpu && (await gpu);
  if (!gpu || (prev && prev.lost)) {
    gpu = createWebGpuBackend();
    listenForSimulatedLoss();
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

export const selectBackend: BackendSelector = async (choice, lesson) => {
  if (choice === 'cpu') return { backend: cpuBackend };
  if (choice === 'auto' && lesson !== undefined && CPU_UNDER_AUTO.has(lesson)) return { backend: cpuBackend };
  const b = await webgpu();
  if (b) return { backend: b };
  return { backend: cpuBackend, note: choice === 'webgpu' ? NO_WEBGPU_NOTE : undefined };
};
