/** The webgpu backend (each op's WGSL kernel lives in its op module), pooled buffers, batched submits, cpu fallback on loss. */
export { WebGpuBackend, GpuDeviceLostError, createWebGpuBackend, type GpuStats } from './backend';
export type { GpuKernel, GpuProgram } from './program';
