import type { OpDef } from './op';
import type { Tensor } from './tensor';

export type BackendName = 'cpu' | 'webgpu';

/**
 * What the engine needs from a backend: pooled storage and a way to run an op's
 * kernel. Storage is opaque to the engine (Float32Array on cpu, GPUBuffer on webgpu).
 */
export interface Backend {
  readonly name: BackendName;
  /** Storage for `size` f32 values, from a pool; contents are undefined. */
  alloc(size: number): unknown;
  /** Returns storage to the pool. */
  release(storage: unknown, size: number): void;
  /** Copies host values into storage. */
  write(storage: unknown, values: Float32Array): void;
  /** Runs `op` on `inputs`, writing every element of `out`. */
  exec(op: OpDef<any>, inputs: readonly Tensor[], out: Tensor, attrs: any): void;
  /** Copies `src` into `dst` (same size): used for in-place parameter updates. */
  copy(src: Tensor, dst: Tensor): void;
  /** Host copy of a tensor's values, synchronously (cpu) */
  readSync?(t: Tensor): Float32Array;
  /** Host copy of a tensor's values. */
  read(t: Tensor): Promise<Float32Array>;
}
