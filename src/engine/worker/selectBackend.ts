/**
 * Chooses the backend in the worker. `cpu` is the cpu; `webgpu` is WebGPU when
 * navigator.gpu gives an adapter and a device, else the cpu with a visible
 * note; `auto` is WebGPU when available, except for the tiny-model lessons in
 * CPU_UNDER_AUTO, which stay on the cpu: their whole training step costs less
 * on the cpu than the ~40 GPU dispatches it needs (see bench/webgpu.ts).
 */
import { cpuBackend } from '../backends/cpu';
import { createWebGpuBackend, type WebGpuBackend } from '../backends/webgpu';
import type { BackendSelector } from './runLoop';

/**
 * Lessons whose models are so small that dispatch overhead dominates: a
 * training step on the cpu takes microseconds (XOR: a 2-4-1 net on 4 points;
 * optimizers: one 2-D point), while one GPU step is tens of dispatches and a
 * submit. The rule: a lesson stays here while its cpu step is under ~0.5 ms.
 */
export const CPU_UNDER_AUTO: ReadonlySet<string> = new Set(['xor', 'optimizers']);

export const NO_WEBGPU_NOTE = 'WebGPU is not available in this browser; running on the CPU.';

let gpu: Promise<WebGpuBackend | null> | null = null;

/** The worker's WebGPU backend, created once; a new device is asked for after a loss. */
async function webgpu(): Promise<WebGpuBackend | null> {
  const prev = gpu && (await gpu);
  if (!gpu || (prev && prev.lost)) gpu = createWebGpuBackend();
  return gpu;
}

export const selectBackend: BackendSelector = async (choice, lesson) => {
  if (choice === 'cpu') return { backend: cpuBackend };
  if (choice === 'auto' && lesson !== undefined && CPU_UNDER_AUTO.has(lesson)) return { backend: cpuBackend };
  const b = await webgpu();
  if (b) return { backend: b };
  return { backend: cpuBackend, note: choice === 'webgpu' ? NO_WEBGPU_NOTE : undefined };
};
