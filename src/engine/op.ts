import type { GpuKernel } from './backends/webgpu/program';
import type { OpCase } from './opCase';
import type { Shape } from './shape';
import type { Tensor } from './tensor';

/** A cpu kernel: reads the inputs' Float32Array storage, writes all of `out`. */
export type CpuKernel<A> = (inputs: readonly Tensor[], out: Tensor, attrs: A) => void;

/**
 * One primitive operation, whole in its module: its output shape, its
 * vector-Jacobian product written with other ops (absent for ops with no
 * gradient, like comparisons), its cpu kernel, its webgpu kernel (typed by the
 * same attributes, so a mismatch is a compile error) and the cases the
 * registry-walking suites run it on (the cross-backend op suite and the
 * finite-difference gradient check). The registry (ops/registry.ts) is
 * generated from the op modules.
 */
export interface OpDef<A = undefined> {
  readonly name: string;
  shape(inputs: readonly Shape[], attrs: A): Shape;
  vjp?(g: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: A): (Tensor | null)[];
  cpu: CpuKernel<A>;
  webgpu: GpuKernel<A>;
  /** At least one; each names its inputs' shapes and ranges and applies the op to them. */
  cases: readonly OpCase[];
}

/** The Float32Array behind a cpu tensor. */
export function buf(t: Tensor): Float32Array {
  return t.storage as Float32Array;
}
