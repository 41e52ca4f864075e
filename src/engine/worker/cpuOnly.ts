import { cpuBackend } from '../backends/cpu';
import type { BackendSelector } from './runLoop';

/** The selector used where WebGPU is not available: always cpu, with a note if something else was asked. */
export const cpuOnly: BackendSelector = async (choice) => ({
  backend: cpuBackend,
  note: choice === 'webgpu' ? 'WebGPU is not available here; running on the CPU.' : undefined,
});
