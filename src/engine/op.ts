import type { Shape } from './shape';
import type { Tensor } from './tensor';

/** A cpu kernel: reads the inputs' Float32Array storage, writes all of `out`. */
export type CpuKernel<A> = (inputs: readonly Tensor[], out: Tensor, attrs: A) => void;

/**
 * One primitive operation: its output shape, its vector-Jacobian product written
 * with other ops (absent for ops with no gradient, like comparisons), and its cpu kernel.
 */
export interface OpDef<A = undefined> {
  readonly name: string;
  shape(inputs: readonly Shape[], attrs: A): Shape;
  vjp?(g: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: A): (Tensor | null)[];
  cpu: CpuKernel<A>;
}

/** The Float32Array behind a cpu tensor. */
export function buf(t: Tensor): Float32Array {
  return t.storage as Float32Array;
}
