/** The webgpu backend: WGSL kernels for every op, pooled buffers, batched submits, cpu fallback on loss. */
export { WebGpuBackend, GpuDeviceLostError, createWebGpuBackend, type GpuStats } from './backend';
export { webgpuKernels } from './kernels';
export type { GpuKernel, GpuProgram } from './program';
