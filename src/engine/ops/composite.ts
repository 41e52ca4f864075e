/** Ops written from primitives: they need no gradient code of their own. */
import { sizeOf } from '../shape';
import type { Tensor } from '../tensor';
import { mul } from './mul';
import { type Axes, normAxes } from '../shape';
import { sum } from './sum';

/** Mean over `axes` (all when omitted). */
export function mean(x: Tensor, axes?: Axes, keepDims = false): Tensor {
  const ax = normAxes(axes, x.shape.length);
  const n = sizeOf(ax.map((a) => x.shape[a]));
  return mul(sum(x, ax, keepDims), 1 / n);
}

/** x^2, elementwise. */
export function square(x: Tensor): Tensor {
  return mul(x, x);
}
