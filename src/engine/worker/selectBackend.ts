import type { BackendSelector } from './runLoop';
import { cpuOnly } from './cpuOnly';

/**
 * Chooses the backend in the worker. Until the WebGPU backend lands every
 * choice runs on the cpu; a request for webgpu gets a visible note saying so.
 */
export const selectBackend: BackendSelector = cpuOnly;
