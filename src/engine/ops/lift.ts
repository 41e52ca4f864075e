import { scalar } from '../engine';
import { Tensor } from '../tensor';

export type TensorLike = Tensor | number;

/** Turns a plain number into a scalar tensor so binary ops accept both. */
export function lift(x: TensorLike): Tensor {
  return x instanceof Tensor ? x : scalar(x);
}
